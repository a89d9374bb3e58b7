/**
 * A server fault is not being offline, and nothing waits forever: how the app tells a refusal,
 * no network, no answer in time and a back end that failed apart, on h5 (POST /fn/<name>) and
 * weapp (Taro.cloud.callFunction), and what each does to a save and to a page's read.
 */
import { act } from 'react';
import type { DisputeInput } from '../../types/dispute';
import { BackendError, call, OfflineError, ServerFaultError, setRequestTimeout, weappFailure } from '../../src/services/backend';
import { forgetMe, saveDispute } from '../../src/services/ledger';
import { NOT_SAVED, outbox, submitWrite } from '../../src/services/sync';
import { useDraftForm } from '../../src/hooks/useDraftForm';
import { useRemote } from '../../src/hooks/useRemote';
import { fakeBackend } from './support/backend';
import { SETTLED_CASE } from './support/cases';
import { renderHook, run, settle } from './support/render-hook';
import { clearStorage, wechat } from './support/taro';

const CASE: DisputeInput = {
  id: 'case-fault-1',
  ...SETTLED_CASE,
  amountFen: 0,
  parties: 2,
  banners: 0,
  summary: '宅基地边界',
};

/** A back end that stores each case under its id, as the functions do: the same content again changes nothing. */
function district() {
  const stored = new Map<string, unknown>();
  const backend = fakeBackend((_fn, action, payload) => {
    if (action !== 'save') return { ok: true, data: [] };
    const p = payload as DisputeInput;
    if (p.type === '消费纠纷') return { ok: false, error: { code: 'INVALID', message: '纠纷类型不在本区列表中' } };
    if (!stored.has(p.id)) stored.set(p.id, p);
    return { ok: true, data: stored.get(p.id) };
  });
  return { ...backend, stored };
}

/** Lets `ms` pass, with the state updates made meanwhile applied. */
const wait = (ms: number) => act(() => new Promise<void>((r) => setTimeout(r, ms)));
const failure = async (p: Promise<unknown>) => p.then(() => undefined, (err: unknown) => err);

beforeEach(() => {
  clearStorage();
  forgetMe();
  setRequestTimeout(undefined);
});
afterEach(() => {
  Reflect.deleteProperty(process.env, 'TARO_ENV');
  wechat.networkType = 'wifi';
});

describe('h5: what the gateway answers, as the app sees it', () => {
  test('no network is offline; a 500, a 502 page, an unreadable body, a non-answer and INTERNAL are server faults', async () => {
    const b = district();
    b.offline();
    const offline = await failure(call('dispute', 'list'));
    expect(offline).toBeInstanceOf(OfflineError);
    expect(offline).toMatchObject({ reason: 'network', message: '网络不可用,请稍后重试' });

    for (const [status, body] of [
      [500, JSON.stringify({ ok: false, error: { code: 'INTERNAL', message: '本地服务出错' } })],
      [502, '<html>502 Bad Gateway</html>'],
      [200, 'Internal Server Error'],
      [200, 'null'],
      [200, JSON.stringify({ ok: false, error: { code: 'INTERNAL', message: '系统出错,本次操作未保存,请稍后重试' } })],
    ] as const) {
      b.fault(status, body);
      const err = await failure(call('dispute', 'list'));
      expect([status, body, err]).toEqual([status, body, expect.any(ServerFaultError)]);
      expect((err as Error).message).toBe('服务暂时不可用,请稍后重试');
    }
  });

  test('a refusal is a BackendError with its own Chinese message', async () => {
    district();
    const err = await failure(call('dispute', 'save', { ...CASE, type: '消费纠纷' }));
    expect(err).toBeInstanceOf(BackendError);
    expect((err as BackendError).error).toEqual({ code: 'INVALID', message: '纠纷类型不在本区列表中' });
  });

  test('a request that hangs is given up after the time limit as no answer (timeout), and aborted', async () => {
    const b = district();
    b.hang();
    setRequestTimeout(20);
    const err = await failure(call('dispute', 'list'));
    expect(err).toBeInstanceOf(OfflineError);
    expect(err).toMatchObject({ reason: 'timeout', message: '网络不畅,请求超时,请稍后重试' });
    expect(b.aborted()).toBe(1);
  });
});

