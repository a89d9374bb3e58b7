/**
 * The one place the app reaches the back end. In WeChat: `Taro.cloud.callFunction`,
 * where the platform attaches the caller's OPENID. In the browser build: the same
 * event POSTed to the local gateway: in the demo with the demo identity chosen at sign-in, in
 * `npm run serve` under the session cookie the gateway set (a header there names nobody).
 *
 * Every failure is one of three kinds, told apart because the phone acts differently on each:
 * a refusal (BackendError: show its message), no answer (OfflineError: writes wait in the
 * outbox), or a server fault (ServerFaultError: 服务暂时不可用, try again).
 */
import Taro from '@tarojs/taro';
import { FUNCTION_TIME_LIMIT_S, type ApiError, type ApiResult, type FunctionName } from '../../types/api';
import { uploadPath } from '../../types/files';
import { demoUser, signOut, type DemoUser } from './demo-session';
import { forgetKeptReads, keptRead } from './read-cache';

/** The back end answered with a refusal: show `error.message`, mark `error.fields`. */
export class BackendError extends Error {
  constructor(readonly error: ApiError) {
    super(error.message);
  }
}

/** Refused because someone saved the record since this version was read: the page must show the current one. */
export const isStale = (err: unknown): boolean => err instanceof BackendError && err.error.code === 'STALE';

/**
 * The request got no answer: no network (`reason: 'network'`), or none within the time limit
 * (`'timeout'`: a weak signal, or a function that hangs). A write may have been stored all the
 * same; resending it is safe, as its id was made on the phone and the same content stores once.
 */
export class OfflineError extends Error {
  constructor(readonly reason: 'network' | 'timeout' = 'network') {
    super(reason === 'network' ? '网络不可用,请稍后重试' : '网络不畅,请求超时,请稍后重试');
  }
}

/**
 * The back end was reached but did not answer properly: the function crashed or is not
 * deployed, ran past its time limit, answered 5xx or something unreadable, or said INTERNAL.
 * Neither the user's to fix nor a refusal: try again later. `detail` is for logs only.
 */
export class ServerFaultError extends Error {
  constructor(readonly detail = '', message = '服务暂时不可用,请稍后重试') {
    super(message);
  }
}

/**
 * `npm run serve` only: the session has ended (signed out elsewhere, 30 days unused, a password
 * reset). A fault, not a refusal: a queued write stays queued and goes once its user signs in again.
 */
export class SignedOutError extends ServerFaultError {
  constructor() {
    super('HTTP 401', '登录已过期,请重新登录');
  }
}

/**
 * `npm run serve` only: a write queued on this browser by another account (signed out since).
 * It is theirs: it waits here, untouched, until they sign in again, and is never sent as whoever
 * is signed in now.
 */
export class AnotherUsersWriteError extends Error {
  constructor() {
    super('这条记录由另一账号录入,该账号登录后自动上传');
  }
}

/** The gateway answers 401 when no session names the caller: this browser is no longer signed in. */
function signedOut(res: Response): void {
  if (res.status !== 401) return;
  forgetKeptReads();
  signOut();
  throw new SignedOutError();
}

/**
 * How long a request may go unanswered before it counts as no answer: the function's own time
 * limit and a margin for the trip. 15 s for every call a phone queues (their functions have
 * 10 s); an import or an export, which may rightly work for a minute, is waited for that long.
 */
export const REQUEST_TIMEOUT_MS = 15_000;
const MARGIN_MS = REQUEST_TIMEOUT_MS - FUNCTION_TIME_LIMIT_S.dispute * 1000;
const timeLimitMs = (name: FunctionName) => FUNCTION_TIME_LIMIT_S[name] * 1000 + MARGIN_MS;
let timeoutOverrideMs: number | undefined;

/** Tests shorten the limit of every call (no 15 s waits); `undefined` restores it. */
export function setRequestTimeout(ms: number | undefined): void {
  timeoutOverrideMs = ms;
}

