// @ts-check
/**
 * Weapp text follows the reader's WeChat font setting (关怀模式 among its steps): WeChat scales
 * only text sized in rem, under a page-meta with root-font-size="system" (weapp-project.ts puts
 * one on every page). This turns each font-size pxtransform made rpx into rem at the client's
 * standard 16 px (design 34 → 17 px → 1.0625rem), so the sizes the a11y walk measures in the
 * browser are the floor on a phone and grow with the setting; everything else stays rpx, and
 * boxes sized by min-height grow with their text. The desk layout (`…--wide`, WeChat's PC client)
 * keeps rpx: it is set for a wide window, where rpx already makes it large.
 *
 * Plain JS: Taro requires a local PostCSS plugin by path after its config is read, when no
 * TypeScript loader covers this file. It runs after pxtransform (Taro appends local plugins).
 */
const RPX_PER_REM = 32;
const DESK = /--wide\b/;

/** @type {import('postcss').PluginCreator<Record<string, never>>} */
const fontRem = () => ({
  postcssPlugin: 'weapp-font-rem',
  Declaration: {
    'font-size': (decl) => {
      const rpx = /^(\d*\.?\d+)rpx$/.exec(decl.value.trim());
      const rule = decl.parent;
      if (!rpx || (rule && rule.type === 'rule' && DESK.test(/** @type {import('postcss').Rule} */ (rule).selector))) return;
      decl.value = `${+(Number(rpx[1]) / RPX_PER_REM).toFixed(4)}rem`;
    },
  },
});
fontRem.postcss = true;

module.exports = fontRem;
