/**
 * The CloudBase stand-in over HTTP on 127.0.0.1, for function bundles running in another
 * process (Node 16, with hook.js preloaded). Routes:
 *
 * - `POST /db` `{ api, data }`: one database request, as `TcbDBApiHttpRequester.send` gets
 *   it, answered by the stand-in's `handle` → `{ result }`, or `{ error }` with the thrown
 *   error's code and message (hook.js throws it again as the SDK's own error);
 * - `POST /storage` `{ action, params }`: a storage action of the CloudBase API (storage.ts);
 * - `PUT|GET /cos/<path>`: the byte transfers the SDK makes to the URLs those answered.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { COS_ROUTE, type StorageStandIn } from './storage';

/** What a database stand-in offers: the `send` of the SDK's database requester. */
export interface DbHandler {
  handle(api: string, data: Record<string, unknown>): Promise<unknown>;
}

export interface Served {
  url: string;
  close(): Promise<void>;
}

function body(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** An error as it crosses to the other process: what callers read of it. */
function errorJson(err: unknown): Record<string, unknown> {
  const e = err as { code?: unknown; message?: unknown; requestId?: unknown };
  return { code: e?.code ?? 'STANDIN_ERROR', message: String(e?.message ?? err), requestId: e?.requestId ?? '' };
}

export async function serveStandIn(db: DbHandler, storage: StorageStandIn): Promise<Served> {
  let url = '';
  const json = (res: http.ServerResponse, value: unknown) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(value));
  };
  const server = http.createServer((req, res) => {
    const path = decodeURIComponent((req.url ?? '').split('?')[0]);
    body(req)
      .then(async (bytes) => {
        if (req.method === 'POST' && path === '/db') {
          const { api, data } = JSON.parse(bytes.toString('utf8')) as { api: string; data: Record<string, unknown> };
          try {
            json(res, { result: await db.handle(api, data) });
          } catch (err) {
            json(res, { error: errorJson(err) });
          }
        } else if (req.method === 'POST' && path === '/storage') {
          const { action, params } = JSON.parse(bytes.toString('utf8')) as { action: string; params: Record<string, unknown> };
          json(res, { result: storage.api(action, params, url) });
        } else if (req.method === 'PUT' && path.startsWith(COS_ROUTE)) {
          storage.receive(path.slice(COS_ROUTE.length), bytes);
          res.writeHead(200).end('');
        } else if (req.method === 'GET' && path.startsWith(COS_ROUTE)) {
          const file = storage.send(path.slice(COS_ROUTE.length));
          if (file) res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(file);
          else res.writeHead(404).end('<?xml version="1.0"?><Error><Code>NoSuchKey</Code></Error>');
        } else {
          res.writeHead(404).end();
        }
      })
      .catch((err) => {
        res.writeHead(500, { 'content-type': 'text/plain' }).end(String(err?.stack ?? err));
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
