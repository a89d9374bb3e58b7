/** useRemote applies only the latest request's answer, whichever arrives last. */
import { useRemote } from '../../src/hooks/useRemote';
import { renderHook, run, settle } from './support/render-hook';

/** A back end whose answers the test releases, in any order. */
function backend() {
  const calls: { q: string; answer: (v: string) => void; fail: (e: Error) => void }[] = [];
  const list = (q: string) => new Promise<string>((answer, fail) => calls.push({ q, answer, fail }));
  return { calls, list };
}

test('a manual reload answered after a newer filter does not replace the filtered answer', async () => {
  const b = backend();
  const hook = renderHook(({ q }: { q: string }) => useRemote(() => b.list(q), [q]), { q: '' });
  // The page shows again (useDidShow) before the first answer: a second, unfiltered request.
  run(() => hook.current().reload());
  // Then a filter: a third request.
  hook.rerender({ q: '邻里' });
  expect(b.calls.map((c) => c.q)).toEqual(['', '', '邻里']);

  b.calls[2].answer('filtered');
  await settle();
  expect(hook.current()).toMatchObject({ data: 'filtered', loading: false });

  // The older answers land late: ignored.
  b.calls[1].answer('unfiltered (reload)');
  b.calls[0].answer('unfiltered (first)');
  await settle();
  expect(hook.current()).toMatchObject({ data: 'filtered', loading: false });
  hook.unmount();
});

test('of two reloads, the later one wins even when the earlier answers last, or fails last', async () => {
  const b = backend();
  const hook = renderHook(() => useRemote(() => b.list('')), {});
  run(() => hook.current().reload());
  b.calls[1].answer('newer');
  await settle();
  b.calls[0].fail(new Error('网络不可用,请稍后重试'));
  await settle();
  expect(hook.current()).toMatchObject({ data: 'newer', loading: false });
  expect(hook.current().error).toBeUndefined();

  run(() => hook.current().reload());
  expect(hook.current()).toMatchObject({ data: 'newer', loading: true });
  b.calls[2].answer('newest');
  await settle();
  expect(hook.current()).toMatchObject({ data: 'newest', loading: false });
  hook.unmount();
});

test('a save\'s answer (replace) shows at once, and a reload still on its way does not overwrite it', async () => {
  const b = backend();
  const hook = renderHook(() => useRemote(() => b.list('')), {});
  b.calls[0].answer('v1');
  await settle();
  run(() => hook.current().reload());
  run(() => hook.current().replace('v2 (saved)'));
  expect(hook.current()).toMatchObject({ data: 'v2 (saved)', loading: false });
  b.calls[1].answer('v1 (read before the save)');
  await settle();
  expect(hook.current()).toMatchObject({ data: 'v2 (saved)', loading: false });
  hook.unmount();
});
