/**
 * The write rules every ledger record shares (disputes, trainings, people, publicity):
 * the phone makes the id, so the same content sent again is a no-op; other content under
 * the same id is a conflict unless it is an edit naming the current version; deletes are
 * soft. Pure: the handler reads the stored record and writes what this plans.
 */
import { Refusal } from './refusal';

export interface Versioned {
  _id: string;
  unitPath: string[];
  version: number;
  deleted: boolean;
  createdAt: string;
  updatedAt: string;
}

/** A new record's id, place, author and time: what every kind's builder takes beside its fields. */
export interface NewRecord {
  id: string;
  unitPath: string[];
  /** Who records it: `createdBy`, for the kinds that keep it. */
  by: string;
  nowIso: string;
}

/**
 * A record's first version: its identity and stamps, to which a kind's builder assigns its own
 * fields (Object.assign, not spreads: an import builds one per row, and V8 builds spreads
 * followed by fields some 20 µs slower).
 */
export function firstVersion(at: NewRecord): Versioned & { id: string } {
  return { _id: at.id, id: at.id, unitPath: at.unitPath, version: 1, deleted: false, createdAt: at.nowIso, updatedAt: at.nowIso };
}

export type AuditAction = 'create' | 'edit' | 'close' | 'delete' | 'review' | 'merge';
type Changes = Record<string, [unknown, unknown]>;

export type Plan<R> =
  | { kind: 'unchanged'; record: R }
  | { kind: 'write'; record: R; action: AuditAction; changes: Changes };

export interface RecordRules<R> {
  /** What the record is called in messages: '案件', '培训', '人员', '活动'. */
  noun: string;
  /** The fields that are the record itself: what "same content" compares and edits replace. */
  fields: readonly (keyof R & string)[];
  /** Fields whose values never go into the audit trail. */
  privateFields?: readonly string[];
}

function pick(r: object, fields: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(fields.map((f) => [f, (r as Record<string, unknown>)[f] ?? null]));
}

const isPlain = (v: unknown) =>
  v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));

/** Equal as stored (JSON); plain values compare without serialising, which an import does for every field of every row. */
function sameJson(x: unknown, y: unknown): boolean {
  if (x === y) return true;
  if (isPlain(x) && isPlain(y)) return false;
  return JSON.stringify(x) === JSON.stringify(y);
}

function diff<R>(rules: RecordRules<R>, before: Partial<R> | null, after: Partial<R>): Changes {
  const a = before ? pick(before, rules.fields) : {};
  const b = pick(after, rules.fields);
  const out: Changes = {};
  for (const f of rules.fields) {
    const x = a[f] ?? null;
    if (sameJson(x, b[f])) continue;
    // The audit trail says that personal information changed, never what it is.
    out[f] = rules.privateFields?.includes(f) ? ['(已隐去)', '(已隐去)'] : [x, b[f]];
  }
  return out;
}

/**
 * `fresh` is the record as it would be if created now (version 1); `mayEdit` says whether
 * this caller may change the stored one.
 */
export function planSave<R extends Versioned>(
  rules: RecordRules<R>,
  existing: R | null,
  fresh: R,
  baseVersion: number | undefined,
  mayEdit: (existing: R) => boolean,
): Plan<R> {
  if (!existing) {
    if (baseVersion !== undefined) throw new Refusal('NOT_FOUND', `要修改的${rules.noun}不存在`);
    return { kind: 'write', record: fresh, action: 'create', changes: diff(rules, null, fresh) };
  }
  // Before "unchanged": that answer carries the stored record, which is not everyone's to read.
  if (!mayEdit(existing)) throw new Refusal('FORBIDDEN', `您无权修改该${rules.noun}`);
  if (existing.deleted) {
    // A create sent again (an outbox retry) after the record was deleted must not bring it back.
    if (baseVersion === undefined) throw new Refusal('CONFLICT', `该${rules.noun}已被删除,不能再提交`);
    throw new Refusal('NOT_FOUND', `该${rules.noun}已删除,不能修改`);
  }
  const changes = diff(rules, existing, fresh);
  if (!Object.keys(changes).length) return { kind: 'unchanged', record: existing };
  if (baseVersion === undefined) {
    throw new Refusal('CONFLICT', `该编号的${rules.noun}已存在且内容不同:如需修改,请打开后编辑`);
  }
  if (baseVersion !== existing.version) {
    throw new Refusal('STALE', `${rules.noun}已被修改(当前第${existing.version}版),请刷新后再改`);
  }
  // Object.assign: spreads followed by fields cost V8 ~20 µs a record, which an import of 100k edits feels.
  const record: R = Object.assign({}, existing, {
    unitPath: fresh.unitPath,
    version: existing.version + 1,
    updatedAt: fresh.updatedAt,
  });
  // A field the edit leaves out is gone, not null: what a read returns must be what a save accepts.
  const fields = record as Record<string, unknown>;
  for (const f of rules.fields) {
    const value = (fresh as Record<string, unknown>)[f];
    if (value === undefined || value === null) delete fields[f];
    else fields[f] = value;
  }
  return { kind: 'write', record, action: 'edit', changes };
}

export function planDelete<R extends Versioned>(
  rules: RecordRules<R>,
  existing: R | null,
  baseVersion: number,
  mayEdit: (existing: R) => boolean,
  nowIso: string,
): Plan<R> {
  if (!existing) throw new Refusal('NOT_FOUND', `${rules.noun}不存在`);
  if (existing.deleted) return { kind: 'unchanged', record: existing };
  if (!mayEdit(existing)) throw new Refusal('FORBIDDEN', `只能删除本人登记的${rules.noun}`);
  if (baseVersion !== existing.version) {
    throw new Refusal('STALE', `${rules.noun}已被修改(当前第${existing.version}版),请刷新后再删`);
  }
  const record: R = { ...existing, deleted: true, version: existing.version + 1, updatedAt: nowIso };
  return { kind: 'write', record, action: 'delete', changes: { deleted: [false, true] } };
}
