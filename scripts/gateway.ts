/**
 * The local gateway: the H5 build as static files, and every cloud function at
 * POST /fn/<name>. The caller is the demo user the local sign-in screen chose (header
 * `x-demo-user`), handed to the function as CloudBase hands it the OPENID WeChat vouches
 * for; nothing in the request body can claim an identity.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { FunctionName } from '../types/api';
import { FUNCTION_NAMES } from '../types/api';
import { uploadPath } from '../types/files';
import { C, type Store } from '../cloudfunctions/core/platform/port';
import { invoke } from '../cloudfunctions/core/platform/runtime';
import { functions } from '../cloudfunctions/registry';
import type { Unit, User } from '../types/org';
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
  /** The H5 build folder; without it only /fn/ and /files/ are served. */
  staticDir?: string;
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new Error('too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
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

function serveFile(file: string, res: http.ServerResponse): void {
  res.writeHead(200, {
    'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
    'cache-control': file.endsWith('index.html') ? 'no-cache' : 'public, max-age=3600',
  });
  fs.createReadStream(file).pipe(res);
}

function serveStatic(dir: string, urlPath: string, res: http.ServerResponse): void {
  const rel = decodeURIComponent(urlPath.split('?')[0]);
  let file = path.normalize(path.join(dir, rel));
  if (!file.startsWith(path.normalize(dir))) {
    res.writeHead(403).end();
    return;
  }
  if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) file = path.join(dir, 'index.html');
  if (!fs.existsSync(file)) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('尚未构建 H5:请运行 npm run build:h5');
    return;
  }
  serveFile(file, res);
}

/** What `Taro.cloud.uploadFile` is on weapp: the bytes go to file storage, the app keeps the id. */
async function upload(deps: LocalDeps, req: http.IncomingMessage, url: URL) {
  return deps.files.put(uploadPath(url.searchParams.get('name') ?? 'file', deps.now()), await readBody(req));
}

export function createGateway({ deps, staticDir }: GatewayOptions): http.Server {
  const { store } = deps;
  return http.createServer(async (req, res) => {
    const url = req.url ?? '/';
    try {
      const fn = /^\/fn\/([a-z]+)$/.exec(url.split('?')[0]);
      if (fn) {
        if (req.method !== 'POST') return send(res, 405, { ok: false, error: { code: 'INVALID', message: '请使用 POST' } });
        const name = fn[1] as FunctionName;
        if (!FUNCTION_NAMES.includes(name)) {
          return send(res, 404, { ok: false, error: { code: 'NOT_FOUND', message: `没有名为 ${name} 的云函数` } });
        }
        let event: unknown;
        try {
          event = JSON.parse((await readBody(req)).toString('utf8'));
        } catch {
          return send(res, 400, { ok: false, error: { code: 'INVALID', message: '请求内容不是有效的 JSON' } });
        }
        const openid = String(req.headers['x-demo-user'] ?? '');
        return send(res, 200, await invoke(functions[name], event, openid, deps));
      }
      const parsed = new URL(url, 'http://local');
      if (parsed.pathname === '/files/upload' && req.method === 'POST') {
        return send(res, 200, { ok: true, data: await upload(deps, req, parsed) });
      }
      if (parsed.pathname.startsWith('/files/') && req.method === 'GET') {
        const file = deps.files.pathOf(parsed.pathname.slice('/files/'.length));
        if (file) return serveFile(file, res);
        return send(res, 404, { ok: false, error: { code: 'NOT_FOUND', message: '文件不存在' } });
      }
      if (url === '/local/demo-users') return send(res, 200, { ok: true, data: await demoUsers(store) });
      if (staticDir && req.method === 'GET') return serveStatic(staticDir, url, res);
      res.writeHead(404).end();
    } catch (err) {
      console.error('[gateway]', err);
      if (!res.headersSent) send(res, 500, { ok: false, error: { code: 'INTERNAL', message: '本地服务出错' } });
    }
  });
}
