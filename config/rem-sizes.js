// @ts-check
/**
 * Weapp text follows the reader's WeChat font setting (关怀模式 among its steps): WeChat scales
 * only sizes in rem, under a page-meta with root-font-size="system" (weapp-project.ts puts one on
 * every page). This turns the font sizes pxtransform made rpx into rem at the client's standard
 * 16 px (design 34 → 17 px → 1.0625rem), and the minimum heights and widths too, which are what
 * makes a button, chip or field a tap target (96 → 48 px): targets grow with their text, and a
 * 360 px phone no longer shrinks them below 48 px as rpx did (96rpx = 46 px there). Widths,
 * paddings and the rest stay rpx. The desk layout (`…--wide`, WeChat's PC client) keeps rpx: it
 * is set for a wide window, where rpx already makes it large. At the standard setting the sizes
 * are those the browser build's a11y walk measures.
 *
 * Plain JS: Taro requires a local PostCSS plugin by path after its config is read, when no
 * TypeScript loader covers this file. It runs after pxtransform (Taro appends local plugins).
 */
const RPX_PER_REM = 32;
const DESK = /--wide\b/;

/** @param {import('postcss').Declaration} decl */
function toRem(decl) {
  const rpx = /^(\d*\.?\d+)rpx$/.exec(decl.value.trim());
  const rule = decl.parent;
  if (!rpx || (rule && rule.type === 'rule' && DESK.test(/** @type {import('postcss').Rule} */ (rule).selector))) return;
  decl.value = `${+(Number(rpx[1]) / RPX_PER_REM).toFixed(4)}rem`;
}

/** @type {import('postcss').PluginCreator<Record<string, never>>} */
const remSizes = () => ({
  postcssPlugin: 'weapp-rem-sizes',
  Declaration: { 'font-size': toRem, 'min-height': toRem, 'min-width': toRem },
});
remSizes.postcss = true;

module.exports = remSizes;
