/**
 * The rules of a dispute write: idempotent create, versioned edit, soft delete,
 * who may see what. Pure: the handler feeds it the stored record and writes what it plans.
 */
import type { Dispute, DisputeInput } from '../../../types/dispute';
import type { User } from '../../../types/org';
import { maskNames, maskPhones } from './privacy';
import { reaches } from './reach';
import { Refusal } from './refusal';

/** Fields that are the case itself (not bookkeeping): what "same content" compares. */
const CONTENT_FIELDS = [
  'unitId', 'acceptedDate', 'resolvedDate', 'type', 'channel', 'outcome', 'agreementForm',
  'amountFen', 'parties', 'banners', 'summary', 'partyNames', 'partyPhones',
] as const satisfies readonly (keyof Dispute & keyof DisputeInput)[];
const PRIVATE_FIELDS: readonly string[] = ['partyNames', 'partyPhones'];

export type AuditAction = 'create' | 'edit' | 'close' | 'delete';

export type DisputePlan =
  | { kind: 'unchanged'; record: Dispute }
  | { kind: 'write'; record: Dispute; action: AuditAction; changes: Record<string, [unknown, unknown]> };

export interface WriteContext {
  caller: User;
  unitPath: string[];
  nowIso: string;
  /** District setting: mediators may edit any case of their unit, not only their own. */
  unitWideEditing: boolean;
}

function content(r: Partial<Dispute> | DisputeInput): Record<string, unknown> {
  return Object.fromEntries(CONTENT_FIELDS.map((f) => [f, (r as Record<string, unknown>)[f] ?? null]));
}

export function diff(before: Partial<Dispute> | null, after: Partial<Dispute>): Record<string, [unknown, unknown]> {
  const a = before ? content(before) : {};
  const b = content(after);
  const out: Record<string, [unknown, unknown]> = {};
  for (const f of CONTENT_FIELDS) {
    if ((a[f] ?? null) === b[f]) continue;
    // The audit trail says that personal information changed, never what it is.
    out[f] = PRIVATE_FIELDS.includes(f) ? ['(已隐去)', '(已隐去)'] : [a[f] ?? null, b[f]];
  }
  return out;
}

export function mayEdit(existing: Dispute, ctx: Pick<WriteContext, 'caller' | 'unitWideEditing'>): boolean {
  // Reach first: a mediator moved to another unit no longer changes the old unit's cases.
  if (!reaches(ctx.caller, ['mediator'], existing.unitPath)) return false;
  if (existing.mediatorId === ctx.caller._id) return true;
  return ctx.unitWideEditing && ctx.caller.roles.some((g) => g.role === 'mediator' && g.unitId === existing.unitId);
}

/**
 * Decides what a save does. Same id and same content → unchanged (a retry). Same id,
 * other content → a conflict, unless it is an edit naming the current version.
 */
export function planDisputeSave(existing: Dispute | null, input: DisputeInput, ctx: WriteContext): DisputePlan {
  const { baseVersion, confirmLargeAmount, ...fields } = input;
  void confirmLargeAmount;
  if (!existing) {
    if (baseVersion !== undefined) throw new Refusal('NOT_FOUND', '要修改的案件不存在');
    const record: Dispute = {
      ...fields,
      _id: input.id,
      unitPath: ctx.unitPath,
      mediatorId: ctx.caller._id,
      mediatorName: ctx.caller.name,
      version: 1,
      deleted: false,
      createdAt: ctx.nowIso,
      updatedAt: ctx.nowIso,
    };
    return { kind: 'write', record, action: 'create', changes: diff(null, record) };
  }
  // Someone who sees party details masked cannot have changed them: keep what is stored.
  if (!maySeePrivate(ctx.caller, existing)) {
    fields.partyNames = existing.partyNames;
    fields.partyPhones = existing.partyPhones;
  }
  const changes = diff(existing, fields);
  if (!Object.keys(changes).length && !existing.deleted) return { kind: 'unchanged', record: existing };
  if (baseVersion === undefined) {
    throw new Refusal('CONFLICT', '该编号的案件已存在且内容不同:如需修改,请从我的台账打开后编辑');
  }
  if (existing.deleted) throw new Refusal('NOT_FOUND', '该案件已删除,不能修改');
  if (!mayEdit(existing, ctx)) throw new Refusal('FORBIDDEN', '只能修改本人登记的案件');
  if (baseVersion !== existing.version) {
    throw new Refusal('STALE', `案件已被修改(当前第${existing.version}版),请刷新后再改`);
  }
  const record: Dispute = {
    ...existing,
    ...fields,
    unitPath: ctx.unitPath,
    version: existing.version + 1,
    updatedAt: ctx.nowIso,
  };
  const action: AuditAction = existing.outcome === '在办' && record.outcome !== '在办' ? 'close' : 'edit';
  return { kind: 'write', record, action, changes };
}

export function planDisputeDelete(existing: Dispute | null, baseVersion: number, ctx: WriteContext): DisputePlan {
  if (!existing) throw new Refusal('NOT_FOUND', '案件不存在');
  if (existing.deleted) return { kind: 'unchanged', record: existing };
  if (!mayEdit(existing, ctx)) throw new Refusal('FORBIDDEN', '只能删除本人登记的案件');
  if (baseVersion !== existing.version) {
    throw new Refusal('STALE', `案件已被修改(当前第${existing.version}版),请刷新后再删`);
  }
  const record: Dispute = { ...existing, deleted: true, version: existing.version + 1, updatedAt: ctx.nowIso };
  return { kind: 'write', record, action: 'delete', changes: { deleted: [false, true] } };
}

/** Who sees party names and phones in full: the recorder, and supervisors at or above the case's unit. */
export function maySeePrivate(viewer: User, d: Dispute): boolean {
  return viewer._id === d.mediatorId || reaches(viewer, ['supervisor'], d.unitPath);
}

export function maskDispute(d: Dispute): Dispute {
  return {
    ...d,
    ...(d.partyNames ? { partyNames: maskNames(d.partyNames) } : {}),
    ...(d.partyPhones ? { partyPhones: maskPhones(d.partyPhones) } : {}),
  };
}

/** The case as this viewer may see it. */
export function presentDispute(viewer: User, d: Dispute): Dispute {
  return maySeePrivate(viewer, d) ? d : maskDispute(d);
}
