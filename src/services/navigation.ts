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

/**
 * After a refused save: brings the first field marked in red into view, once it has rendered.
 * The form may be two screens long and the toast alone does not say where. In the browser
 * Taro keeps earlier pages in the DOM, hidden, so the first *visible* one is the one.
 */
export function scrollToFirstError(): void {
  setTimeout(() => {
    if (process.env.TARO_ENV !== 'h5') {
      void Taro.pageScrollTo({ selector: '.field--error', duration: 200 });
      return;
    }
    const shown = Array.from(document.querySelectorAll<HTMLElement>('.field--error')).find((el) => el.offsetParent !== null);
    shown?.scrollIntoView({ block: 'center' });
  }, 50);
}
