/**
 * The local gateway: the H5 build as static files, every cloud function at POST /fn/<name>,
 * stored files at /files/<path>, and sign-in at /auth/. The caller (scripts/auth/identity.ts)
 * is handed to the function as CloudBase hands it the OPENID WeChat vouches for: in the demo
 * the user the sign-in screen chose, in `npm run serve` the session's user. Nothing in the
 * request body can claim an identity.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { FunctionName } from '../types/api';
import { FUNCTION_NAMES } from '../types/api';
import { uploadPath } from '../types/files';
import { ownFile, type FileOwner } from '../cloudfunctions/core/app/kept-file';
import { C, type Store } from '../cloudfunctions/core/platform/port';
import { invoke } from '../cloudfunctions/core/platform/runtime';
import { functions } from '../cloudfunctions/registry';
import type { Unit, User } from '../types/org';
import { accounts as accountFunction } from './auth/accounts';
import { mayFetch } from './auth/files';
import { callerId, userOf, type AuthMode } from './auth/identity';
import { auth, type Accounts } from './auth/routes';
import { DEMO_USERS } from './demo';
import type { LocalDeps } from './local';

const MAX_BODY = 20 * 1024 * 1024;
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

export interface GatewayOptions {
  deps: LocalDeps;
  /** The H5 build folder; without it only /fn/, /files/ and /auth/ are served. */
  staticDir?: string;
  /** `demo` (npm start, the default) or `session` (npm run serve). */
  mode?: AuthMode;
  /** The account function's joining and reset (tests give a stand-in). */
  accounts?: Accounts;
}

function send(res: http.ServerResponse, status: number, body: unknown, cookie?: string): void {
  const text = JSON.stringify(body);
  if (cookie) res.setHeader('set-cookie', cookie);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}

const refused = (res: http.ServerResponse, status: number, code: string, message: string) => send(res, status, { ok: false, error: { code, message } });
const SIGNED_OUT = '未登录或登录已过期,请重新登录';
const ANOTHER_USERS_WRITE = '这条记录由另一账号录入,该账号登录后自动上传';

/**
 * Serve mode: the app names who queued a write (x-demo-user); it grants nothing, but a write
 * queued by someone who has since signed out on this browser must not be stored as whoever
 * signed in after them. 409 keeps it queued for its writer.
 */
function writtenBySession(req: http.IncomingMessage, sessionUser: string): boolean {
  const writer = req.headers['x-demo-user'];
  return typeof writer !== 'string' || !writer || writer === sessionUser;
}

/** A body over MAX_BODY: answered 413, in Chinese. */
class BodyTooLarge extends Error {
  /** The connection was cut: there is no one to answer. */
  constructor(readonly cut = false) {
    super('body too large');
  }
}
/**
 * Past this the sender is not a browser that will read our answer: the connection is cut. Up to it
 * the excess is read and dropped, so the sender, still sending, gets the 413 rather than a reset.
 */
const MAX_DISCARD = 4 * MAX_BODY;

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY) chunks.push(c);
      else if (size > MAX_DISCARD) {
        reject(new BodyTooLarge(true));
        req.destroy();
      }
    });
    req.on('end', () => (size > MAX_BODY ? reject(new BodyTooLarge()) : resolve(Buffer.concat(chunks))));
    req.on('error', reject);
  });
}

/** Deeper than any payload of ours: JSON.parse of 3,000,000 brackets holds the process 1.4 s. */
const MAX_DEPTH = 64;

/** Whether JSON text nests deeper than `max`: one pass, brackets inside strings not counted; run before parsing. */
export function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // a backslash escapes the next character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

class TooDeep extends Error {}

/** The request's JSON body (empty: null); refused before parsing when it nests too deep. */
async function readJson(req: http.IncomingMessage): Promise<unknown> {
  const text = (await readBody(req)).toString('utf8');
  if (nestsDeeperThan(text, MAX_DEPTH)) throw new TooDeep();
  return JSON.parse(text || 'null');
}

async function demoUsers(store: Store) {
  return Promise.all(
    DEMO_USERS.map(async (u) => {
      const user = await store.get<User>(C.users, u._id);
      const unitNames = await Promise.all(
        (user?.roles ?? []).map(async (g) => (await store.get<Unit>(C.units, g.unitId))?.name ?? g.unitId),
      );
      return { openid: u._id, name: u.name, roles: u.roles.map((g) => g.role), units: unitNames };
    }),
  );
}

function serveFile(file: string, res: http.ServerResponse, cache: string): void {
  const stream = fs.createReadStream(file);
  // A file gone or unreadable between the check and the read ends this answer, not the server.
  stream.on('error', () => (res.headersSent ? res.destroy() : refused(res, 404, 'NOT_FOUND', '文件不存在')));
  stream.once('open', () => {
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': cache });
    stream.pipe(res);
  });
}

