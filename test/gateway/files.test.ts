/**
 * /files/ through the gateway: a download is the uploader's or exporter's, or a supervisor's or
 * admin's above its unit; others get 403, nobody 401. Bad paths answer 404 or 400 and the server
 * goes on. Exports go after a day. The demo applies the same checks to the demo user, and joining
 * there signs the browser in as the newcomer.
 */
import { removeOldExports } from '../../scripts/auth/files';
import { setPassword } from '../../scripts/auth/credentials';
import type { Accounts } from '../../scripts/auth/routes';
import { C } from '../../cloudfunctions/core/platform/port';
import type { FileOwner } from '../../cloudfunctions/core/app/kept-file';
import type { ExportedFile } from '../../types/report';
import type { Me, User } from '../../types/org';
import { Browser, startGateway, type TestGateway } from './support';

const PASSWORD = 'shared-test-pass';
/** Phones for the demo users, so each can sign in. */
const PHONES: Record<string, string> = {
  'demo-mediator': '13800000001', // 前进村 (under 杏花营镇)
  'demo-court': '13800000002', // 区诉调联动中心
  'demo-township': '13800000003', // supervisor, 杏花营镇
  'demo-district': '13800000004', // supervisor, the district
  'demo-trainer': '13800000005', // trainer, 杏花营镇: not a supervisor
};

// Each test seeds the demo tree and hashes passwords on a shared machine.
jest.setTimeout(30_000);

let g: TestGateway;
afterEach(() => g.close());

describe('serve mode', () => {
  const as: Record<string, Browser> = {};
  beforeEach(async () => {
    g = await startGateway('session');
    for (const [id, phone] of Object.entries(PHONES)) {
      await setPassword(g.deps.store, id, phone, PASSWORD, g.clock.now);
      as[id] = new Browser(g.url);
      expect((await as[id].signIn(phone, PASSWORD)).status).toBe(200);
    }
  });

  const upload = async (by: string) => {
    const answer = await as[by].request('POST', '/files/upload?name=现场照片.jpg', { bytes: new Uint8Array([0xff, 0xd8, 1, 2, 3]) });
    expect(answer.status).toBe(200);
    return answer.body.data as { fileId: string; url: string };
  };
  const fetchAs = async (who: string, url: string) => (await as[who].request('GET', url)).status;

  test('an upload is its uploader’s and their supervisors’ above; not a colleague elsewhere, nor a trainer, nor nobody', async () => {
    const photo = await upload('demo-mediator');
    expect(photo.url).toMatch(/^\/files\/uploads\/2025-03-01\/[A-Za-z0-9_-]{16}[a-z0-9]+-现场照片\.jpg$/);
    const got = await as['demo-mediator'].request('GET', encodeURI(photo.url));
    expect(got.status).toBe(200);
    expect([...got.bytes]).toEqual([0xff, 0xd8, 1, 2, 3]);
    expect(await fetchAs('demo-township', encodeURI(photo.url))).toBe(200);
    expect(await fetchAs('demo-district', encodeURI(photo.url))).toBe(200);
    expect(await fetchAs('demo-court', encodeURI(photo.url))).toBe(403);
    expect(await fetchAs('demo-trainer', encodeURI(photo.url))).toBe(403);
    expect((await new Browser(g.url).request('GET', encodeURI(photo.url))).status).toBe(401);
  });

  test('an export is its exporter’s and those above its unit; a supervisor of another area gets 403', async () => {
    const exported = await as['demo-township'].fn('report', 'ledger', { year: 2025 });
    const file = exported.body.data as ExportedFile;
    expect(file.url).toMatch(/^\/files\/exports\/2025\/xhy-\d{8}T\d{9}Z-[A-Za-z0-9_-]{16}-ledger\.xlsx$/);
    const owner = await g.deps.store.get<FileOwner>(C.files, file.fileId);
    expect(owner).toMatchObject({ by: 'demo-township', unitPath: ['sfq', 'xhy'], temporary: true });
    expect(await fetchAs('demo-township', file.url)).toBe(200);
    expect(await fetchAs('demo-district', file.url)).toBe(200);
    expect(await fetchAs('demo-mediator', file.url)).toBe(403);
    // The district supervisor's own export of the district: the township supervisor is below it.
    const district = (await as['demo-district'].fn('report', 'ledger', { year: 2025 })).body.data as ExportedFile;
    expect(await fetchAs('demo-district', district.url)).toBe(200);
    expect(await fetchAs('demo-township', district.url)).toBe(403);
  });

  test('a file no record owns is nobody’s', async () => {
    await g.deps.files.put('exports/2025/stray.xlsx', new Uint8Array([1]));
    expect(await fetchAs('demo-district', '/files/exports/2025/stray.xlsx')).toBe(403);
  });

  test('a folder answers 404, a bad escape 400, a path outside 404; the server answers on', async () => {
    await upload('demo-mediator');
    expect(await fetchAs('demo-mediator', '/files/uploads')).toBe(404);
    expect(await fetchAs('demo-mediator', '/files/uploads/2025-03-01/')).toBe(404);
    expect(await fetchAs('demo-mediator', '/files/%E0%A4%A')).toBe(400);
    expect(await fetchAs('demo-mediator', '/files/%2e%2e/fazhi.sqlite')).toBe(404);
    expect(await fetchAs('demo-mediator', '/files/no-such-file.xlsx')).toBe(404);
    expect((await as['demo-mediator'].fn('me', 'whoami')).status).toBe(200);
  });

  test('exports older than a day go, with their records; uploads stay', async () => {
    const exported = (await as['demo-township'].fn('report', 'ledger', { year: 2025 })).body.data as ExportedFile;
    const photo = await upload('demo-mediator');
    expect(await removeOldExports(g.deps.store, g.deps.files, new Date(g.clock.now.getTime() + 23 * 3600_000))).toBe(0);
    expect(await removeOldExports(g.deps.store, g.deps.files, new Date(g.clock.now.getTime() + 25 * 3600_000))).toBe(1);
    expect(await fetchAs('demo-township', exported.url)).toBe(404);
    expect(await g.deps.store.get(C.files, exported.fileId)).toBeNull();
    expect(await fetchAs('demo-mediator', encodeURI(photo.url))).toBe(200);
  });
});