let cloudReady = false;

/** Called once at launch on weapp: the environment id comes from build configuration. */
export function initBackend(): void {
  if (process.env.TARO_ENV === 'weapp' && !cloudReady) {
    Taro.cloud.init({ env: process.env.TARO_APP_CLOUD_ENV || undefined, traceUser: true });
    cloudReady = true;
  }
}

/**
 * WeChat's `errCode`s for a back end that answered with a fault: cloud function errors
 * (-404xxx, e.g. -404011 execution error), function runtime errors (-504xxx: -504002 threw,
 * -504003 ran past its time limit) and cloud errors (-501xxx: no such function, bad environment).
 */
const CLOUD_FAULT = /^-(404|501|504)\d{3}$/;
/** What WeChat's errMsg says when the request never left the phone or never came back. */
const NO_NETWORK = /request:fail|net::ERR_|network|网络|断开/i;

/**
 * Why `Taro.cloud.callFunction` failed; `networkType` is `Taro.getNetworkType`'s answer just
 * after. No network at all, or an errMsg about the request itself, is offline; a cloud or
 * function error code, or anything else while the phone has a network, is a server fault.
 */
export function weappFailure(err: unknown, networkType: string | undefined): OfflineError | ServerFaultError {
  if (networkType === 'none') return new OfflineError();
  const { errCode, errMsg, message } = (err ?? {}) as { errCode?: unknown; errMsg?: unknown; message?: unknown };
  const code = String(errCode ?? '');
  const msg = String(errMsg ?? message ?? err ?? '');
  // The code may be only in the text: "Error: errCode: -504003  | errMsg: Invoking task timed out…".
  if (CLOUD_FAULT.test(code) || /errCode:\s*-(404|501|504)\d{3}/.test(msg)) return new ServerFaultError(`${code} ${msg}`);
  if (NO_NETWORK.test(msg)) return new OfflineError();
  return new ServerFaultError(`${code} ${msg}`);
}

async function currentNetworkType(): Promise<string | undefined> {
  try {
    return (await Taro.getNetworkType()).networkType;
  } catch {
    return undefined;
  }
}

/** An answer shaped as an ApiResult; anything else (a crash page, nothing) is a fault. */
function asResult<T>(body: unknown): ApiResult<T> {
  const r = body as { ok?: unknown; error?: { message?: unknown } } | null | undefined;
  if (!r || typeof r !== 'object' || typeof r.ok !== 'boolean' || (!r.ok && typeof r.error?.message !== 'string')) {
    throw new ServerFaultError(`unexpected answer: ${String(JSON.stringify(body)).slice(0, 200)}`);
  }
  return r as ApiResult<T>;
}

/** Rejects with OfflineError('timeout') when `work` has not settled within `name`'s limit; `onTimeout` cancels it. */
function withinTime<T>(name: FunctionName, work: Promise<T>, onTimeout?: () => void): Promise<T> {
  const timeoutMs = timeoutOverrideMs ?? timeLimitMs(name);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onTimeout?.();
      reject(new OfflineError('timeout'));
    }, timeoutMs);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

async function sendWeapp<T>(name: FunctionName, data: Record<string, unknown>): Promise<ApiResult<T>> {
  let res: Taro.cloud.CallFunctionResult;
  try {
    res = await withinTime(name, Taro.cloud.callFunction({ name, data }));
  } catch (err) {
    const type = await currentNetworkType();
    throw err instanceof OfflineError && type !== 'none' ? err : weappFailure(err, type);
  }
  return asResult<T>(res.result);
}

