/**
 * 重试 is offered where asking again can change the answer (no network, no answer in time, a
 * server fault), never after a refusal (not found, no right to it, invalid), which answers the same.
 */
import { useDraftForm } from '../../src/hooks/useDraftForm';
import { useRemote } from '../../src/hooks/useRemote';
import { BackendError, OfflineError, ServerFaultError } from '../../src/services/backend';
import { renderHook, run, settle } from './support/render-hook';

const refusals = [
  new BackendError({ code: 'NOT_FOUND', message: '案件不存在或已删除' }),
  new BackendError({ code: 'FORBIDDEN', message: '无权查看该单位的记录' }),
  new BackendError({ code: 'INVALID', message: '参数不正确' }),
];
const passing = [new OfflineError(), new OfflineError('timeout'), new ServerFaultError()];

/** A form whose load fails with `err` the first time and loads after. */
function draftForm(err: Error) {
  let loads = 0;
  const load = () => (++loads === 1 ? Promise.reject(err) : Promise.resolve({ summary: '已载入' }));
  const hook = renderHook(() => useDraftForm({ draftName: `retry-test:${Math.random()}`, load, check: (form) => ({ ok: true, input: form }) }), {});
  return { hook, loads: () => loads };
}

describe('a form whose case could not be loaded', () => {
  test.each(refusals)('refused ($error.code): the message shows, without 重试', async (err) => {
    const { hook } = draftForm(err);
    await settle();
    expect(hook.current().loadError).toBe(err.message);
    expect(hook.current().retry).toBeUndefined();
    hook.unmount();
  });

  test.each(passing)('not answered (%p): 重试 loads it again', async (err) => {
    const { hook, loads } = draftForm(err);
    await settle();
    expect(hook.current().loadError).toBe(err.message);
    run(() => hook.current().retry!());
    await settle();
    expect(loads()).toBe(2);
    expect(hook.current().form).toEqual({ summary: '已载入' });
    expect(hook.current().loadError).toBeUndefined();
    hook.unmount();
  });
});

describe('a page whose content could not be loaded', () => {
  test.each(refusals)('refused ($error.code): no 重试', async (err) => {
    const hook = renderHook(() => useRemote(() => Promise.reject(err)), {});
    await settle();
    expect(hook.current()).toMatchObject({ error: err.message, retry: undefined });
    hook.unmount();
  });

  test.each(passing)('not answered (%p): 重试', async (err) => {
    const hook = renderHook(() => useRemote(() => Promise.reject(err)), {});
    await settle();
    expect(hook.current().error).toBe(err.message);
    expect(hook.current().retry).toBeInstanceOf(Function);
    hook.unmount();
  });
});