test('the limit is the function\'s own: a queued write\'s call gives up at 15 s, an import (60 s on the platform) is waited for', async () => {
  const b = district();
  b.hang();
  jest.useFakeTimers();
  try {
    const settled: string[] = [];
    const save = call('dispute', 'save', CASE).catch((e: OfflineError) => settled.push(`save ${e.reason}`));
    const imported = call('import', 'run', {}).catch((e: OfflineError) => settled.push(`import ${e.reason}`));
    await jest.advanceTimersByTimeAsync(14_999);
    expect(settled).toEqual([]);
    await jest.advanceTimersByTimeAsync(1);
    expect(settled).toEqual(['save timeout']);
    await jest.advanceTimersByTimeAsync(60_000 - 15_000);
    expect(settled).toEqual(['save timeout']);
    await jest.advanceTimersByTimeAsync(5_000);
    await Promise.all([save, imported]);
    expect(settled).toEqual(['save timeout', 'import timeout']);
  } finally {
    jest.useRealTimers();
  }
});

describe('weapp: how Taro.cloud.callFunction fails', () => {
  test.each([
    ['function threw (-404011 / -504002)', { errCode: -404011, errMsg: 'cloud.callFunction:fail requestID 16a6, cloud function service error code -504002, error message Error: collection.update:fail' }, 'wifi', ServerFaultError],
    ['function ran past its time limit (-504003, code in the text only)', new Error('cloud.callFunction:fail Error: errCode: -504003  | errMsg: Invoking task timed out after 3 seconds'), '4g', ServerFaultError],
    ['function not deployed (-501000)', { errCode: -501000, errMsg: 'cloud.callFunction:fail Error: errCode: -501000  | errMsg: FunctionName parameter could not be found.' }, 'wifi', ServerFaultError],
    ['an unknown failure with a network', { errCode: -1, errMsg: 'cloud.callFunction:fail' }, 'wifi', ServerFaultError],
    ['the request itself failed', { errMsg: 'cloud.callFunction:fail request:fail errcode:-102 net::ERR_CONNECTION_REFUSED' }, 'wifi', OfflineError],
    ['no network at all, whatever the code', { errCode: -404011, errMsg: 'cloud.callFunction:fail' }, 'none', OfflineError],
  ])('%s', (_what, err, networkType, kind) => {
    expect(weappFailure(err, networkType)).toBeInstanceOf(kind);
  });

  test('through call(): a crash, nothing answered, a hang with and without a network', async () => {
    process.env.TARO_ENV = 'weapp';
    // A read whose answer is not kept on the phone (read-cache.ts), so no answer stays no answer.
    wechat.callFunction = async () => Promise.reject({ errCode: -404011, errMsg: 'cloud.callFunction:fail cloud function service error code -504002' });
    expect(await failure(call('dispute', 'history'))).toBeInstanceOf(ServerFaultError);

    // The function returned nothing (crashed before answering): not an ApiResult.
    wechat.callFunction = async () => ({ result: undefined });
    expect(await failure(call('dispute', 'history'))).toBeInstanceOf(ServerFaultError);

    wechat.callFunction = async () => ({ result: { ok: true, data: 7 } });
    await expect(call('dispute', 'history')).resolves.toBe(7);

    setRequestTimeout(20);
    wechat.callFunction = () => new Promise(() => undefined);
    expect(await failure(call('dispute', 'history'))).toMatchObject({ reason: 'timeout' });
    wechat.networkType = 'none';
    expect(await failure(call('dispute', 'history'))).toMatchObject({ reason: 'network' });
  });
});