async function sendH5<T>(name: FunctionName, data: Record<string, unknown>, asUser?: string): Promise<ApiResult<T>> {
  const abort = new AbortController();
  const request = async () => {
    let res: Response;
    try {
      res = await fetch(`/fn/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-demo-user': asUser ?? demoUser() ?? '' },
        body: JSON.stringify(data),
        signal: abort.signal,
      });
    } catch {
      throw new OfflineError(abort.signal.aborted ? 'timeout' : 'network');
    }
    signedOut(res);
    if (res.status === 409) throw new AnotherUsersWriteError();
    // The gateway answers every function call 200, refusals included: any other status is a fault.
    if (!res.ok) throw new ServerFaultError(`HTTP ${res.status}`);
    let body: unknown;
    try {
      body = await res.json();
    } catch {
      throw new ServerFaultError('unparsable answer');
    }
    return asResult<T>(body);
  };
  // Aborted on timeout, so an answer arriving later is neither waited for nor applied.
  return withinTime(name, request(), () => abort.abort());
}

/**
 * Calls `name`.`action`; throws BackendError (refused), OfflineError (no answer within
 * REQUEST_TIMEOUT_MS) or ServerFaultError. `asUser` (browser build only) is who queued a write:
 * the demo sends as them, not whoever is signed in now; `npm run serve` sends it only to be
 * checked against the session (another account's write: AnotherUsersWriteError).
 */
export function call<T>(name: FunctionName, action: string, payload?: unknown, asUser?: string): Promise<T> {
  return keptRead(name, action, payload, async () => {
    const event = { action, payload };
    const result = process.env.TARO_ENV === 'weapp' ? await sendWeapp<T>(name, event) : await sendH5<T>(name, event, asUser);
    if (!result.ok) throw result.error.code === 'INTERNAL' ? new ServerFaultError(result.error.message) : new BackendError(result.error);
    return result.data;
  }, (err) => err instanceof OfflineError);
}

/**
 * Puts a file the user picked (a photo from `Taro.chooseImage`) into file storage and
 * answers its file id, which records keep. WeChat: cloud storage via `Taro.cloud.uploadFile`.
 * Browser build: `localPath` is a blob: URL, whose bytes go to the gateway's /files/upload.
 */
export async function uploadFile(localPath: string, name: string): Promise<string> {
  if (process.env.TARO_ENV === 'weapp') {
    try {
      return (await Taro.cloud.uploadFile({ cloudPath: uploadPath(name), filePath: localPath })).fileID;
    } catch (err) {
      throw weappFailure(err, await currentNetworkType());
    }
  }
  let res: Response;
  try {
    const bytes = await (await fetch(localPath)).blob();
    res = await fetch(`/files/upload?name=${encodeURIComponent(name)}`, { method: 'POST', body: bytes });
  } catch {
    throw new OfflineError();
  }
  signedOut(res);
  if (!res.ok || !res.headers.get('content-type')?.includes('json')) throw new ServerFaultError(`HTTP ${res.status}`);
  const result = asResult<{ fileId: string }>(await res.json());
  if (!result.ok) throw new BackendError(result.error);
  return result.data.fileId;
}

/**
 * Opens a file the back end made (a report export). WeChat: fetched from cloud storage by its
 * file id (no download domain to configure) and shown in the document viewer, whose menu can
 * forward or save it. Browser build: downloaded under its name.
 */
export async function openFile(file: { fileId: string; url: string; name: string }, fileType: 'xlsx' | 'docx'): Promise<void> {
  if (process.env.TARO_ENV === 'weapp') {
    let filePath: string;
    try {
      filePath = (await Taro.cloud.downloadFile({ fileID: file.fileId })).tempFilePath;
    } catch (err) {
      throw weappFailure(err, await currentNetworkType());
    }
    await Taro.openDocument({ filePath, fileType, showMenu: true });
    return;
  }
  const a = document.createElement('a');
  a.href = file.url;
  a.download = file.name;
  document.body.appendChild(a);
  a.click();
  a.remove();
}

/** Local gateway only: the demo users the sign-in screen offers. */
export async function fetchDemoUsers(): Promise<DemoUser[]> {
  try {
    const res = await fetch('/local/demo-users');
    return ((await res.json()) as { data: DemoUser[] }).data;
  } catch {
    throw new OfflineError();
  }
}
