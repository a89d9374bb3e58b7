/**
 * Invitations (issue 12): invite (idempotent by the phone's id), list a subtree's, revoke, preview
 * by code (public), join (the platform knows the caller, the store does not yet), and the
 * bootstrap invitation that makes the first district admin. Rules in domain/accounts.ts; every
 * change is audited (coll 'invitations', and 'users' for the joiner).
 */
import { randomBytes } from 'node:crypto';
import type { Invitation, InvitationInput, InvitationPreview, InvitationView, JoinInput } from '../../../types/account';
import { ACCOUNT_MANAGERS, type Unit, type User } from '../../../types/org';
import { normalizePhone } from '../../../types/phone';
import { assertMayGrant, codeFromBytes, invitationState, maskedPhone, planJoin } from '../domain/accounts';
import { Refusal } from '../domain/refusal';
import { C, type Call, type Deps, type Store } from '../platform/port';
import { codeTaken, getInvitation, invitationByCode, invitationsUnder } from './queries/invitations';
import { requireUnit } from './queries/units';
import { getUser, userByPhone } from './queries/users';
import { unitInView } from './unit-in-view';
import { appendAudit } from './write';

const DAY_MS = 24 * 3600 * 1000;

/** A fresh code no invitation holds (32^10 codes: a clash is all but impossible, and checked). */
async function freshCode(store: Store): Promise<string> {
  for (;;) {
    const code = codeFromBytes(randomBytes(10));
    if (!(await codeTaken(store, code))) return code;
  }
}

export function viewOf(inv: Invitation, nowIso: string): InvitationView {
  return { ...inv, state: invitationState(inv, nowIso), scene: `c=${inv.code}` };
}

async function createInvitation(store: Store, inv: Omit<Invitation, 'code' | 'joined' | 'version'>): Promise<Invitation> {
  const stored: Invitation = { ...inv, code: await freshCode(store), joined: [], version: 1 };
  return store.transaction(async (tx) => {
    // A resend that raced the first: the first one stands.
    const existing = await getInvitation(tx, inv._id);
    if (existing) return existing;
    await tx.set(C.invitations, stored);
    await appendAudit(tx, {
      coll: C.invitations, recordId: stored._id, version: 1, action: 'create', by: stored.by, byName: stored.byName, at: stored.createdAt,
      changes: { unitId: [null, stored.unitId], role: [null, stored.role], uses: [null, stored.uses], expiresAt: [null, stored.expiresAt] },
    });
    return stored;
  });
}

export async function invite(call: Call, input: InvitationInput): Promise<InvitationView> {
  const unit = await requireUnit(call.store, input.unitId);
  assertMayGrant(call.caller, input.role, unit);
  const now = call.now();
  const existing = await getInvitation(call.store, input.id);
  const inv = existing ?? await createInvitation(call.store, {
    _id: input.id, unitId: unit._id, unitPath: unit.path, unitName: unit.name, role: input.role, uses: input.uses,
    expiresAt: new Date(now.getTime() + input.days * DAY_MS).toISOString(), by: call.caller._id, byName: call.caller.name, createdAt: now.toISOString(),
  });
  if (inv.by !== call.caller._id || inv.unitId !== input.unitId || inv.role !== input.role || inv.uses !== input.uses) {
    throw new Refusal('CONFLICT', '该编号的邀请已存在且内容不同,请重新创建');
  }
  return viewOf(inv, now.toISOString());
}

export async function listInvitations(call: Call, q: { unitId?: string }): Promise<InvitationView[]> {
  const unit = await unitInView(call, ACCOUNT_MANAGERS, q.unitId, '只有管理员和主管可以查看邀请');
  const nowIso = call.now().toISOString();
  return (await invitationsUnder(call.store, unit._id)).map((inv) => viewOf(inv, nowIso));
}

