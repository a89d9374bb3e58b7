/**
 * 账号 through the `account` function (issue 12): invite, join, 用户管理. Run on the demo district
 * the way the platform runs them: the caller is the OPENID it vouches for; a joiner is one it
 * identified whom the store does not know yet.
 */
import { createHash } from 'node:crypto';
import { bootstrapInvitation } from '../../cloudfunctions/core/app/invitations';
import { consumeReset } from '../../cloudfunctions/core/app/users';
import { Refusal } from '../../cloudfunctions/core/domain/refusal';
import { EMBEDDED_INDEXES, EMBEDDED_MULTIKEY, EmbeddedStore } from '../../cloudfunctions/core/platform/adapters/embedded';
import { C } from '../../cloudfunctions/core/platform/port';
import { invoke } from '../../cloudfunctions/core/platform/runtime';
import { functions } from '../../cloudfunctions/registry';
import { INVITATION_CODE, type InvitationInput, type InvitationPreview, type InvitationView, type ResetLink, type UserLine, type UserList } from '../../types/account';
import type { Dispute } from '../../types/dispute';
import type { AuditEntry } from '../../types/ledger';
import type { Me, Unit, User } from '../../types/org';
import { caseInput, demoWorld, expectError, expectOk, type World } from '../support/world';

const ADMIN = 'demo-admin';
const TOWNSHIP = 'demo-township'; // supervisor at 杏花营镇 (xhy)
const MEDIATOR = 'demo-mediator'; // mediator at 前进村 (xhy-qj)

let clock: Date;
let w: World;
beforeEach(async () => {
  clock = new Date('2025-06-01T02:00:00Z');
  w = await demoWorld(6, () => clock);
});
afterEach(() => w.store.close());

let serial = 0;
const inviteInput = (o: Partial<InvitationInput> = {}): InvitationInput => ({ id: `test-inv-${++serial}`, unitId: 'xhy-qj', role: 'mediator', uses: 1, days: 7, ...o });
const invite = (as: string, o: Partial<InvitationInput> = {}) => w.call<InvitationView>(as, 'account', 'invite', inviteInput(o));
const joinAs = (openid: string, code: string, o: Record<string, unknown> = {}) =>
  w.call<{ user: User }>(openid, 'account', 'join', { code, name: '新调解员', phone: '139 0000 0001', ...o });
const users = (as: string, q: Record<string, unknown> = {}) => w.call<UserList>(as, 'account', 'users', q);
const lineOf = async (as: string, id: string, unitId?: string) => expectOk(await users(as, { unitId, limit: 200 })).items.find((u) => u._id === id);
const auditOf = (coll: string, id: string) => w.store.find<AuditEntry>(C.audit, { coll, recordId: id }, { sort: { version: 1 } });
const userCount = () => w.store.count(C.users, {});

