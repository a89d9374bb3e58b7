import Taro from '@tarojs/taro';
import { leaveTo } from './navigation';
import { PAGES } from './routes';

/** Taro's H5 router hides any toast when the page changes (WeChat keeps it). */
const ROUTE_CHANGED = '__afterTaroRouterChange';
/** How long after the toast a page change still counts as "the page this action leads to". */
const FOLLOW_MS = 3000;

/** Something the user asked for failed (refused, or no network): its reason, long enough to read. */
export function toastError(err: unknown, before = ''): void {
  void Taro.showToast({ title: `${before}${(err as Error).message}`, icon: 'none', duration: 3000 });
}

/** A failure that needs its whole reason read (an export, a download): a dialog, not a toast. */
export function alertError(title: string, err: unknown): void {
  void Taro.showModal({ title, content: (err as Error).message, showCancel: false });
}

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

/**
 * 删除 on a record's page: asks first, then deletes, says 已删除 over the page it goes back to;
 * a refusal (say, edited meanwhile) is shown and the page stays.
 */
export async function confirmAndRemove(ask: { title: string; content: string }, remove: () => Promise<unknown>, fallback: string = PAGES.home): Promise<void> {
  const ok = await Taro.showModal({ ...ask, confirmText: '删除' });
  if (!ok.confirm) return;
  try {
    await remove();
    showToastAcrossNavigation({ title: '已删除', icon: 'success' });
    leaveTo(fallback);
  } catch (err) {
    toastError(err);
  }
}
