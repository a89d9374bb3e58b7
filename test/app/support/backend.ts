/**
 * The back end as the app's h5 build reaches it (POST /fn/<name>), stood in for by a
 * function of (function name, action, payload); `offline()` makes every request fail
 * as with no signal.
 */
type Answer = { ok: true; data: unknown } | { ok: false; error: { code: string; message: string } };
export type Handler = (fn: string, action: string, payload: unknown) => Answer;

export function fakeBackend(handle: Handler) {
  const calls: { fn: string; action: string; payload: unknown }[] = [];
  let online = true;
  globalThis.fetch = (async (url: string, init?: { body?: string }) => {
    if (!online) throw new TypeError('Failed to fetch');
    const fn = String(url).replace(/^.*\/fn\//, '');
    const { action, payload } = JSON.parse(init?.body ?? '{}') as { action: string; payload: unknown };
    calls.push({ fn, action, payload });
    const body = handle(fn, action, payload);
    return { status: 200, headers: { get: () => 'application/json' }, json: async () => body };
  }) as unknown as typeof fetch;
  return {
    calls,
    offline: () => void (online = false),
    online: () => void (online = true),
  };
}
