import Taro from '@tarojs/taro';

/** Taro's H5 router hides any toast when the page changes (WeChat keeps it). */
const ROUTE_CHANGED = '__afterTaroRouterChange';
/** How long after the toast a page change still counts as "the page this action leads to". */
const FOLLOW_MS = 3000;

/**
 * A toast for an action that then leaves the page (saved → back to the list): in WeChat
 * it stays over the next page by itself; in the browser build it is shown again once the
 * next page is up, or the user would never see '已存入待上传' or '已删除'.
 */
export function showToastAcrossNavigation(options: Taro.showToast.Option): void {
  void Taro.showToast(options);
  if (process.env.TARO_ENV !== 'h5') return;
  const again = () => {
    Taro.eventCenter.off(ROUTE_CHANGED, again);
    void Taro.showToast(options);
  };
  Taro.eventCenter.on(ROUTE_CHANGED, again);
  setTimeout(() => Taro.eventCenter.off(ROUTE_CHANGED, again), FOLLOW_MS);
}
