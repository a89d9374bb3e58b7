/**
 * Payloads users cannot be trusted to shape (issue 13 defects 7–10): every refusal is Chinese,
 * nothing is echoed unbounded, paging is capped, hostile text and ids are refused, and what a
 * read returns a write accepts as it is.
 */
import type { Dispute } from '../../types/dispute';
import type { DisputeView } from '../../types/ledger';
import type { Person, Publicity, PublicityView, Training, TrainingView } from '../../types/training';
import { todayBeijing } from '../../types/dates';
import { caseInput, demoWorld, expectError, expectOk, snapshot, type World } from '../support/world';

const MEDIATOR = 'demo-mediator';
const TRAINER = 'demo-trainer';
const DISTRICT = 'demo-district';
const ENGLISH = /Invalid|Expected|Received|received/;

let w: World;
beforeAll(async () => {
  w = await demoWorld(2);
});
afterAll(() => w.store.close());

/** Refused as INVALID in Chinese, with no valibot English anywhere in the answer, and nothing written. */
async function refused(openid: string, fn: Parameters<World['call']>[1], action: string, payload: unknown) {
  const before = await snapshot(w.store);
  const err = expectError(await w.call(openid, fn, action, payload), 'INVALID');
  expect(JSON.stringify(err)).not.toMatch(ENGLISH);
  for (const m of Object.values(err.fields ?? {})) expect(m).toMatch(/[\u4e00-\u9fa5]/);
  expect(await snapshot(w.store)).toEqual(before);
  return err;
}

describe('messages are Chinese', () => {
  test.each([
    ['dispute', 'get', { id: 5 }],
    ['dispute', 'get', null],
    ['dispute', 'remove', { id: 'abcdefgh', baseVersion: 'x' }],
    ['dispute', 'remove', { id: 'abcdefgh', baseVersion: 1.5 }],
    ['training', 'get', { id: ['x'] }],
    ['rollup', 'locks', { unitId: { $gt: '' } }],
    ['rollup', 'summary', { unitId: 7 }],
    ['rollup', 'records', { unitId: 'xhy', period: '2025', metric: 'D1', limit: 'ten' }],
    ['rollup', 'trend', { year: 2025 }],
    ['dispute', 'list', { q: 5, month: 3 }],
    ['person', 'roster', { q: 1, lawPersonOnly: 'yes' }],
    ['dispute', 'save', { ...caseInput(), summary: 5, partyNames: 1, baseVersion: 'v', confirmLargeAmount: 'y' }],
  ] as const)('%s.%s %j', async (fn, action, payload) => {
    await refused(fn === 'rollup' ? DISTRICT : fn === 'training' || fn === 'person' ? TRAINER : MEDIATOR, fn, action, payload);
  });

  test('the event itself: not an object, no action, an action that is not text', async () => {
    for (const event of [null, 'whoami', [], { action: 5 }, { payload: {} }]) {
      const res = await w.raw('me', event, MEDIATOR);
      expect(res.ok).toBe(false);
      if (!res.ok) {
        expect(res.error.code).toBe('INVALID');
        expect(res.error.message).toMatch(/[\u4e00-\u9fa5]/);
        expect(JSON.stringify(res.error)).not.toMatch(ENGLISH);
      }
    }
  });

  test('an unknown action is named back only when short; a megabyte of it is not echoed', async () => {
    const short = expectError(await w.call(MEDIATOR, 'me', 'whoamI'), 'INVALID');
    expect(short.message).toBe('不支持的操作:whoamI');
    const huge = expectError(await w.call(MEDIATOR, 'me', 'x'.repeat(1 << 20)), 'INVALID');
    expect(JSON.stringify(huge).length).toBeLessThan(200);
  });
});

describe('paging is capped', () => {
  test.each([
    ['rollup', 'records', DISTRICT, { unitId: 'xhy', period: '2025', metric: 'D1' }],
    ['dispute', 'list', MEDIATOR, {}],
    ['person', 'roster', TRAINER, {}],
    ['account', 'users', 'demo-admin', {}],
  ] as const)('%s.%s: skip 1e20 is refused in Chinese, skip 1e9 too', async (fn, action, openid, payload) => {
    const err = await refused(openid, fn, action, { ...payload, skip: 1e20 });
    expect(err.fields?.skip).toMatch(/翻页/);
    await refused(openid, fn, action, { ...payload, skip: 1e9 });
    // Within the cap, a page past the end is an empty page.
    expect(expectOk<{ items: unknown[] }>(await w.call(openid, fn, action, { ...payload, skip: 9999 })).items).toEqual([]);
  });
});