function serveStatic(dir: string, rel: string, res: http.ServerResponse): void {
  let file = path.normalize(path.join(dir, rel));
  if (file !== path.normalize(dir) && !file.startsWith(path.join(path.normalize(dir), path.sep))) {
    res.writeHead(403).end();
    return;
  }
  if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) file = path.join(dir, 'index.html');
  if (!fs.existsSync(file)) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('尚未构建 H5:请运行 npm run build:h5');
    return;
  }
  serveFile(file, res, file.endsWith('index.html') ? 'no-cache' : 'public, max-age=3600');
}

/**
 * What `Taro.cloud.uploadFile` is on weapp: the bytes go to file storage, the app keeps the id.
 * 96 random bits from the system's generator go before the name, so another's upload cannot be guessed.
 */
async function upload(deps: LocalDeps, req: http.IncomingMessage, url: URL, by: User) {
  const named = uploadPath(url.searchParams.get('name') ?? 'file', deps.now());
  const cut = named.lastIndexOf('/') + 1;
  const stored = await deps.files.put(`${named.slice(0, cut)}${randomBytes(12).toString('base64url')}${named.slice(cut)}`, await readBody(req));
  await ownFile(deps.store, { fileId: stored.fileId, by, at: deps.now() });
  return stored;
}

/** Whether `action` of function `name` is open to callers who are not signed in (a public action such as self check-in). */
function isPublic(name: FunctionName, event: unknown): boolean {
  const action = (event as { action?: unknown } | null)?.action;
  const fn = functions[name];
  const run = typeof action === 'string' && Object.hasOwn(fn, action) ? fn[action] : undefined;
  return typeof run === 'object' && !!run.public;
}

export function createGateway({ deps, staticDir, mode = 'demo', accounts = accountFunction }: GatewayOptions): http.Server {
  const { store } = deps;
  return http.createServer(async (req, res) => {
    const url = req.url ?? '/';
    try {
      const fn = /^\/fn\/([a-z]+)$/.exec(url.split('?')[0]);
      if (fn) {
        if (req.method !== 'POST') return refused(res, 405, 'INVALID', '请使用 POST');
        const name = fn[1] as FunctionName;
        if (!FUNCTION_NAMES.includes(name)) return refused(res, 404, 'NOT_FOUND', `没有名为 ${name} 的云函数`);
        const event = await readJson(req);
        const openid = await callerId(mode, store, req, res, deps.now());
        if (mode === 'session' && !openid && !isPublic(name, event)) return refused(res, 401, 'UNREGISTERED', SIGNED_OUT);
        if (mode === 'session' && openid && !writtenBySession(req, openid)) return refused(res, 409, 'FORBIDDEN', ANOTHER_USERS_WRITE);
        return send(res, 200, await invoke(functions[name], event, openid, deps));
      }
      const parsed = new URL(url, 'http://local');
      let pathname: string;
      try {
        pathname = decodeURIComponent(parsed.pathname);
      } catch {
        return refused(res, 400, 'INVALID', '地址中的编码有误');
      }
      const authRoute = /^\/auth\/([a-z-]+)$/.exec(pathname);
      if (authRoute) {
        const answer = await auth({ mode, deps, accounts, body: () => readJson(req) }, authRoute[1], req, res);
        return send(res, answer.status, answer.body, answer.cookie);
      }
      if (pathname.startsWith('/files/')) {
        const user = await userOf(store, await callerId(mode, store, req, res, deps.now()));
        if (!user) return refused(res, 401, 'UNREGISTERED', SIGNED_OUT);
        if (pathname === '/files/upload' && req.method === 'POST') return send(res, 200, { ok: true, data: await upload(deps, req, parsed, user) });
        if (req.method !== 'GET') return refused(res, 405, 'INVALID', '请使用 GET');
        const rel = pathname.slice('/files/'.length);
        const file = deps.files.pathOf(rel);
        if (!file) return refused(res, 404, 'NOT_FOUND', '文件不存在');
        if (!mayFetch(user, await store.get<FileOwner>(C.files, deps.files.fileIdOf(rel)))) return refused(res, 403, 'FORBIDDEN', '无权下载此文件');
        return serveFile(file, res, 'private, no-store');
      }
      if (pathname === '/local/demo-users' && mode === 'demo') return send(res, 200, { ok: true, data: await demoUsers(store) });
      if (staticDir && req.method === 'GET') return serveStatic(staticDir, pathname, res);
      res.writeHead(404).end();
    } catch (err) {
      // A body that is not JSON, too large or too deep is the sender's mistake; anything else is ours.
      if (err instanceof SyntaxError) return refused(res, 400, 'INVALID', '请求内容不是有效的 JSON');
      if (err instanceof TooDeep) return refused(res, 400, 'INVALID', `请求内容嵌套超过${MAX_DEPTH}层`);
      if (err instanceof BodyTooLarge) {
        if (err.cut || res.headersSent) return res.destroy();
        res.setHeader('connection', 'close');
        return refused(res, 413, 'INVALID', `请求内容超过${MAX_BODY / 1024 / 1024}MB,请缩小后重试`);
      }
      console.error('[gateway]', err);
      if (!res.headersSent) refused(res, 500, 'INTERNAL', '本地服务出错');
    }
  });
}
