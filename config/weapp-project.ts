import fs from 'node:fs';
import path from 'node:path';
import type { IPluginContext } from '@tarojs/service';
import { sources } from 'webpack';

/** A mini-program AppID (wx + 16 hex digits), or devtools' placeholder for trying without one. */
const APP_ID = /^(wx[0-9a-f]{16}|touristappid)$/;
/** A CloudBase environment id as the console shows it, e.g. `cloud1-8g2x4k6b0c2d4e6f`. */
const CLOUD_ENV = /^[a-z0-9][a-z0-9-]{1,63}$/i;

const PAGE_ROOT = '<template is="taro_tmpl"';
const FOLLOW_FONT_SETTING = '<page-meta root-font-size="system"></page-meta>';
/** What the build hook reads of Taro's MiniPlugin. */
type MiniPlugin = { pages: Set<{ name: string }>; getTemplatePath(name: string): string };

/**
 * The weapp build's deployment settings, checked before anything compiles so a mistyped id
 * fails the build with a message instead of shipping an app that never reaches its back end.
 *
 * WeChat devtools opens the repository root's project.config.json (its `miniprogramRoot` points
 * at dist/weapp/), but Taro writes `TARO_APP_ID` only into dist/weapp's copy: the root file gets
 * the id too. Only its `appid` changes, and only when `TARO_APP_ID` is set, so a build without it
 * (CI) leaves the committed file untouched; a developer who sets it sees it as a local change,
 * as devtools' own edits of that file are.
 */
export default (ctx: IPluginContext) => {
  if (process.env.TARO_ENV !== 'weapp') return;
  const { TARO_APP_ID: appId, TARO_APP_CLOUD_ENV: cloudEnv } = process.env;

  ctx.onBuildStart(() => {
    if (appId && !APP_ID.test(appId)) {
      throw new Error(`TARO_APP_ID「${appId}」不是小程序 AppID:应为 wx 开头的 18 位(见微信公众平台 → 开发管理 → 开发设置)`);
    }
    if (cloudEnv && !CLOUD_ENV.test(cloudEnv)) {
      throw new Error(`TARO_APP_CLOUD_ENV「${cloudEnv}」不是云开发环境 ID:只含字母、数字和 -(见云开发控制台 → 环境 ID)`);
    }
  });

  // Every page follows the reader's WeChat font setting (关怀模式 among its steps). WeChat scales
  // only sizes in rem, and rem follows the setting only under a page-meta with
  // root-font-size="system" as the page's first node; rem-sizes.js sizes text and tap targets in
  // rem. Written into each page's template rather than rendered: no setData, and no page can
  // forget it.
  ctx.modifyBuildAssets(({ assets, miniPlugin }: { assets: Record<string, sources.Source>; miniPlugin: MiniPlugin }) => {
    for (const page of miniPlugin.pages) {
      const file = miniPlugin.getTemplatePath(page.name);
      const wxml = assets[file]?.source().toString() ?? '';
      if (!wxml.includes(PAGE_ROOT)) throw new Error(`${file}: Taro's page template has changed (no ${PAGE_ROOT}); put the page-meta before the page's root by hand`);
      assets[file] = new sources.RawSource(wxml.replace(PAGE_ROOT, `${FOLLOW_FONT_SETTING}${PAGE_ROOT}`));
    }
  });

  ctx.onBuildComplete(() => {
    if (!appId) return;
    const file = path.join(ctx.paths.appPath, 'project.config.json');
    const config = JSON.parse(fs.readFileSync(file, 'utf8')) as { appid?: string };
    if (config.appid !== appId) fs.writeFileSync(file, `${JSON.stringify({ ...config, appid: appId }, null, 2)}\n`);
  });
};
