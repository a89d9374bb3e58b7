/**
 * 重大/群体性 cases (issue 15): the first save that flags a case tells the township and district
 * supervisors above it at once (a notice on their home page, a 订阅消息 to whoever accepted one),
 * never again on a resend or a re-save; other townships and the mediators hear nothing. The
 * supervisors' list holds the flagged cases still 在办 and loses a case once it is closed.
 */
import type { Notifier } from '../../cloudfunctions/core/platform/port';
import type { FlaggedView } from '../../types/alerts';
import type { Dispute } from '../../types/dispute';
import type { PushMessage, PushOffer } from '../../types/notify';
import { caseInput, demoWorld, expectError, expectOk, type World } from '../support/world';

const MEDIATOR = 'demo-mediator'; // 前进村, under 杏花营镇
const TOWNSHIP = 'demo-township'; // 杏花营镇
const DISTRICT = 'demo-district';
const ELSEWHERE = 'test-jy-supervisor'; // 金耀街道: not above 前进村

class FakeWechat implements Notifier {
  readonly sent: { to: string; message: PushMessage }[] = [];
  templateOf = (kind: string) => (kind === 'flag' ? 'tmpl-flag' : kind === 'remind' ? 'tmpl-remind' : undefined);
  async push(to: string, message: PushMessage) {
    this.sent.push({ to, message });
    return true;
  }
}

let w: World;
let wechat: FakeWechat;
beforeEach(async () => {
  wechat = new FakeWechat();
  w = await demoWorld(0, () => new Date('2025-04-10T02:00:00Z'), undefined, wechat);
  await w.store.set('users', { _id: ELSEWHERE, name: '钱所长(金耀街道司法所)', roles: [{ role: 'supervisor', unitId: 'jy' }] });
});
afterEach(() => w.store.close());

const flagged = async (as: string) => expectOk(await w.call<FlaggedView>(as, 'dispute', 'flagged'));
const save = async (input: object) => expectOk(await w.call<Dispute>(MEDIATOR, 'dispute', 'save', input));
const accept = async (as: string, id: string) => expectOk(await w.call<PushOffer>(as, 'reporting', 'subscribe', { id, kind: 'flag' }));
const open = (overrides: object = {}) => caseInput({ outcome: '在办', resolvedDate: undefined, agreementForm: undefined, involvedPeople: 40, ...overrides });

test('a first flag tells the township and district at once, in the app and by 订阅消息; a resend and a re-save tell nobody again', async () => {
  expect((await flagged(TOWNSHIP)).push).toEqual({ templateId: 'tmpl-flag', remaining: 0 });
  await accept(TOWNSHIP, 'grant-t-0001');
  await accept(TOWNSHIP, 'grant-t-0002');
  await accept(DISTRICT, 'grant-d-0001');
  await accept(ELSEWHERE, 'grant-e-0001');

  const input = open({ alerts: ['群体性'] });
  const saved = await save(input);
  const t = await flagged(TOWNSHIP);
  expect(t.total).toBe(1);
  expect(t.items.map((d) => d._id)).toEqual([saved._id]);
  expect(t.items[0].partyNames).toBe('张*、李*');
  expect(t.notices.map((n) => n.text)).toEqual(['李调解(前进村调解员)登记了群体性纠纷(邻里,前进村,涉及40人),受理日期2025-03-02']);
  expect((await flagged(DISTRICT)).notices).toHaveLength(1);
  expect(wechat.sent.map((s) => s.to).sort()).toEqual([DISTRICT, TOWNSHIP]);
  expect(wechat.sent[0].message).toEqual({
    kind: 'flag',
    page: `packages/ledger/dispute/index?id=${saved._id}`,
    fields: { item: '群体性纠纷(邻里,前进村,涉及40人)', due: '2025年3月2日', note: '李调解(前进村调解员)登记,请关注' },
  });

  // Sent again (an outbox retry), then saved with another change and another flag: no new notice, no message.
  await save(input);
  const edited = await save({ ...input, alerts: ['群体性', '可能激化'], summary: '四十户村民因灌溉用水争执', baseVersion: saved.version });
  expect(edited.version).toBe(2);
  expect(wechat.sent).toHaveLength(2);
  expect((await w.store.find('notices', { kind: 'flag' })).length).toBe(3); // district, township, village: one each
  expect((await flagged(TOWNSHIP)).push).toEqual({ templateId: 'tmpl-flag', remaining: 1 });

  // Other townships and the mediator see none of it.
  expect(await flagged(ELSEWHERE)).toMatchObject({ total: 0, items: [], notices: [] });
  expect(await flagged(MEDIATOR)).toMatchObject({ total: 0, items: [] });
});

test('an edit adding the first flag notifies; taking it off and on again does not; closing the case takes it off the list', async () => {
  const plain = await save(open());
  expect((await flagged(TOWNSHIP)).total).toBe(0);
  expect(await w.store.count('notices', { kind: 'flag' })).toBe(0);

  const v2 = await save({ ...open(), id: plain._id, alerts: ['可能激化'], baseVersion: 1 });
  expect((await flagged(TOWNSHIP)).notices.map((n) => n.disputeId)).toEqual([plain._id]);
  const v3 = await save({ ...open(), id: plain._id, baseVersion: v2.version });
  expect((await flagged(TOWNSHIP)).total).toBe(0);
  await save({ ...open(), id: plain._id, alerts: ['可能激化'], baseVersion: v3.version });
  expect(await w.store.count('notices', { kind: 'flag' })).toBe(3);

  const other = await save(open({ alerts: ['群体性'] }));
  expect((await flagged(TOWNSHIP)).total).toBe(2);
  await save({ ...open({ alerts: ['群体性'] }), id: other._id, outcome: '调解成功', resolvedDate: '2025-03-20', agreementForm: '书面', baseVersion: 1 });
  const after = await flagged(DISTRICT);
  expect(after.items.map((d) => d._id)).toEqual([plain._id]);
  expect(after.notices.map((n) => n.disputeId)).toEqual([plain._id]);
});

test('群体性 needs 涉及人数 of 2 or more; a bad flag is refused; nothing is stored or sent', async () => {
  for (const involvedPeople of [undefined, 1]) {
    const refused = expectError(await w.call(MEDIATOR, 'dispute', 'save', open({ alerts: ['群体性'], involvedPeople })), 'INVALID');
    expect(refused.fields).toEqual({ involvedPeople: '群体性纠纷须填写涉及人数(至少2人)' });
  }
  expect(expectError(await w.call(MEDIATOR, 'dispute', 'save', open({ alerts: ['重大'] as never })), 'INVALID').message).toContain('重大标记只能是群体性或可能激化');
  expectError(await w.call(MEDIATOR, 'dispute', 'save', open({ alerts: ['可能激化', '可能激化'] })), 'INVALID');
  // 可能激化 alone asks no number of people.
  await save(open({ alerts: ['可能激化'], involvedPeople: undefined }));
  expect(await w.store.count('disputes', {})).toBe(1);
  expect(wechat.sent).toEqual([]);
});

test('without a push channel the notice is in the app only, and nothing is offered', async () => {
  const plain = await demoWorld(0, () => new Date('2025-04-10T02:00:00Z'));
  try {
    expectOk(await plain.call(MEDIATOR, 'dispute', 'save', open({ alerts: ['群体性'] })));
    const v = expectOk(await plain.call<FlaggedView>(TOWNSHIP, 'dispute', 'flagged'));
    expect(v.total).toBe(1);
    expect(v.notices).toHaveLength(1);
    expect(v.push).toBeUndefined();
  } finally {
    await plain.store.close();
  }
});