describe('hostile text, dates and ids', () => {
  test('a date before 1900 is refused with the range', async () => {
    const err = await refused(MEDIATOR, 'dispute', 'save', caseInput({ acceptedDate: '1899-12-31', resolvedDate: '1900-01-02' }));
    expect(err.fields?.acceptedDate).toBe('受理日期须在1900年以后');
    await refused(TRAINER, 'training', 'save', { id: 'old-training-1', unitId: 'xhy', category: '专题培训', date: '0001-01-01', topic: '普法' });
  });

  test.each(['\u0000', '\u0000\u0000', '\u200b\u200c\u200d\ufeff', ' \u2060 ', '\u0007\u001b'])('name, topic and title of only %j are refused', async (junk) => {
    expect((await refused(TRAINER, 'person', 'save', { id: 'junk-person-1', unitId: 'xhy-qj', name: junk })).fields?.name).toBe('请填写姓名');
    expect((await refused(TRAINER, 'training', 'save', { id: 'junk-train-1', unitId: 'xhy', category: '专题培训', date: today(), topic: junk })).fields?.topic).toBe('请填写培训主题');
    expect(
      (await refused(TRAINER, 'publicity', 'save', { id: 'junk-publi-1', unitId: 'xhy', date: today(), title: junk, materials: 1, consulted: 1 })).fields?.title,
    ).toBe('请填写活动名称');
  });

  test('control and zero-width characters are taken out of a name that has more', async () => {
    const saved = expectOk<{ kind: string; person: Person }>(
      await w.call(TRAINER, 'person', 'save', { id: 'clean-person-1', unitId: 'xhy-qj', name: '王\u200b小\u0000明', phone: '', confirmNew: true }),
    );
    expect(saved.person.name).toBe('王小明');
  });

  test.each(['local://uploads/../fazhi.sqlite', 'local://uploads/2025-03-01/../../exports/x.xlsx', 'local://uploads/a/./b.jpg', 'local://uploads/', 'local://uploads/a\\..\\b.jpg'])(
    'a photo id %s is refused',
    async (photo) => {
      const err = await refused(TRAINER, 'publicity', 'save', { id: 'photo-publ-1', unitId: 'xhy', date: today(), title: '普法', materials: 1, consulted: 1, photos: [photo] });
      expect(err.message).toBe('照片须为本应用上传的图片');
    },
  );
});

describe('what a read returns, a write accepts', () => {
  test('dispute: after an edit that clears optional fields, get → save as got is accepted, and no null is stored', async () => {
    const input = caseInput();
    const first = expectOk<Dispute>(await w.call(MEDIATOR, 'dispute', 'save', input));
    // Back to 在办: the resolved date and the agreement form go.
    const { resolvedDate, agreementForm, ...open } = input;
    void resolvedDate;
    void agreementForm;
    expectOk(await w.call(MEDIATOR, 'dispute', 'save', { ...open, outcome: '在办', baseVersion: first.version }));
    const got = expectOk<DisputeView>(await w.call(MEDIATOR, 'dispute', 'get', { id: input.id })).record;
    expect(Object.values(got)).not.toContain(null);
    const again = expectOk<Dispute>(await w.call(MEDIATOR, 'dispute', 'save', got));
    expect(again.version).toBe(got.version);
    expectOk(await w.call(MEDIATOR, 'dispute', 'save', { ...got, baseVersion: got.version }));
  });

  test('dispute: a record stored with nulls by an earlier version is still accepted back', async () => {
    const input = caseInput({ outcome: '在办', resolvedDate: undefined, agreementForm: undefined });
    expectOk(await w.call(MEDIATOR, 'dispute', 'save', input));
    const stored = (await w.store.get<Dispute>('disputes', input.id))!;
    await w.store.set('disputes', { ...stored, resolvedDate: null, agreementForm: null } as unknown as Dispute);
    const got = expectOk<DisputeView>(await w.call(MEDIATOR, 'dispute', 'get', { id: input.id })).record;
    expectOk(await w.call(MEDIATOR, 'dispute', 'save', { ...got, baseVersion: got.version }));
  });

  test('training, publicity and person: get → save as got is accepted', async () => {
    const t = expectOk<Training>(await w.call(TRAINER, 'training', 'save', { id: 'rt-training-1', unitId: 'xhy', category: '专题培训', date: today(), topic: '民法典' }));
    expectOk(await w.call(TRAINER, 'training', 'save', { id: t._id, unitId: 'xhy', category: '专题培训', date: today(), topic: '民法典进村', baseVersion: t.version }));
    const gotT = expectOk<TrainingView>(await w.call(TRAINER, 'training', 'get', { id: t._id })).training;
    expectOk(await w.call(TRAINER, 'training', 'save', { ...gotT, baseVersion: gotT.version }));

    const p = expectOk<Publicity>(await w.call(TRAINER, 'publicity', 'save', { id: 'rt-publicity-1', unitId: 'xhy', date: today(), title: '普法集市', materials: 3, consulted: 1 }));
    expectOk(await w.call(TRAINER, 'publicity', 'save', { id: p._id, unitId: 'xhy', date: today(), title: '普法集市', materials: 4, consulted: 1, baseVersion: p.version }));
    const gotP = expectOk<PublicityView>(await w.call(TRAINER, 'publicity', 'get', { id: p._id })).record;
    expectOk(await w.call(TRAINER, 'publicity', 'save', { ...gotP, baseVersion: gotP.version }));

    const saved = expectOk<{ person: Person }>(await w.call(TRAINER, 'person', 'save', { id: 'rt-person-01', unitId: 'xhy-qj', name: '钱往返', phone: '', confirmNew: true }));
    expectOk(await w.call(TRAINER, 'person', 'save', { id: 'rt-person-01', unitId: 'xhy-qj', name: '钱往返', phone: '', isLawPerson: false, baseVersion: saved.person.version }));
    const gotPerson = expectOk<Person>(await w.call(TRAINER, 'person', 'get', { id: 'rt-person-01' }));
    expect(Object.values(gotPerson)).not.toContain(null);
    expectOk(await w.call(TRAINER, 'person', 'save', { ...gotPerson, baseVersion: gotPerson.version }));
  });
});

function today() {
  return todayBeijing();
}