describe('invite', () => {
  test('an admin invites: a code of the unambiguous alphabet, its scene fits a mini-program code, valid 7 days by default; audited', async () => {
    const inv = expectOk(await w.call<InvitationView>(ADMIN, 'account', 'invite', { id: 'test-inv-first', unitId: 'xhy-qj', role: 'mediator' }));
    expect(inv.code).toMatch(INVITATION_CODE);
    expect(inv.scene).toBe(`c=${inv.code}`);
    expect(inv.scene.length).toBeLessThanOrEqual(32);
    expect(inv).toMatchObject({ unitName: '前进村', role: 'mediator', uses: 1, state: '有效', joined: [] });
    expect(Date.parse(inv.expiresAt) - clock.getTime()).toBe(7 * 24 * 3600 * 1000);
    expect(await auditOf(C.invitations, 'test-inv-first')).toMatchObject([{ action: 'create', by: ADMIN, version: 1 }]);
  });

  test('resending the same invitation is one invitation with one code; other content under its id is a conflict', async () => {
    const first = expectOk(await invite(ADMIN, { id: 'test-inv-same', uses: 3 }));
    const again = expectOk(await invite(ADMIN, { id: 'test-inv-same', uses: 3 }));
    expect(again.code).toBe(first.code);
    expect(await w.store.count(C.invitations, {})).toBe(1);
    expectError(await invite(ADMIN, { id: 'test-inv-same', uses: 4 }), 'CONFLICT');
  });

  test('codes are distinct', async () => {
    const codes = new Set<string>();
    for (let i = 0; i < 30; i++) codes.add(expectOk(await invite(ADMIN)).code);
    expect(codes.size).toBe(30);
  });

  test('a supervisor invites below or at their unit, any role but admin; never outside or above their subtree', async () => {
    for (const role of ['mediator', 'trainer', 'supervisor'] as const) expectOk(await invite(TOWNSHIP, { role }));
    expectOk(await invite(TOWNSHIP, { unitId: 'xhy', role: 'supervisor' }));
    expectError(await invite(TOWNSHIP, { role: 'admin' }), 'FORBIDDEN');
    expectError(await invite(TOWNSHIP, { unitId: 'jy-hx' }), 'FORBIDDEN'); // another township's village
    expectError(await invite(TOWNSHIP, { unitId: 'sfq', role: 'mediator' }), 'FORBIDDEN'); // the district, above them
    expectError(await invite(MEDIATOR), 'FORBIDDEN');
  });

  test("the list shows a subtree's invitations with their state and who joined; a supervisor sees only theirs", async () => {
    const here = expectOk(await invite(ADMIN, { uses: 2 }));
    const there = expectOk(await invite(ADMIN, { unitId: 'jy-hx' }));
    expectOk(await joinAs('wx-new-1', here.code));
    const mine = expectOk(await w.call<InvitationView[]>(TOWNSHIP, 'account', 'invitations', {}));
    expect(mine.map((i) => i._id)).toEqual([here._id]);
    expect(mine[0]).toMatchObject({ state: '有效', joined: [{ userId: 'wx-new-1', name: '新调解员' }] });
    const all = expectOk(await w.call<InvitationView[]>(ADMIN, 'account', 'invitations', {}));
    expect(all.map((i) => i._id).sort()).toEqual([here._id, there._id].sort());
    expectError(await w.call(TOWNSHIP, 'account', 'invitations', { unitId: 'jy' }), 'FORBIDDEN');
    expectError(await w.call(MEDIATOR, 'account', 'invitations', {}), 'FORBIDDEN');
  });

  test('revoking: the state says so, joining is refused, those who joined stay; twice is once; audited', async () => {
    const inv = expectOk(await invite(ADMIN, { uses: 5 }));
    expectOk(await joinAs('wx-early', inv.code));
    expectError(await w.call(TOWNSHIP, 'account', 'revoke', { id: expectOk(await invite(ADMIN, { unitId: 'jy-hx' }))._id }), 'FORBIDDEN');
    const revoked = expectOk(await w.call<InvitationView>(ADMIN, 'account', 'revoke', { id: inv._id }));
    expect(revoked.state).toBe('已撤销');
    expectOk(await w.call(ADMIN, 'account', 'revoke', { id: inv._id }));
    expect((await auditOf(C.invitations, inv._id)).map((a) => a.version)).toEqual([1, 2, 3]);
    const before = await userCount();
    expect(expectError(await joinAs('wx-late', inv.code, { phone: '13900000002' }), 'FORBIDDEN').message).toBe('该邀请已被撤销,请联系邀请人重新邀请');
    expect(await userCount()).toBe(before);
    expect(await w.store.get(C.users, 'wx-early')).not.toBeNull();
  });
});

