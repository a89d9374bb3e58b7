/**
 * Roles and reach (DOMAIN.md): who the caller is comes only from the platform context,
 * and a role reaches its unit and the units below it. Every refused call leaves the
 * store exactly as it was.
 */
import { C } from '../../cloudfunctions/core/platform/port';
import { openidOf } from '../../cloudfunctions/core/platform/cloudbase-main';
import type { ApiResult } from '../../types/api';
import type { Dispute } from '../../types/dispute';
import type { SummaryView } from '../../types/metrics';
import type { User } from '../../types/org';
import { caseInput, demoWorld, expectError, expectOk, snapshot, type World } from '../support/world';

// Demo users (scripts/demo.ts): two mediators of 前进村 (杏花营镇), one of 和谐社区 (金耀街道).
const MEDIATOR = 'demo-mediator';
const SAME_VILLAGE = 'demo-m-xhy-qj';
const OTHER_TOWNSHIP_MEDIATOR = 'demo-m-jy-hx';
const TOWNSHIP = 'demo-township'; // supervisor of 杏花营镇
const DISTRICT = 'demo-district'; // supervisor of 示范区

let w: World;
beforeEach(async () => {
  w = await demoWorld(6);
});
afterEach(() => w.store.close());

async function record(openid: string, overrides = {}): Promise<Dispute> {
  return expectOk(await w.call<Dispute>(openid, 'dispute', 'save', caseInput(overrides)));
}

/** Runs `fn`, expects the refusal `code`, and that nothing was written. */
async function refusedWithoutWrites(code: 'UNREGISTERED' | 'FORBIDDEN', fn: () => Promise<ApiResult<unknown>>) {
  const before = await snapshot(w.store);
  const err = expectError(await fn(), code);
  expect(await snapshot(w.store)).toEqual(before);
  return err;
}

function enableUnitWideEditing() {
  return w.store.set(C.settings, { _id: 'district', unitWideEditing: true } as never);
}

