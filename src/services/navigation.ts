import Taro from '@tarojs/taro';

/**
 * Leaves a page once its action is done: back where the user came from, or to `fallback`
 * when the page was opened on its own (after a reload, from a shared link). With nothing
 * to go back to, WeChat's navigateBack fails and Taro's H5 one reloads the same page, so
 * the user would be left on the form with no sign that it saved.
 */
export function leaveTo(fallback: string): void {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
  else void Taro.redirectTo({ url: fallback });
}