describe('join', () => {
  test('anyone holding the code sees the unit and role, no sign-in needed', async () => {
    const inv = expectOk(await invite(TOWNSHIP, { role: 'trainer' }));
    const preview = expectOk(await w.raw<InvitationPreview>('account', { action: 'preview', payload: { code: inv.code.toLowerCase() } }, undefined));
    expect(preview).toEqual({ unitName: '前进村', role: 'trainer', state: '有效' });
    expectError(await w.raw('account', { action: 'preview', payload: { code: 'ABCDEFGHJK' } }, undefined), 'NOT_FOUND');
    expectError(await w.raw('account', { action: 'preview', payload: { code: 'O0I1' } }, undefined), 'INVALID');
  });

  test('the joiner becomes a user with the role at the unit, lands on their home (whoami), phone kept whole but shown masked; audited', async () => {
    const inv = expectOk(await invite(ADMIN));
    expectError(await w.call('wx-new', 'me', 'whoami'), 'UNREGISTERED');
    const joined = expectOk(await joinAs('wx-new', inv.code, { name: ' 孙调解 ', phone: '139-0000-0001' }));
    expect(joined.user).toEqual({ _id: 'wx-new', name: '孙调解', roles: [{ role: 'mediator', unitId: 'xhy-qj' }] });
    const me = expectOk(await w.call<Me>('wx-new', 'me', 'whoami'));
    expect(me.user.roles).toEqual([{ role: 'mediator', unitId: 'xhy-qj' }]);
    expect((await w.store.get<User>(C.users, 'wx-new'))).toMatchObject({ phone: '13900000001', createdAt: clock.toISOString() });
    expect(await lineOf(ADMIN, 'wx-new')).toMatchObject({ name: '孙调解', phone: '139****0001', active: true, records: 0, roles: [{ role: 'mediator', unitId: 'xhy-qj', unitName: '前进村' }] });
    const audit = await auditOf(C.users, 'wx-new');
    expect(audit).toMatchObject([{ action: 'create', by: 'wx-new', version: 1 }]);
    expect(JSON.stringify(audit)).not.toContain('13900000001');
    // Single use: it is used up now, and a resent join by the same person is no second use.
    expectOk(await joinAs('wx-new', inv.code, { name: '孙调解' }));
    expect((await w.store.get<User>(C.users, 'wx-new'))!.version).toBe(1);
  });

  test('a bad phone or no name is refused with the field, nothing created; with no identity from the platform, refused', async () => {
    const inv = expectOk(await invite(ADMIN));
    const before = await userCount();
    expect(expectError(await joinAs('wx-x', inv.code, { phone: '1234' }), 'INVALID').fields).toHaveProperty('phone');
    expect(expectError(await joinAs('wx-x', inv.code, { phone: '' }), 'INVALID').fields).toHaveProperty('phone');
    expect(expectError(await joinAs('wx-x', inv.code, { name: ' ' }), 'INVALID').fields).toHaveProperty('name');
    expectError(await w.raw('account', { action: 'join', payload: { code: inv.code, name: '某人', phone: '13900000009' } }, undefined), 'UNREGISTERED');
    expect(await userCount()).toBe(before);
  });

  test('expired or used up: refused in Chinese, nothing created', async () => {
    const short = expectOk(await invite(ADMIN, { days: 1 }));
    const single = expectOk(await invite(ADMIN));
    expectOk(await joinAs('wx-first', single.code));
    const before = await userCount();
    expect(expectError(await joinAs('wx-second', single.code, { phone: '13900000003' }), 'FORBIDDEN').message).toBe('该邀请的名额已用完,请联系邀请人重新邀请');
    clock = new Date(clock.getTime() + 24 * 3600 * 1000 + 1);
    expect(expectError(await joinAs('wx-third', short.code, { phone: '13900000004' }), 'FORBIDDEN').message).toBe('该邀请已过期,请联系邀请人重新邀请');
    expect(await userCount()).toBe(before);
    const states = expectOk(await w.call<InvitationView[]>(ADMIN, 'account', 'invitations', {}));
    expect(Object.fromEntries(states.map((i) => [i._id, i.state]))).toEqual({ [short._id]: '已过期', [single._id]: '已用完' });
  });

  test('a registered user joining again gets the role added, not a second user', async () => {
    const inv = expectOk(await invite(ADMIN, { unitId: 'xhy', role: 'trainer' }));
    const before = await userCount();
    expectOk(await joinAs(MEDIATOR, inv.code, { name: '别的名字', phone: '13900000005' }));
    expect(await userCount()).toBe(before);
    const u = (await w.store.get<User>(C.users, MEDIATOR))!;
    expect(u.name).toBe('李调解(前进村调解员)');
    expect(u.roles).toEqual([{ role: 'mediator', unitId: 'xhy-qj' }, { role: 'trainer', unitId: 'xhy' }]);
  });

  test('a phone another user registered is refused', async () => {
    const inv = expectOk(await invite(ADMIN, { uses: 2 }));
    expectOk(await joinAs('wx-a', inv.code, { phone: '13900000006' }));
    expectError(await joinAs('wx-b', inv.code, { phone: '139 0000 0006' }), 'CONFLICT');
    expect(await w.store.get(C.users, 'wx-b')).toBeNull();
  });

  test('two joining at once with one phone: one has it, the other is refused', async () => {
    const inv = expectOk(await invite(ADMIN, { uses: 2 }));
    const results = await Promise.all(['wx-p0', 'wx-p1'].map((openid) => joinAs(openid, inv.code, { phone: '139 0000 0007' })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(expectError(results.find((r) => !r.ok)!, 'CONFLICT').message).toBe('该手机号已被其他用户登记,请换一个号码或联系管理员');
    expect(await w.store.count(C.users, { phone: '13900000007' })).toBe(1);
  });

  test('N+1 joining at once through an N-person invitation: N admitted', async () => {
    const inv = expectOk(await invite(ADMIN, { uses: 3 }));
    const results = await Promise.all([0, 1, 2, 3].map((i) => joinAs(`wx-c${i}`, inv.code, { phone: `1390000010${i}` })));
    expect(results.filter((r) => r.ok)).toHaveLength(3);
    expect(expectError(results.find((r) => !r.ok)!, 'FORBIDDEN').message).toContain('已用完');
    expect(await w.store.count(C.users, { _id: { $in: ['wx-c0', 'wx-c1', 'wx-c2', 'wx-c3'] } })).toBe(3);
    expect(expectOk(await w.call<InvitationView[]>(ADMIN, 'account', 'invitations', {}))[0].joined).toHaveLength(3);
  });

  test('bootstrap on an empty store: the district root and a single-use admin invitation; again: a fresh code, no second root', async () => {
    const store = new EmbeddedStore(':memory:', EMBEDDED_INDEXES, EMBEDDED_MULTIKEY);
    const deps = { store, files: w.files, now: () => clock };
    try {
      const code = await bootstrapInvitation(store, clock, '新城区');
      expect(code).toMatch(INVITATION_CODE);
      expect(await store.find<Unit>(C.units, {})).toEqual([{ _id: 'district', name: '新城区', kind: '区', parentId: null, path: ['district'] }]);
      const joined = await invoke(functions.account, { action: 'join', payload: { code, name: '区管理员', phone: '13900000011' } }, 'first-admin', deps);
      expect(expectOk(joined)).toMatchObject({ user: { roles: [{ role: 'admin', unitId: 'district' }] } });
      const again = await bootstrapInvitation(store, clock, '别的名字');
      expect(again).not.toBe(code);
      expect(await store.count(C.units, {})).toBe(1);
      expect(expectError(await invoke(functions.account, { action: 'join', payload: { code, name: '第二人', phone: '13900000012' } }, 'second', deps), 'FORBIDDEN').message).toContain('已用完');
    } finally {
      await store.close();
    }
  });
});

describe('administer users', () => {
  test("per unit: a subtree's users with roles, masked phone, last activity and the records they made; a supervisor sees only their subtree", async () => {
    expectOk(await w.call(MEDIATOR, 'dispute', 'save', caseInput()));
    const made = await w.store.count(C.disputes, { mediatorId: MEDIATOR, deleted: false });
    expect(made).toBeGreaterThan(0);
    expect(await lineOf(TOWNSHIP, MEDIATOR)).toMatchObject({ records: made, active: true, lastActiveAt: clock.toISOString() });
    const township = expectOk(await users(TOWNSHIP, { limit: 200 }));
    expect(township.items.every((u) => u.roles.some((g) => ['xhy', 'xhy-qj', 'xhy-sl', 'xhy-zz'].includes(g.unitId)))).toBe(true);
    expect(township.items.map((u) => u._id)).not.toContain('demo-m-jy-hx');
    expectError(await users(TOWNSHIP, { unitId: 'jy' }), 'FORBIDDEN');
    expectError(await users(MEDIATOR), 'FORBIDDEN');
    const found = expectOk(await users(ADMIN, { q: '前进村' }));
    expect(found.items.map((u) => u._id).sort()).toEqual(['demo-m-xhy-qj', MEDIATOR].sort());
  });

  test('a supervisor grants below their unit, never admin, never outside or above their subtree; an admin grants anything; audited', async () => {
    const grant = (as: string, role: string, unitId: string) => w.call<UserLine>(as, 'account', 'grant', { userId: MEDIATOR, role, unitId });
    expect(expectOk(await grant(TOWNSHIP, 'trainer', 'xhy-sl')).roles).toContainEqual({ role: 'trainer', unitId: 'xhy-sl', unitName: '孙李唐村' });
    expectError(await grant(TOWNSHIP, 'admin', 'xhy-qj'), 'FORBIDDEN');
    expectError(await grant(TOWNSHIP, 'mediator', 'jy-hx'), 'FORBIDDEN');
    expectError(await grant(TOWNSHIP, 'supervisor', 'sfq'), 'FORBIDDEN');
    expectError(await grant(MEDIATOR, 'mediator', 'xhy-sl'), 'FORBIDDEN');
    expectOk(await grant(ADMIN, 'supervisor', 'sfq'));
    expectOk(await grant(ADMIN, 'supervisor', 'sfq')); // granted twice is once
    expect((await auditOf(C.users, MEDIATOR)).map((a) => [a.by, a.version])).toEqual([[TOWNSHIP, 1], [ADMIN, 2]]);
    // Withdrawing follows the same rule.
    expectError(await w.call(TOWNSHIP, 'account', 'revokeRole', { userId: MEDIATOR, role: 'supervisor', unitId: 'sfq' }), 'FORBIDDEN');
    const after = expectOk(await w.call<UserLine>(TOWNSHIP, 'account', 'revokeRole', { userId: MEDIATOR, role: 'trainer', unitId: 'xhy-sl' }));
    expect(after.roles.map((g) => `${g.role}@${g.unitId}`)).toEqual(['mediator@xhy-qj', 'supervisor@sfq']);
  });

  test('a user whose every role is withdrawn can no longer use the system', async () => {
    expectOk(await w.call(TOWNSHIP, 'account', 'revokeRole', { userId: MEDIATOR, role: 'mediator', unitId: 'xhy-qj' }));
    expectError(await w.call(MEDIATOR, 'me', 'whoami'), 'UNREGISTERED');
    expectError(await w.call(ADMIN, 'account', 'revokeRole', { userId: ADMIN, role: 'admin', unitId: 'sfq' }), 'FORBIDDEN');
  });

  test("a moved user's reach follows: they record at the new unit, not the old; their records stay where they were made", async () => {
    const old = expectOk(await w.call<Dispute>(MEDIATOR, 'dispute', 'save', caseInput()));
    const made = (await lineOf(ADMIN, MEDIATOR))!.records;
    expectError(await w.call(TOWNSHIP, 'account', 'moveUser', { userId: MEDIATOR, fromUnitId: 'xhy-qj', toUnitId: 'jy-hx' }), 'FORBIDDEN');
    const moved = expectOk(await w.call<UserLine>(TOWNSHIP, 'account', 'moveUser', { userId: MEDIATOR, fromUnitId: 'xhy-qj', toUnitId: 'xhy-sl' }));
    expect(moved.roles).toEqual([{ role: 'mediator', unitId: 'xhy-sl', unitName: '孙李唐村' }]);
    const me = expectOk(await w.call<Me>(MEDIATOR, 'me', 'whoami'));
    expect(me.units.map((u) => u._id)).toEqual(['xhy-sl']);
    expectError(await w.call(MEDIATOR, 'dispute', 'save', caseInput()), 'FORBIDDEN');
    expectOk(await w.call(MEDIATOR, 'dispute', 'save', caseInput({ unitId: 'xhy-sl' })));
    expect((await w.store.get<Dispute>(C.disputes, old._id))!.unitPath).toEqual(['sfq', 'xhy', 'xhy-qj']);
    expect((await lineOf(ADMIN, MEDIATOR))!.records).toBe(made + 1);
    // 我的台账 lists the new unit's cases only.
    const mine = expectOk(await w.call<{ items: Dispute[] }>(MEDIATOR, 'dispute', 'list', {}));
    expect(mine.items.map((d) => d.unitId)).toEqual(['xhy-sl']);
  });

  test("deactivated: every call refused with the phone's message, a resent outbox write too; records and audit stay; reactivated: back", async () => {
    const inv = expectOk(await invite(ADMIN));
    expectOk(await joinAs('wx-m', inv.code));
    const input = caseInput();
    const saved = expectOk(await w.call<Dispute>('wx-m', 'dispute', 'save', input));
    const off = expectOk(await w.call<UserLine>(TOWNSHIP, 'account', 'setActive', { userId: 'wx-m', active: false }));
    expect(off.active).toBe(false);
    const refused = expectError(await w.call('wx-m', 'dispute', 'save', input), 'UNREGISTERED');
    expect(refused.message).toBe('您的账号已停用,请联系管理员');
    expect(expectError(await w.call('wx-m', 'me', 'whoami'), 'UNREGISTERED').message).toBe('您的账号已停用,请联系管理员');
    expect(await w.store.get(C.disputes, saved._id)).not.toBeNull();
    expect((await lineOf(ADMIN, 'wx-m'))!.records).toBe(1);
    // Nor can a deactivated user come back through another invitation.
    const another = expectOk(await invite(ADMIN, { unitId: 'xhy', role: 'trainer' }));
    expectError(await joinAs('wx-m', another.code), 'UNREGISTERED');
    expectOk(await w.call(TOWNSHIP, 'account', 'setActive', { userId: 'wx-m', active: true }));
    expectOk(await w.call('wx-m', 'me', 'whoami'));
    expect((await auditOf(C.users, 'wx-m')).map((a) => a.changes.active ?? a.action)).toEqual(['create', [true, false], [false, true]]);
  });

  test('a supervisor cannot deactivate an admin or someone outside their subtree; nobody deactivates themselves', async () => {
    expectError(await w.call(TOWNSHIP, 'account', 'setActive', { userId: ADMIN, active: false }), 'FORBIDDEN');
    expectError(await w.call(TOWNSHIP, 'account', 'setActive', { userId: 'demo-m-jy-hx', active: false }), 'FORBIDDEN');
    expectError(await w.call(ADMIN, 'account', 'setActive', { userId: ADMIN, active: false }), 'FORBIDDEN');
    expectOk(await w.call(ADMIN, 'me', 'whoami'));
  });

  test('a reset link: a one-time token stored only as its sha256, valid 24 h, for those who manage the user', async () => {
    expectError(await w.call(TOWNSHIP, 'account', 'resetLink', { userId: ADMIN }), 'FORBIDDEN');
    const link = expectOk(await w.call<ResetLink>(TOWNSHIP, 'account', 'resetLink', { userId: MEDIATOR }));
    expect(link.token.length).toBeGreaterThanOrEqual(16);
    const stored = await w.store.find(C.resets, {});
    expect(stored.map((d) => d._id)).toEqual([createHash('sha256').update(link.token).digest('hex')]);
    expect(JSON.stringify(stored)).not.toContain(link.token);
    expect(await consumeReset(w.store, link.token, clock)).toBe(MEDIATOR);
    expect(await consumeReset(w.store, link.token, clock)).toBeInstanceOf(Refusal);
    const late = expectOk(await w.call<ResetLink>(ADMIN, 'account', 'resetLink', { userId: MEDIATOR }));
    const expired = await consumeReset(w.store, late.token, new Date(clock.getTime() + 24 * 3600 * 1000));
    expect(expired).toBeInstanceOf(Refusal);
    expect((expired as Refusal).message).toContain('已过期');
    expect((await auditOf(C.users, MEDIATOR)).map((a) => Object.keys(a.changes))).toEqual([['resetLink'], ['password'], ['resetLink']]);
  });

  test('last activity is written at most once an hour', async () => {
    expectOk(await w.call(MEDIATOR, 'me', 'whoami'));
    const first = clock.toISOString();
    clock = new Date(clock.getTime() + 59 * 60 * 1000);
    expectOk(await w.call(MEDIATOR, 'me', 'whoami'));
    expect((await w.store.get<User>(C.users, MEDIATOR))!.lastActiveAt).toBe(first);
    clock = new Date(clock.getTime() + 2 * 60 * 1000);
    expectOk(await w.call(MEDIATOR, 'me', 'whoami'));
    expect((await w.store.get<User>(C.users, MEDIATOR))!.lastActiveAt).toBe(clock.toISOString());
  });
});
