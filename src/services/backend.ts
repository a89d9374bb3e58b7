/**
 * The one place the app reaches the back end. In WeChat: `Taro.cloud.callFunction`,
 * where the platform attaches the caller's OPENID. In the browser build: the same
 * event POSTed to the local gateway, with the demo identity chosen at sign-in.
 */
import Taro from '@tarojs/taro';
import type { ApiError, ApiResult, FunctionName } from '../../types/api';
import { uploadPath } from '../../types/files';
import { demoUser, type DemoUser } from './demo-session';

/** The back end answered with a refusal: show `error.message`, mark `error.fields`. */
export class BackendError extends Error {
  constructor(readonly error: ApiError) {
    super(error.message);
  }
}

/** Refused because someone saved the record since this version was read: the page must show the current one. */
export const isStale = (err: unknown): boolean => err instanceof BackendError && err.error.code === 'STALE';

/** The request never got an answer: no network, or the gateway is down. */
export class OfflineError extends Error {
  constructor() {
    super('网络不可用,请稍后重试');
  }
}

let cloudReady = false;

/** Called once at launch on weapp: the environment id comes from build configuration. */
export function initBackend(): void {
  if (process.env.TARO_ENV === 'weapp' && !cloudReady) {
    Taro.cloud.init({ env: process.env.TARO_APP_CLOUD_ENV || undefined, traceUser: true });
    cloudReady = true;
  }
}

async function send<T>(name: FunctionName, data: unknown, asUser?: string): Promise<ApiResult<T>> {
  if (process.env.TARO_ENV === 'weapp') {
    try {
      const res = await Taro.cloud.callFunction({ name, data: data as Record<string, unknown> });
      return res.result as ApiResult<T>;
    } catch {
      throw new OfflineError();
    }
  }
  let res: Response;
  try {
    res = await fetch(`/fn/${name}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-demo-user': asUser ?? demoUser() ?? '' },
      body: JSON.stringify(data),
    });
  } catch {
    throw new OfflineError();
  }
  if (res.status >= 500 && !res.headers.get('content-type')?.includes('json')) throw new OfflineError();
  return (await res.json()) as ApiResult<T>;
}

/** `asUser` (local build only) sends as the demo user who queued a write, not whoever is signed in now. */
export async function call<T>(name: FunctionName, action: string, payload?: unknown, asUser?: string): Promise<T> {
  const result = await send<T>(name, { action, payload }, asUser);
  if (!result.ok) throw new BackendError(result.error);
  return result.data;
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
    } catch {
      throw new OfflineError();
    }
  }
  let res: Response;
  try {
    const bytes = await (await fetch(localPath)).blob();
    res = await fetch(`/files/upload?name=${encodeURIComponent(name)}`, { method: 'POST', body: bytes });
  } catch {
    throw new OfflineError();
  }
  if (!res.headers.get('content-type')?.includes('json')) throw new OfflineError();
  const result = (await res.json()) as ApiResult<{ fileId: string }>;
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
    } catch {
      throw new OfflineError();
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