/** Revoking twice is once; those who joined stay. */
export async function revokeInvitation(call: Call, id: string): Promise<InvitationView> {
  const at = call.now().toISOString();
  const inv = await call.store.transaction(async (tx) => {
    const stored = await getInvitation(tx, id);
    if (!stored) throw new Refusal('NOT_FOUND', '邀请不存在');
    assertMayGrant(call.caller, stored.role, { path: stored.unitPath, name: stored.unitName });
    if (stored.revokedAt) return stored;
    const next: Invitation = { ...stored, revokedAt: at, version: stored.version + 1 };
    await tx.set(C.invitations, next);
    await appendAudit(tx, { coll: C.invitations, recordId: id, version: next.version, action: 'edit', by: call.caller._id, byName: call.caller.name, at, changes: { revokedAt: [null, at] } });
    return next;
  });
  return viewOf(inv, at);
}

/** What the join page shows: open to anyone holding the code. */
export async function previewInvitation(deps: Deps, code: string): Promise<InvitationPreview> {
  const inv = await invitationByCode(deps.store, code);
  if (!inv) throw new Refusal('NOT_FOUND', '邀请码不存在,请核对后重新输入');
  return { unitName: inv.unitName, role: inv.role, state: invitationState(inv, deps.now().toISOString()) };
}

interface PhoneClaim {
  _id: string;
  userId: string;
}

/**
 * Joins the caller the platform identified (`openid`) through the invitation: a new user with its
 * role, or the role added to a registered caller. The use is counted in the transaction that reads
 * the invitation, so N+1 joining at once through an N-person invitation admit N. The password
 * (serve mode) is the gateway's to keep: it never reaches the store here.
 */
export async function join(deps: Deps, openid: string, input: JoinInput): Promise<{ user: Pick<User, '_id' | 'name' | 'roles'> }> {
  const found = await invitationByCode(deps.store, input.code);
  const phone = normalizePhone(input.phone);
  const owner = await userByPhone(deps.store, phone);
  const nowIso = deps.now().toISOString();
  const plan = await deps.store.transaction(async (tx) => {
    const inv = found && (await getInvitation(tx, found._id));
    const existing = await getUser(tx, openid);
    // Users from before phone claims (seeded, bootstrapped) are found by the query above.
    const claim = await tx.get<PhoneClaim>(C.phones, phone);
    const p = planJoin(inv, existing, { openid, name: input.name, phone }, claim?.userId ?? owner?._id, nowIso);
    if (!p) return { user: existing! };
    await tx.set(C.users, p.user);
    if (p.user.phone) await tx.set<PhoneClaim>(C.phones, { _id: p.user.phone, userId: openid });
    await tx.set(C.invitations, p.invitation);
    const by = { by: openid, byName: p.user.name, at: nowIso };
    await appendAudit(tx, { coll: C.invitations, recordId: p.invitation._id, version: p.invitation.version, action: 'edit', ...by, changes: { joined: [null, p.user.name] } });
    await appendAudit(tx, {
      coll: C.users, recordId: openid, version: p.user.version ?? 1, action: p.created ? 'create' : 'edit', ...by,
      changes: {
        roles: [existing?.roles ?? null, p.user.roles],
        ...(p.created ? { name: [null, p.user.name], phone: [null, maskedPhone(p.user.phone)] } : {}),
        invitation: [null, p.invitation._id],
      },
    });
    return p;
  });
  return { user: { _id: plan.user._id, name: plan.user.name, roles: plan.user.roles } };
}

const BOOTSTRAP_ROOT: Unit = { _id: 'district', name: '', kind: '区', parentId: null, path: ['district'] };

/**
 * For `npm run serve` and `npm run admin -- bootstrap`: on an empty store, the district root unit
 * (named `districtName`); always a fresh single-use admin invitation at the root, valid 24 h. Answers its code.
 */
export async function bootstrapInvitation(store: Store, now: Date, districtName: string): Promise<string> {
  let root = (await store.find<Unit>(C.units, { parentId: null }, { limit: 1 }))[0];
  if (!root) {
    root = { ...BOOTSTRAP_ROOT, name: districtName };
    await store.set(C.units, root);
  }
  const nowIso = now.toISOString();
  const inv = await createInvitation(store, {
    _id: `bootstrap-${now.getTime()}-${randomBytes(4).toString('hex')}`, unitId: root._id, unitPath: root.path, unitName: root.name, role: 'admin', uses: 1,
    expiresAt: new Date(now.getTime() + DAY_MS).toISOString(), by: 'bootstrap', byName: '系统初始化', createdAt: nowIso,
  });
  return inv.code;
}