describe('demo mode', () => {
  const accounts: Accounts = {
    join: async (deps, input, openid) => {
      await deps.store.set<User>(C.users, { _id: openid, name: input.name, roles: [{ role: 'mediator', unitId: 'xhy-zz' }] });
      return { ok: true, data: { userId: openid } };
    },
    consumeReset: async () => 'never',
  };
  beforeEach(async () => {
    g = await startGateway('demo', accounts);
  });

  test('the demo user the app names is the caller, and downloads check them by the cookie the gateway sets', async () => {
    const mediator = new Browser(g.url);
    const me = await mediator.fn('me', 'whoami', undefined, { 'x-demo-user': 'demo-mediator' });
    expect((me.body.data as Me).user.name).toBe('李调解(前进村调解员)');
    expect(mediator.cookies.get('fazhi_demo')).toBe('demo-mediator');
    const photo = (await mediator.request('POST', '/files/upload?name=a.jpg', { bytes: new Uint8Array([7]) })).body.data as { url: string };
    expect((await mediator.request('GET', photo.url)).status).toBe(200);
    const court = new Browser(g.url);
    await court.fn('me', 'whoami', undefined, { 'x-demo-user': 'demo-court' });
    expect((await court.request('GET', photo.url)).status).toBe(403);
    expect((await new Browser(g.url).request('GET', photo.url)).status).toBe(401);
    expect((await new Browser(g.url).request('GET', '/auth/state')).body.data).toEqual({ mode: 'demo', signedIn: false });
    expect((await mediator.request('GET', '/local/demo-users')).status).toBe(200);
  });

  test('joining in the demo gives a fresh id and signs the browser in as it, without a password', async () => {
    const browser = new Browser(g.url);
    const joined = await browser.request('POST', '/auth/join', { json: { code: 'GHJKMN2345', name: '演示新人', phone: '13900002222' } });
    const { userId } = joined.body.data as { userId: string };
    expect(userId).toMatch(/^u-[0-9a-f]{32}$/);
    expect(browser.cookies.get('fazhi_demo')).toBe(userId);
    expect((await browser.request('GET', '/auth/state')).body.data).toEqual({ mode: 'demo', signedIn: true, userId, name: '演示新人' });
    const me = await browser.fn('me', 'whoami', undefined, { 'x-demo-user': userId });
    expect((me.body.data as Me).user.name).toBe('演示新人');
    expect(await g.deps.store.count(C.credentials, {})).toBe(0);
    expect((await browser.signIn('13900002222', 'any-password')).status).toBe(404);
  });
});
