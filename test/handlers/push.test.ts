/**
 * 接收微信提醒 and 提醒报送 as 订阅消息: a village's mediator accepts the reminder's template on the
 * phone; the township's 提醒报送 then pushes them one message (using that acceptance) besides the
 * in-app notice, and not again the same day; units already reported get none; without a push
 * channel (the browser build) nothing is offered or pushed.
 */
import type { Notifier } from '../../cloudfunctions/core/platform/port';
import type { PushMessage, PushOffer } from '../../types/notify';
import type { MyReportingView, RemindView } from '../../types/reporting';
import { demoWorld, expectError, expectOk, type World } from '../support/world';

const MEDIATOR = 'demo-mediator'; // 前进村 (xhy-qj)
const OTHER = 'demo-m-xhy-sl'; // 孙李唐村, also under 杏花营镇
const TOWNSHIP = 'demo-township';
const MONTH = '2025-03';

class FakeWechat implements Notifier {
  readonly sent: { to: string; message: PushMessage }[] = [];
  refuse = new Set<string>();
  templateOf = (kind: string) => (kind === 'remind' ? 'tmpl-remind' : undefined);
  async push(to: string, message: PushMessage) {
    this.sent.push({ to, message });
    return !this.refuse.has(to);
  }
}

let w: World;
let wechat: FakeWechat;
const clock = new Date('2025-04-10T02:00:00Z');
beforeEach(async () => {
  wechat = new FakeWechat();
  w = await demoWorld(0, () => clock, undefined, wechat);
});
afterEach(() => w.store.close());

const offer = async (as: string) => expectOk(await w.call<MyReportingView>(as, 'reporting', 'mine', { period: MONTH })).push;
const accept = async (as: string, id: string) => expectOk(await w.call<PushOffer>(as, 'reporting', 'subscribe', { id, kind: 'remind' }));
const remind = async () => expectOk(await w.call<RemindView>(TOWNSHIP, 'reporting', 'remind', { unitId: 'xhy', period: MONTH }));

test('an accepted template lets one reminder through, once; a resent acceptance is the same one', async () => {
  expect(await offer(MEDIATOR)).toEqual({ templateId: 'tmpl-remind', remaining: 0 });
  expect(await accept(MEDIATOR, 'grant-0001')).toEqual({ templateId: 'tmpl-remind', remaining: 1 });
  expect(await accept(MEDIATOR, 'grant-0001')).toEqual({ templateId: 'tmpl-remind', remaining: 1 });

  const r = await remind();
  expect(r.pushed).toBe(1);
  expect(wechat.sent).toEqual([
    {
      to: MEDIATOR,
      message: { kind: 'remind', page: 'pages/index/index', fields: { item: '2025年3月人民调解统计', due: '2025年4月25日', note: '赵所长(杏花营镇司法所)提醒您按时上报' } },
    },
  ]);
  expect(await offer(MEDIATOR)).toEqual({ templateId: 'tmpl-remind', remaining: 0 });

  // Again the same day: the same in-app notice, no second message (and no acceptance to use anyway).
  expect(await accept(MEDIATOR, 'grant-0002')).toMatchObject({ remaining: 1 });
  expect((await remind()).pushed).toBe(0);
  expect(wechat.sent).toHaveLength(1);
  expect(await offer(MEDIATOR)).toMatchObject({ remaining: 1 });
});

test('a unit that has reported gets no message; a refused message still uses its acceptance', async () => {
  await accept(MEDIATOR, 'grant-mmmm');
  await accept(OTHER, 'grant-oooo');
  expectOk(await w.call(OTHER, 'reporting', 'submit', { unitId: 'xhy-sl', period: MONTH, zero: true }));
  wechat.refuse.add(MEDIATOR);

  expect((await remind()).pushed).toBe(0);
  expect(wechat.sent.map((s) => s.to)).toEqual([MEDIATOR]);
  expect(await offer(MEDIATOR)).toMatchObject({ remaining: 0 });
  expect(await offer(OTHER)).toMatchObject({ remaining: 1 });
});

test('a mediator moved to another unit is not pushed for the old one', async () => {
  await accept(MEDIATOR, 'grant-mmmm');
  const user = (await w.store.get<{ _id: string; roles: { role: string; unitId: string }[] }>('users', MEDIATOR))!;
  await w.store.set('users', { ...user, roles: [{ role: 'mediator', unitId: 'cx-bj' }] });
  expect((await remind()).pushed).toBe(0);
  expect(wechat.sent).toEqual([]);
});

test('bad input is refused in Chinese and stores nothing', async () => {
  expect(expectError(await w.call(MEDIATOR, 'reporting', 'subscribe', { id: 'grant-xxxx', kind: 'weekly' }), 'INVALID').message).toContain('提醒类型不正确');
  expectError(await w.call(MEDIATOR, 'reporting', 'subscribe', { kind: 'remind' }), 'INVALID');
  expect(await offer(MEDIATOR)).toMatchObject({ remaining: 0 });
});

test('without a push channel nothing is offered and the reminder is the in-app notice only', async () => {
  const plain = await demoWorld(0, () => clock);
  try {
    const mine = expectOk(await plain.call<MyReportingView>(MEDIATOR, 'reporting', 'mine', { period: MONTH }));
    expect(mine.push).toBeUndefined();
    const r = expectOk(await plain.call<RemindView>(TOWNSHIP, 'reporting', 'remind', { unitId: 'xhy', period: MONTH }));
    expect(r).toMatchObject({ pushed: 0 });
    expect(r.units).toBeGreaterThan(0);
    const after = expectOk(await plain.call<MyReportingView>(MEDIATOR, 'reporting', 'mine', { period: MONTH }));
    expect(after.notices.map((n) => n.kind)).toEqual(['remind']);
  } finally {
    await plain.store.close();
  }
});