describe('a save', () => {
  test('offline: queued (as before)', async () => {
    const b = district();
    b.offline();
    await expect(saveDispute(CASE)).resolves.toEqual({ outcome: 'queued' });
    expect(outbox.pending()).toBe(1);
    b.online();
    await outbox.flush();
    expect(outbox.pending()).toBe(0);
  });

  test('a server fault: thrown as not saved yet, kept in the outbox, and landed once by the next flush', async () => {
    const b = district();
    b.fault(500, '<html>500</html>');
    const err = await failure(saveDispute(CASE));
    expect(err).toBeInstanceOf(ServerFaultError);
    expect((err as Error).message).toBe(NOT_SAVED);
    expect(b.stored.size).toBe(0);
    expect(outbox.pending()).toBe(1);
    expect(outbox.trouble()).toBe('fault');

    b.online();
    await expect(outbox.flush()).resolves.toEqual({ sent: 1, refused: 0, faults: 0, held: 0, offline: false });
    expect([...b.stored.keys()]).toEqual([CASE.id]);
    expect(outbox.items()).toEqual([]);
    expect(outbox.trouble()).toBeUndefined();
  });

  test('a refusal is never queued', async () => {
    district();
    const err = await failure(saveDispute({ ...CASE, type: '消费纠纷' }));
    expect(err).toBeInstanceOf(BackendError);
    expect(outbox.items()).toEqual([]);
  });

  test('a hang: queued once the time limit passes; its answer may have been lost after it was stored, so the resend is the same write', async () => {
    const b = district();
    b.hang();
    setRequestTimeout(20);
    await expect(saveDispute(CASE)).resolves.toEqual({ outcome: 'queued', timeout: true });
    expect(outbox.pending()).toBe(1);
    expect(outbox.trouble()).toBe('offline');

    b.online();
    await outbox.flush();
    expect(outbox.pending()).toBe(0);
    const sends = b.calls.filter((c) => c.action === 'save');
    expect(sends).toHaveLength(2);
    expect(sends[1].payload).toEqual(sends[0].payload);
    expect(b.stored.size).toBe(1);
  });

  test('in a flush, a write the back end fails on stays pending and does not hold up the next one', async () => {
    const b = fakeBackend((_fn, _action, payload) =>
      (payload as { id: string }).id === 'bad'
        ? { ok: false, error: { code: 'INTERNAL', message: '系统出错' } }
        : { ok: true, data: payload },
    );
    b.offline();
    await submitWrite('dispute', 'save', { ...CASE, id: 'bad' }, 'a');
    await submitWrite('dispute', 'save', { ...CASE, id: 'good' }, 'b');
    b.online();
    await expect(outbox.flush()).resolves.toEqual({ sent: 1, refused: 0, faults: 1, held: 0, offline: false });
    expect(outbox.items().map((i) => i.id)).toEqual(['bad']);
    expect(outbox.pending()).toBe(1);
  });
});

describe('on the page', () => {
  type Form = { id: string; summary: string };
  const useFaultTestForm = () =>
    useDraftForm<Form, Form>({ draftName: 'fault-test', load: () => ({ id: 'case-fault-2', summary: '邻里' }), check: (f) => ({ ok: true, input: f }) });

  test('a form that met a server fault says so until 重试 gets it through; the record goes once', async () => {
    const b = district();
    b.fault(503, 'Service Unavailable');
    const hook = renderHook(useFaultTestForm, {});
    await settle();
    const saved: unknown[] = [];
    const save = async (input: Form) => {
      saved.push(await submitWrite('dispute', 'save', input, input.summary));
      return true;
    };
    run(() => hook.current().submit(save));
    await settle();
    expect(hook.current().fault).toBe(NOT_SAVED);
    expect(saved).toEqual([]);

    b.online();
    run(() => hook.current().retrySave());
    await settle();
    expect(hook.current().fault).toBeUndefined();
    expect(saved).toEqual([{ outcome: 'sent', data: { id: 'case-fault-2', summary: '邻里' } }]);
    expect(outbox.items()).toEqual([]);
    expect(b.stored.size).toBe(1);
    hook.unmount();
  });

  test('a read that met a fault shows 服务暂时不可用; reload after it recovers shows the data', async () => {
    const b = district();
    b.fault(500, 'oops');
    const hook = renderHook(() => useRemote(() => call<unknown>('dispute', 'list')), {});
    await settle();
    expect(hook.current()).toMatchObject({ loading: false, error: '服务暂时不可用,请稍后重试' });
    b.online();
    run(() => hook.current().reload());
    await settle();
    expect(hook.current().error).toBeUndefined();
    hook.unmount();
  });

  test('a read that hangs stops spinning after the time limit', async () => {
    const b = district();
    b.hang();
    setRequestTimeout(20);
    const hook = renderHook(() => useRemote(() => call<unknown>('dispute', 'list')), {});
    expect(hook.current().loading).toBe(true);
    await wait(40);
    expect(hook.current()).toMatchObject({ loading: false, error: '网络不畅,请求超时,请稍后重试' });
    hook.unmount();
  });
});
