/**
 * What a hostile request gets from the gateway (issue 13 defect 10): a body over the limit is
 * answered 413 in Chinese, not a reset connection; a body nested deeper than any payload is refused
 * before it is parsed, without holding up anyone else; the server answers on after each.
 */
import http from 'node:http';
import { nestsDeeperThan } from '../../scripts/gateway';
import { Browser, startGateway, type TestGateway } from './support';

jest.setTimeout(60_000);

let g: TestGateway;
let as: Browser;
beforeAll(async () => {
  g = await startGateway('demo');
  as = new Browser(g.url);
});
afterAll(() => g.close());
const headers = { 'x-demo-user': 'demo-mediator' };

/** POSTs raw bytes; resolves with the status and body, or rejects on a reset connection. */
function post(path: string, body: Buffer): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${g.url}${path}`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

test('a 25 MB body is answered 413 in Chinese, to a call and to an upload', async () => {
  const big = Buffer.alloc(25 * 1024 * 1024, 0x20);
  for (const path of ['/fn/me', '/files/upload?name=a.jpg']) {
    const answer = await post(path, big);
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.text).error.message).toMatch(/请求内容超过20MB/);
  }
  expect((await as.fn('me', 'whoami', undefined, headers)).status).toBe(200);
});

test('a body nested 3,000,000 deep is refused at once; others are answered meanwhile', async () => {
  const deep = Buffer.from(`{"action":"whoami","payload":${'['.repeat(3_000_000)}${']'.repeat(3_000_000)}}`);
  const started = Date.now();
  const [answer, other] = await Promise.all([post('/fn/me', deep), as.fn('me', 'whoami', undefined, headers)]);
  expect(answer.status).toBe(400);
  expect(JSON.parse(answer.text).error.message).toBe('请求内容嵌套超过64层');
  expect(other.status).toBe(200);
  expect(Date.now() - started).toBeLessThan(5000);
  // 64 deep is still a payload.
  const ok = await post('/fn/me', Buffer.from(`{"action":"whoami","payload":${'['.repeat(63)}${']'.repeat(63)}}`));
  expect(ok.status).toBe(200);
});

test('brackets inside strings do not count; escaped quotes do not end a string', () => {
  expect(nestsDeeperThan(`{"a":"${'['.repeat(100)}"}`, 64)).toBe(false);
  expect(nestsDeeperThan(`{"a":"\\"${'{'.repeat(100)}"}`, 64)).toBe(false);
  expect(nestsDeeperThan(`{"a":"\\\\"}${'['.repeat(65)}`, 64)).toBe(true);
  expect(nestsDeeperThan('[[[]]]', 3)).toBe(false);
  expect(nestsDeeperThan('[[[[]]]]', 3)).toBe(true);
});