describe('(a) callers who are not registered users', () => {
  const strangers: [string, string][] = [
    ['an unknown OPENID', 'wx-unknown-openid-123'],
    ['an empty OPENID', ''],
    ['a registered user holding no role', 'no-role-user'],
  ];

  beforeEach(async () => {
    await w.store.set(C.users, { _id: 'no-role-user', name: '已停用人员', roles: [] } as User);
  });

  test.each(strangers)('%s cannot save a case', async (_label, openid) => {
    await refusedWithoutWrites('UNREGISTERED', () => w.call(openid, 'dispute', 'save', caseInput()));
  });

  test.each(strangers)('%s cannot delete, list, read or sum up', async (_label, openid) => {
    const mine = await record(MEDIATOR);
    await refusedWithoutWrites('UNREGISTERED', () => w.call(openid, 'dispute', 'remove', { id: mine._id, baseVersion: 1 }));
    await refusedWithoutWrites('UNREGISTERED', () => w.call(openid, 'dispute', 'get', { id: mine._id }));
    await refusedWithoutWrites('UNREGISTERED', () => w.call(openid, 'dispute', 'list', {}));
    await refusedWithoutWrites('UNREGISTERED', () => w.call(openid, 'rollup', 'summary', { unitId: 'sfq' }));
    await refusedWithoutWrites('UNREGISTERED', () => w.call(openid, 'me', 'whoami', {}));
  });

  test('a user who lost every role cannot delete the cases they once recorded', async () => {
    const theirs = await record(MEDIATOR);
    const user = (await w.store.get<User>(C.users, MEDIATOR))!;
    await w.store.set(C.users, { ...user, roles: [] });
    await refusedWithoutWrites('UNREGISTERED', () => w.call(MEDIATOR, 'dispute', 'remove', { id: theirs._id, baseVersion: 1 }));
  });

  test('a call without an OPENID from the platform is no one', async () => {
    await refusedWithoutWrites('UNREGISTERED', () => w.raw('dispute', { action: 'save', payload: caseInput() }, undefined));
  });

  test('on CloudBase the OPENID is read from the platform context, and a context without it is no one', () => {
    const context = (env: Record<string, string>) => ({ environment: JSON.stringify(env) });
    expect(openidOf(context({ WX_OPENID: MEDIATOR, WX_APPID: 'wx-app', WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID' }))).toBe(MEDIATOR);
    expect(openidOf(context({ WX_APPID: 'wx-app', WX_CONTEXT_KEYS: 'WX_APPID' }))).toBeUndefined();
    expect(openidOf(context({ WX_OPENID: '', WX_CONTEXT_KEYS: 'WX_OPENID' }))).toBeUndefined();
    expect(openidOf({})).toBeUndefined();
    expect(openidOf({ environment: 'not json' })).toBeUndefined();
  });
});

describe('(b) a mediator outside the record’s unit', () => {
  test('cannot record a case for a unit they do not reach', async () => {
    await refusedWithoutWrites('FORBIDDEN', () =>
      w.call(OTHER_TOWNSHIP_MEDIATOR, 'dispute', 'save', caseInput({ unitId: 'xhy-qj' })),
    );
    // A unit above one's own is outside one's reach too.
    await refusedWithoutWrites('FORBIDDEN', () => w.call(MEDIATOR, 'dispute', 'save', caseInput({ unitId: 'xhy' })));
  });

  test('cannot edit, move, delete, read or see the history of it', async () => {
    const theirs = await record(MEDIATOR);
    const edit = { ...caseInput({ id: theirs._id, summary: '改动' }), baseVersion: 1 };
    await refusedWithoutWrites('FORBIDDEN', () => w.call(OTHER_TOWNSHIP_MEDIATOR, 'dispute', 'save', edit));
    await refusedWithoutWrites('FORBIDDEN', () =>
      w.call(OTHER_TOWNSHIP_MEDIATOR, 'dispute', 'save', { ...edit, unitId: 'jy-hx' }),
    );
    await refusedWithoutWrites('FORBIDDEN', () =>
      w.call(OTHER_TOWNSHIP_MEDIATOR, 'dispute', 'remove', { id: theirs._id, baseVersion: 1 }),
    );
    await refusedWithoutWrites('FORBIDDEN', () => w.call(OTHER_TOWNSHIP_MEDIATOR, 'dispute', 'get', { id: theirs._id }));
    await refusedWithoutWrites('FORBIDDEN', () => w.call(OTHER_TOWNSHIP_MEDIATOR, 'dispute', 'history', { id: theirs._id }));
  });

  test('unit-wide editing does not reach across units', async () => {
    const theirs = await record(MEDIATOR);
    await enableUnitWideEditing();
    await refusedWithoutWrites('FORBIDDEN', () =>
      w.call(OTHER_TOWNSHIP_MEDIATOR, 'dispute', 'remove', { id: theirs._id, baseVersion: 1 }),
    );
    await refusedWithoutWrites('FORBIDDEN', () => w.call(OTHER_TOWNSHIP_MEDIATOR, 'dispute', 'get', { id: theirs._id }));
  });

  test('a mediator moved to another unit no longer reaches the cases of the old one', async () => {
    const theirs = await record(MEDIATOR);
    const user = (await w.store.get<User>(C.users, MEDIATOR))!;
    await w.store.set(C.users, { ...user, roles: [{ role: 'mediator', unitId: 'jy-hx' }] });
    await refusedWithoutWrites('FORBIDDEN', () =>
      w.call(MEDIATOR, 'dispute', 'save', { ...caseInput({ id: theirs._id, summary: '改动' }), baseVersion: 1 }),
    );
    await refusedWithoutWrites('FORBIDDEN', () => w.call(MEDIATOR, 'dispute', 'remove', { id: theirs._id, baseVersion: 1 }));
    await refusedWithoutWrites('FORBIDDEN', () => w.call(MEDIATOR, 'dispute', 'get', { id: theirs._id }));
  });

  test('a mediator moved to another unit no longer lists the old unit’s cases', async () => {
    const old = await record(MEDIATOR);
    const user = (await w.store.get<User>(C.users, MEDIATOR))!;
    await w.store.set(C.users, { ...user, roles: [{ role: 'mediator', unitId: 'jy-hx' }] });
    const fresh = await record(MEDIATOR, { unitId: 'jy-hx' });
    const list = expectOk(await w.call<{ items: Dispute[]; total: number }>(MEDIATOR, 'dispute', 'list', {}));
    expect(list.items.map((d) => d._id)).toEqual([fresh._id]);
    expect(list.total).toBe(1);
    expect(list.items.map((d) => d._id)).not.toContain(old._id);
  });

  test('trainers and supervisors do not record or change cases', async () => {
    const theirs = await record(MEDIATOR);
    await refusedWithoutWrites('FORBIDDEN', () => w.call('demo-trainer', 'dispute', 'save', caseInput()));
    await refusedWithoutWrites('FORBIDDEN', () => w.call(TOWNSHIP, 'dispute', 'save', caseInput()));
    await refusedWithoutWrites('FORBIDDEN', () =>
      w.call(TOWNSHIP, 'dispute', 'save', { ...caseInput({ id: theirs._id, summary: '改动' }), baseVersion: 1 }),
    );
    await refusedWithoutWrites('FORBIDDEN', () => w.call(DISTRICT, 'dispute', 'remove', { id: theirs._id, baseVersion: 1 }));
  });
});

describe('(c) identity claimed in the request body is ignored', () => {
  const forged = {
    openid: DISTRICT,
    OPENID: DISTRICT,
    userInfo: { openId: DISTRICT, appId: 'wx-forged' },
    WX_OPENID: DISTRICT,
  };

  test('a mediator claiming to be the district supervisor still cannot read the district summary', async () => {
    const event = { action: 'summary', payload: { unitId: 'sfq', ...forged }, ...forged };
    const before = await snapshot(w.store);
    expectError(await w.raw('rollup', event, MEDIATOR), 'FORBIDDEN');
    expectError(await w.raw('rollup', event, 'wx-unknown'), 'UNREGISTERED');
    expectError(await w.raw('rollup', event, undefined), 'UNREGISTERED');
    expect(await snapshot(w.store)).toEqual(before);
    // The same event from the real district supervisor's context is answered.
    expectOk(await w.raw('rollup', event, DISTRICT));
  });

  test('a saved case records the caller from the context, not the one named in the body', async () => {
    const input = caseInput();
    const payload = { ...input, ...forged, mediatorId: DISTRICT, mediatorName: '陈科长(区司法局)' };
    const saved = expectOk(await w.raw<Dispute>('dispute', { action: 'save', payload, ...forged }, MEDIATOR));
    const stored = (await w.store.get<Dispute & Record<string, unknown>>(C.disputes, input.id))!;
    for (const d of [saved, stored]) {
      expect(d.mediatorId).toBe(MEDIATOR);
      expect(d.mediatorName).toBe('李调解(前进村调解员)');
    }
    for (const key of Object.keys(forged)) expect(stored).not.toHaveProperty(key);
    const [audit] = await w.store.find<{ _id: string; by: string }>(C.audit, { recordId: input.id });
    expect(audit.by).toBe(MEDIATOR);
  });

  test('whoami answers for the context’s user', async () => {
    const me = expectOk(await w.raw<{ user: { name: string } }>('me', { action: 'whoami', ...forged, payload: forged }, MEDIATOR));
    expect(me.user.name).toBe('李调解(前进村调解员)');
  });
});

describe('(d) supervisors see their own subtree only', () => {
  test('a township supervisor cannot read the district summary or another township’s', async () => {
    for (const unitId of ['sfq', 'jy', 'sdzx', 'jy-hx']) {
      await refusedWithoutWrites('FORBIDDEN', () => w.call(TOWNSHIP, 'rollup', 'summary', { unitId }));
    }
  });

  test('a township supervisor reads their township (the default) and its villages', async () => {
    const own = expectOk(await w.call<SummaryView>(TOWNSHIP, 'rollup', 'summary', {}));
    expect(own.scope.unitId).toBe('xhy');
    expect(own.children.map((c) => c.unitId).sort()).toEqual(['xhy-qj', 'xhy-sl', 'xhy-zz']);
    const village = expectOk(await w.call<SummaryView>(TOWNSHIP, 'rollup', 'summary', { unitId: 'xhy-qj' }));
    expect(village.scope.unitName).toBe('前进村');
  });

  test('the district supervisor reads the district with every township as a child', async () => {
    const d = expectOk(await w.call<SummaryView>(DISTRICT, 'rollup', 'summary', { unitId: 'sfq' }));
    expect(d.scope.unitId).toBe('sfq');
    expect(d.children.map((c) => c.unitId)).toEqual(expect.arrayContaining(['xhy', 'jy', 'sdzx']));
  });

  test('mediators get no summaries', async () => {
    await refusedWithoutWrites('FORBIDDEN', () => w.call(MEDIATOR, 'rollup', 'summary', {}));
    await refusedWithoutWrites('FORBIDDEN', () => w.call(MEDIATOR, 'rollup', 'summary', { unitId: 'xhy-qj' }));
  });

  test('a township supervisor reads cases in the township, with party details, and not others', async () => {
    const inTownship = await record(MEDIATOR);
    const elsewhere = await record(OTHER_TOWNSHIP_MEDIATOR, { unitId: 'jy-hx' });
    const got = expectOk(await w.call<{ record: Dispute; canSeePrivate: boolean }>(TOWNSHIP, 'dispute', 'get', { id: inTownship._id }));
    expect(got.record.partyNames).toBe('张三、李四');
    expect(got.canSeePrivate).toBe(true);
    await refusedWithoutWrites('FORBIDDEN', () => w.call(TOWNSHIP, 'dispute', 'get', { id: elsewhere._id }));
  });
});

describe('(e) a mediator and another mediator’s case in the same village', () => {
  test('without unit-wide editing: cannot read, change or delete it', async () => {
    const theirs = await record(SAME_VILLAGE);
    await refusedWithoutWrites('FORBIDDEN', () => w.call(MEDIATOR, 'dispute', 'get', { id: theirs._id }));
    await refusedWithoutWrites('FORBIDDEN', () => w.call(MEDIATOR, 'dispute', 'history', { id: theirs._id }));
    await refusedWithoutWrites('FORBIDDEN', () =>
      w.call(MEDIATOR, 'dispute', 'save', { ...caseInput({ id: theirs._id, outcome: '调解不成' }), baseVersion: 1 }),
    );
    await refusedWithoutWrites('FORBIDDEN', () => w.call(MEDIATOR, 'dispute', 'remove', { id: theirs._id, baseVersion: 1 }));
    const list = expectOk(await w.call<{ items: Dispute[] }>(MEDIATOR, 'dispute', 'list', {}));
    expect(list.items.map((d) => d._id)).not.toContain(theirs._id);
  });

  test('without unit-wide editing: resending their case as it is stored gets FORBIDDEN, not the case', async () => {
    const input = caseInput();
    expectOk(await w.call(SAME_VILLAGE, 'dispute', 'save', input));
    // Party details are masked for this caller, so the stored ones would be swapped in: the content matches.
    const err = await refusedWithoutWrites('FORBIDDEN', () =>
      w.call(MEDIATOR, 'dispute', 'save', { ...input, partyNames: undefined, partyPhones: undefined }),
    );
    expect(err.message).toBe('您无权修改该案件');
  });

  test('with unit-wide editing: can read (party details masked, in the summary too), change and delete it', async () => {
    const summary = '张三与李四因排水沟发生纠纷,张三电话13800138000';
    const masked = '张*与李*因排水沟发生纠纷,张*电话138****8000';
    const theirs = await record(SAME_VILLAGE, { summary });
    await enableUnitWideEditing();

    const got = expectOk(await w.call<{ record: Dispute; canSeePrivate: boolean }>(MEDIATOR, 'dispute', 'get', { id: theirs._id }));
    expect(got.record.summary).toBe(masked);
    expect(got.canSeePrivate).toBe(false);
    expect(got.record.partyNames).toBe('张*、李*');
    expect(got.record.partyPhones).toBe('138****8000');

    // The form sends back what it was shown, less the party fields it cannot show: the stored ones stay, and the answer is masked too.
    const { partyNames, partyPhones, ...shown } = got.record;
    void [partyNames, partyPhones];
    const edited = expectOk(
      await w.call<Dispute>(MEDIATOR, 'dispute', 'save', { ...shown, outcome: '调解不成', baseVersion: 1 }),
    );
    expect(edited.version).toBe(2);
    expect(edited.summary).toBe(masked);
    const stored = (await w.store.get<Dispute>(C.disputes, theirs._id))!;
    expect(stored).toMatchObject({ outcome: '调解不成', summary, partyNames: '张三、李四', partyPhones: '13800138000' });
    // The case stays the recorder's.
    expect((await w.store.get<Dispute>(C.disputes, theirs._id))!.mediatorId).toBe(SAME_VILLAGE);

    expectOk(await w.call(MEDIATOR, 'dispute', 'remove', { id: theirs._id, baseVersion: 2 }));
    expect((await w.store.get<Dispute>(C.disputes, theirs._id))!.deleted).toBe(true);
  });

  test('with unit-wide editing: a summary they changed (they see it masked) keeps the stored text', async () => {
    const summary = '张三与李四因排水沟发生纠纷,张三电话13800138000';
    const theirs = await record(SAME_VILLAGE, { summary });
    await enableUnitWideEditing();
    const got = expectOk(await w.call<{ record: Dispute }>(MEDIATOR, 'dispute', 'get', { id: theirs._id }));
    const { partyNames, partyPhones, ...shown } = got.record;
    void [partyNames, partyPhones];
    expectOk(await w.call(MEDIATOR, 'dispute', 'save', { ...shown, summary: `${shown.summary},已回访`, outcome: '调解不成', baseVersion: 1 }));
    const stored = (await w.store.get<Dispute>(C.disputes, theirs._id))!;
    expect(stored).toMatchObject({ outcome: '调解不成', summary, partyNames: '张三、李四', partyPhones: '13800138000' });
  });

  test('the recorder’s summary is stored as typed, even when it reads as its own masked form', async () => {
    const mine = await record(MEDIATOR, { summary: '张三电话13800138000', partyNames: '张三' });
    const typed = '张*电话138****8000';
    expectOk(await w.call(MEDIATOR, 'dispute', 'save', { ...caseInput({ id: mine._id, summary: typed, partyNames: '张三' }), baseVersion: 1 }));
    expect((await w.store.get<Dispute>(C.disputes, mine._id))!.summary).toBe(typed);
  });

  test('the recorder’s save without party names and phones clears them', async () => {
    const mine = await record(MEDIATOR);
    const edit = { ...caseInput({ id: mine._id, partyNames: undefined, partyPhones: undefined }), baseVersion: 1 };
    expectOk(await w.call(MEDIATOR, 'dispute', 'save', edit));
    const cleared = await w.store.get<Dispute>(C.disputes, mine._id);
    // Gone, not null: a read of it goes back through the save as it is.
    expect(cleared).not.toHaveProperty('partyNames');
    expect(cleared).not.toHaveProperty('partyPhones');
  });

  test('the recorder always sees their own party details in full', async () => {
    const mine = await record(MEDIATOR);
    const got = expectOk(await w.call<{ record: Dispute; canSeePrivate: boolean }>(MEDIATOR, 'dispute', 'get', { id: mine._id }));
    expect(got.record.partyNames).toBe('张三、李四');
    expect(got.record.partyPhones).toBe('13800138000');
  });
});
