/**
 * The back end as the app's h5 build reaches it (POST /fn/<name>), stood in for by a
 * function of (function name, action, payload). Its modes: `offline()` makes every request
 * fail as with no signal (fetch rejects); `fault(status, body)` answers every request with
 * that HTTP status and body text, as a gateway in front of a crashed function does; `hang()`
 * never answers (until the app aborts the request, as a real fetch rejects then); `online()`
 * goes back to answering through `handle`.
 */
type Answer = { ok: true; data: unknown } | { ok: false; error: { code: string; message: string } };
export type Handler = (fn: string, action: string, payload: unknown) => Answer;

type Mode = { kind: 'online' } | { kind: 'offline' } | { kind: 'fault'; status: number; body: string } | { kind: 'hang' };

/** As much of fetch's Response as the app reads. */
const response = (status: number, text: string) => ({
  ok: status >= 200 && status < 300,
  status,
  headers: { get: (h: string) => (h.toLowerCase() === 'content-type' ? 'application/json; charset=utf-8' : null) },
  json: async () => JSON.parse(text) as unknown,
});

export function fakeBackend(handle: Handler) {
  const calls: { fn: string; action: string; payload: unknown }[] = [];
  let mode: Mode = { kind: 'online' };
  let aborted = 0;
  globalThis.fetch = (async (url: string, init?: { body?: string; signal?: AbortSignal }) => {
    if (mode.kind === 'offline') throw new TypeError('Failed to fetch');
    const fn = String(url).replace(/^.*\/fn\//, '');
    const { action, payload } = JSON.parse(init?.body ?? '{}') as { action: string; payload: unknown };
    calls.push({ fn, action, payload });
    if (mode.kind === 'hang') {
      const signal = init?.signal;
      return new Promise((_, reject) =>
        signal?.addEventListener('abort', () => {
          aborted++;
          reject(new DOMException('aborted', 'AbortError'));
        }),
      );
    }
    if (mode.kind === 'fault') return response(mode.status, mode.body);
    return response(200, JSON.stringify(handle(fn, action, payload)));
  }) as unknown as typeof fetch;
  return {
    calls,
    /** Requests the app gave up on (aborted) while they hung. */
    aborted: () => aborted,
    offline: () => void (mode = { kind: 'offline' }),
    online: () => void (mode = { kind: 'online' }),
    fault: (status = 500, body = '<html>502 Bad Gateway</html>') => void (mode = { kind: 'fault', status, body }),
    hang: () => void (mode = { kind: 'hang' }),
  };
}
