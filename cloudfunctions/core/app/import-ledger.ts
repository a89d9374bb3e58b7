/**
 * 台账导入: a ledger's sheets written into the store. 单位 first (the tree the rest names),
 * then the records (矛盾纠纷, 培训, 宣传活动), then 签到 (which names 培训 by 编号), whatever
 * order the files came in. Every record row goes through writeRecord like any write in the
 * app (record, audit entry, lock check, rollups), in batches whose rows each land whole or
 * not at all (app/batch.ts). A row's 编号 is its identity: the same ledger imported again
 * changes nothing, and a row whose content changed is an edit of its record.
 *
 * Who may change what (README, 台账导入): a row creates records for the units the importer
 * reaches; a row that changes a record is the ledger's word while the record's current version
 * is one an import wrote (the ledger its importers keep), and otherwise obeys the app's edit
 * rules, as if the importer saved it on the page (a mediator's own case stays theirs).
 */
import { randomBytes } from 'node:crypto';
import type { Dispute } from '../../../types/dispute';
import { todayBeijing } from '../../../types/dates';
import { COLUMNS, SHEETS, type RowError, type SheetName, type SheetProgress, type SheetSummary } from '../../../types/import';
import type { Unit, User } from '../../../types/org';
import { disputeTypesOf, followUpDaysOf } from '../../../types/settings';
import type { Person, Publicity, PublicityInput, Training, TrainingInput } from '../../../types/training';
import { textOf, type Cell } from '../domain/ledger/cells';
import { isBlankRow, NOTE_SHEET, REASON_COLUMN, rowOf, type RecordSheet, type Row } from '../domain/ledger/columns';
import { isAppRecordId, ledgerRecordId, ledgerUnitId } from '../domain/ledger/ids';
import {
  importedPerson, ledgerKeeps, mediatorFinder, planDisputeImport, planPersonImport, planPublicityImport, planTrainingImport, type FromLedger, type ImportContext,
} from '../domain/ledger/records';
import { checkinRow, disputeRow, personInputOf, publicityRow, trainingRow, unitRow, type DisputeRow, type Mapped, type RecordRow, type ResolveUnit, type RowProblem, type UnitRow } from '../domain/ledger/rows';
import { Refusal } from '../domain/refusal';
import { assertOpenFor } from '../domain/tree';
import { disputeContributions, type Contribution } from '../domain/figures/rollup';
import { DISPUTE_RULES } from '../domain/dispute';
import { PUBLICITY_RULES, publicityContributions } from '../domain/publicity';
import { tickProblem, TRAINING_RULES, trainingContributions } from '../domain/training';
import { unitNames, unitResolver } from '../domain/units';
import type { AuditAction, Plan, Versioned } from '../domain/versioned';
import type { Ledger, SheetSource, SourceRow } from '../files/ledger-read';
import type { SheetOut } from '../files/workbook-write';
import { C, type Doc, type Store, type Tx } from '../platform/port';
import { loadTraining, moveCoverage, setAttendanceIn } from './attendance';
import { numberCase } from './case-no';
import { writeBatch } from './batch';
import { moveUnit, renameUnit, type TreeCall } from './tree';
import { findSamePerson } from './queries/people';
import { readSettings } from './queries/settings';
import { writeRecord } from './write';

export interface ImportOptions {
  /** Who imports: the audit trail's `by`. */
  by: User;
  /** May this importer write records at a unit (its path)? */
  mayWrite(unitPath: readonly string[]): boolean;
  /** May this importer add or change units under `parent` (null: the district itself)? */
  mayEditTree(parent: Unit | null): boolean;
  /**
   * May this importer change a record whose current version was not written by an import (see
   * ledgerKeeps)? The app's own edit rules for that kind (the CLI: whoever runs it may).
   */
  mayEditAppRecord(sheet: RecordSheet, record: Versioned): boolean;
  now: () => Date;
  /**
   * How far a sheet has got: when it starts, after each batch written (never per row), and when
   * it ends (then `total` is what was read). Called between transactions, never inside one.
   */
  onProgress?(progress: SheetProgress): void;
}

export interface RejectedRow extends RowError {
  /** The row's cells in its sheet's contract columns: what the rejected-rows workbook shows. */
  cells: Cell[];
}

/**
 * Rejected rows kept in full, the first this many: a 200 MB file of bad rows held them all
 * (3.1 GB); past it they are only counted (`unlisted`).
 */
export const REJECTED_LISTED = 10_000;

export interface ImportOutcome {
  sheets: SheetSummary[];
  /** By sheet, then row: the first REJECTED_LISTED of them. */
  rejected: RejectedRow[];
  /** Rejected rows beyond those listed: counted in `sheets`, not kept. */
  unlisted: number;
  warnings: string[];
  /** Roster entries that 签到 rows added. */
  peopleAdded: number;
  /**
   * Set when the import stopped after some rows were written (the store failed): what was
   * written, and that importing the same file again finishes the rest. The counts say what landed.
   */
  stopped?: string;
}

export class Tally {
  private readonly bySheet = new Map<SheetName, SheetSummary>();
  readonly rejected: RejectedRow[] = [];
  unlisted = 0;
  peopleAdded = 0;

  of(sheet: SheetName): SheetSummary {
    let s = this.bySheet.get(sheet);
    if (!s) this.bySheet.set(sheet, (s = { sheet, created: 0, updated: 0, unchanged: 0, rejected: 0 }));
    return s;
  }

  count(sheet: SheetName, action: AuditAction | null): void {
    const s = this.of(sheet);
    if (action === null) s.unchanged++;
    else if (action === 'create') s.created++;
    else s.updated++;
  }

  reject(source: SheetSource, r: SourceRow, problem: RowProblem): void {
    this.of(source.sheet).rejected++;
    if (this.rejected.length >= REJECTED_LISTED) {
      this.unlisted++;
      return;
    }
    const row = rowOf(source.header, r.cells);
    this.rejected.push({ sheet: source.sheet, row: r.row, ...problem, cells: COLUMNS[source.sheet].map(row) });
  }

  /** Rows that changed the store so far: created or updated. */
  written(): number {
    return [...this.bySheet.values()].reduce((n, s) => n + s.created + s.updated, 0);
  }

  outcome(warnings: string[], stopped?: string): ImportOutcome {
    const order = (s: string) => SHEETS.indexOf(s as SheetName);
    return {
      sheets: [...this.bySheet.values()].sort((a, b) => order(a.sheet) - order(b.sheet)),
      rejected: this.rejected.sort((a, b) => order(a.sheet) - order(b.sheet) || a.row - b.row),
      unlisted: this.unlisted,
      warnings,
      peopleAdded: this.peopleAdded,
      ...(stopped ? { stopped } : {}),
    };
  }
}

/** A refusal meant for one column of the row. */
function refuseAt(code: Refusal['code'], column: string, reason: string): Refusal {
  return new Refusal(code, reason, { [column]: reason });
}

/** Which column a write's refusal points at: the one it names, else the period's date, else the row's key. */
export function problemOf(sheet: SheetName, refusal: Refusal): RowProblem {
  const named = Object.keys(refusal.fields ?? {}).find((c) => COLUMNS[sheet].includes(c));
  const dated = sheet === '矛盾纠纷' ? '受理日期' : sheet === '单位' || sheet === '签到' ? undefined : '日期';
  const column = named ?? (refusal.code === 'LOCKED' && dated ? dated : COLUMNS[sheet][0]);
  return { column, reason: refusal.message };
}

interface Pending<T> {
  source: SourceRow;
  item: T;
}

/** Reports where a sheet is: `row` is the last row gone through; at the end, what was read is the total. */
function reportProgress(source: SheetSource, opts: Pick<ImportOptions, 'onProgress'>, row: number, end = false): void {
  const done = row - source.headerRow;
  // A file that declared fewer rows than it has: no total rather than a wrong one.
  const total = end ? done : source.rowsTotal !== undefined && source.rowsTotal >= done ? source.rowsTotal : undefined;
  opts.onProgress?.(total === undefined ? { sheet: source.sheet, done } : { sheet: source.sheet, done, total });
}

/**
 * Reads a sheet, maps each row (rejecting what cannot be imported as written), and hands the
 * rest to `write` in batches of the store's size, so memory holds one batch whatever the file.
 */
export async function eachBatch<T>(
  source: SheetSource,
  store: Store,
  tally: Tally,
  opts: Pick<ImportOptions, 'onProgress'>,
  map: (row: Row, r: SourceRow) => Mapped<T> | Promise<Mapped<T>>,
  write: (batch: Pending<T>[]) => Promise<void>,
): Promise<void> {
  tally.of(source.sheet);
  reportProgress(source, opts, source.headerRow);
  const size = store.batchSize ?? 1;
  let batch: Pending<T>[] = [];
  let at = source.headerRow;
  for await (const r of source.rows()) {
    // A full batch is written once another row follows, so the last one is reported once, as the end.
    if (batch.length >= size) {
      await write(batch);
      batch = [];
      reportProgress(source, opts, at);
    }
    at = r.row;
    if (isBlankRow(r.cells)) continue;
    const m = await map(rowOf(source.header, r.cells), r);
    if (m.ok) batch.push({ source: r, item: m.value });
    else tally.reject(source, r, m);
  }
  if (batch.length) await write(batch);
  reportProgress(source, opts, at, true);
}

// ——— 单位 ———

/** Writes a unit the 单位 sheet adds, or the type it changes, with its audit entry. */
async function writeUnit(store: Store, unit: Unit, existing: Unit | undefined, opts: ImportOptions): Promise<void> {
  const at = opts.now().toISOString();
  await store.transaction(async (tx) => {
    await tx.set(C.units, unit);
    await tx.set(C.audit, {
      _id: `units:${unit._id}:${at}`, coll: C.units, recordId: unit._id, version: 0, action: existing ? 'edit' : 'create',
      by: opts.by._id, byName: opts.by.name, at,
      changes: existing ? { kind: [existing.kind, unit.kind] } : { name: [null, unit.name], kind: [null, unit.kind] },
    });
  });
}

function assertMayEditTree(parent: Unit | null, opts: ImportOptions): void {
  if (!opts.mayEditTree(parent)) {
    throw refuseAt('FORBIDDEN', '单位', parent ? `只有管理员可以在「${parent.name}」下添加或修改单位` : '只有管理员可以设立区级单位');
  }
}

/** A row of the tree named by name under its parent, written at once (a tree has hundreds of units, not thousands). */
async function saveUnit(store: Store, tree: Map<string, Unit>, row: UnitRow, parent: Unit | null, opts: ImportOptions): Promise<AuditAction | null> {
  let existing: Unit | undefined;
  if (!parent) {
    const root = [...tree.values()].find((u) => u.parentId === null);
    if (root && root.name !== row.name) {
      throw refuseAt('INVALID', '单位', `已有区级单位「${root.name}」,只能有一个区:区下的单位请以「${root.name}」为上级`);
    }
    existing = root;
  } else {
    if (parent.kind === '村社区') throw refuseAt('INVALID', '上级单位', `「${parent.name}」是村社区,其下不能再设单位`);
    existing = [...tree.values()].find((u) => u.parentId === parent._id && u.name === row.name);
  }
  if (existing?.kind === row.kind) return null;
  assertMayEditTree(parent, opts);
  // A new unit keeps the 单位编号 it came with (an empty store taking another's export: importing it again finds its units).
  const id = existing?._id ?? row.id ?? ledgerUnitId(parent ? [...unitNames(parent, tree), row.name] : [row.name]);
  const unit: Unit = { _id: id, name: row.name, kind: row.kind, parentId: parent?._id ?? null, path: [...(parent?.path ?? []), id] };
  await writeUnit(store, unit, existing, opts);
  tree.set(id, unit);
  return existing ? 'edit' : 'create';
}

/**
 * A row naming a stored unit by its 单位编号: a different name renames it, a different parent
 * moves it with everything under it, a different type retypes it. Renames and moves are the
 * 组织架构 page's own (app/tree.ts): names unique under a parent, figures, locks and coverage follow.
 */
async function changeUnit(store: Store, unit: Unit, row: UnitRow, parent: Unit | null, opts: ImportOptions): Promise<AuditAction | null> {
  if (!parent && unit.parentId) throw refuseAt('INVALID', '上级单位', `「${unit.name}」不是区级单位,请填写上级单位`);
  const moves = !!parent && parent._id !== unit.parentId;
  if (unit.name === row.name && !moves && unit.kind === row.kind) return null;
  assertMayEditTree(parent, opts);
  const call: TreeCall = { store, now: opts.now, caller: opts.by };
  if (unit.name !== row.name) await renameUnit(call, { unitId: unit._id, name: row.name });
  if (moves) {
    // A move answers `running` when its call's time is up; the import has no such limit, and goes on.
    while ((await moveUnit(call, { unitId: unit._id, parentId: parent._id })).state === 'running');
  }
  if (unit.kind !== row.kind) {
    const current = (await store.get<Unit>(C.units, unit._id))!;
    await writeUnit(store, { ...current, kind: row.kind }, current, opts);
  }
  return 'edit';
}

/** The tree: a row may name a parent further down the sheet, so rows wait until their parent exists. */
async function importUnits(store: Store, source: SheetSource, tally: Tally, opts: ImportOptions): Promise<void> {
  tally.of('单位');
  reportProgress(source, opts, source.headerRow);
  let pending: { r: SourceRow; unit: UnitRow; why?: string }[] = [];
  let at = source.headerRow;
  for await (const r of source.rows()) {
    at = r.row;
    if (isBlankRow(r.cells)) continue;
    const m = unitRow(rowOf(source.header, r.cells));
    if (m.ok) pending.push({ r, unit: m.value });
    else tally.reject(source, r, m);
  }
  const loadTree = async () => new Map((await store.find<Unit>(C.units, {})).map((u) => [u._id, u]));
  let tree = await loadTree();
  // A store that has a tree knows its units' ids: a 单位编号 it does not know is a mistake. An
  // empty one takes the tree by name (an export of another store coming in).
  const idsKnown = tree.size > 0;
  const seen = new Map<string, number>();
  const once = (key: string, row: number, what: string) => {
    const first = seen.get(key);
    if (first !== undefined) throw refuseAt('CONFLICT', what, `与第${first}行重复:${what === '单位编号' ? '同一单位编号只能出现一次' : '同一上级下的单位名称不能重复'}`);
    seen.set(key, row);
  };
  while (pending.length) {
    let resolve = unitResolver([...tree.values()]);
    const waiting: typeof pending = [];
    for (const p of pending) {
      try {
        let parent: Unit | null = null;
        if (p.unit.parentRef) {
          try {
            parent = resolve(p.unit.parentRef);
          } catch (err) {
            if (err instanceof Refusal && err.code === 'NOT_FOUND') {
              waiting.push({ ...p, why: err.message });
              continue;
            }
            throw err instanceof Refusal ? refuseAt(err.code, '上级单位', err.message) : err;
          }
        }
        const known = p.unit.id ? tree.get(p.unit.id) : undefined;
        if (p.unit.id) once(`#${p.unit.id}`, p.r.row, '单位编号');
        if (known) {
          const action = await changeUnit(store, known, p.unit, parent, opts);
          if (action) {
            // A rename or move changes names and paths below it: later rows resolve against the new tree.
            tree = await loadTree();
            resolve = unitResolver([...tree.values()]);
          }
          tally.count('单位', action);
          continue;
        }
        if (p.unit.id && idsKnown) throw refuseAt('NOT_FOUND', '单位编号', `找不到单位编号「${p.unit.id}」:请使用本系统导出的单位编号,新单位留空`);
        once(`${parent?._id ?? ''}|${p.unit.name}`, p.r.row, '单位');
        tally.count('单位', await saveUnit(store, tree, p.unit, parent, opts));
      } catch (err) {
        if (!(err instanceof Refusal)) throw err;
        tally.reject(source, p.r, problemOf('单位', err));
      }
    }
    if (waiting.length === pending.length) {
      for (const p of waiting) tally.reject(source, p.r, { column: '上级单位', reason: p.why! });
      break;
    }
    pending = waiting;
  }
  reportProgress(source, opts, at, true);
}

// ——— records ———

/** `resolveUnitRef` once per distinct text: a ledger names the same few units on every row. */
function cachedResolver(units: readonly Unit[]): ResolveUnit {
  const resolve = unitResolver(units);
  const cache = new Map<string, Unit | Refusal>();
  return (ref) => {
    let hit = cache.get(ref);
    if (!hit) {
      try {
        hit = resolve(ref);
      } catch (err) {
        if (!(err instanceof Refusal)) throw err;
        hit = err;
      }
      cache.set(ref, hit);
    }
    if (hit instanceof Refusal) throw hit;
    return hit;
  };
}

/**
 * The record a 编号 names: the one an import made from it, or else the app record whose id it
 * is (an export writes app-made ids as 编号, so a ledger exported and imported again finds its
 * records). Neither: the id a new record gets.
 */
async function recordOfNo<R extends Doc>(reader: Pick<Tx, 'get'>, coll: string, sheet: RecordSheet, no: string): Promise<{ id: string; record: R | null }> {
  const derived = ledgerRecordId(sheet, no);
  const imported = await reader.get<R>(coll, derived);
  if (imported || !isAppRecordId(no)) return { id: derived, record: imported };
  const app = await reader.get<R & FromLedger>(coll, no);
  return app && !app.ledgerNo ? { id: no, record: app } : { id: derived, record: null };
}

/** What the rows are checked and linked against, read once per import. */
type District = Pick<ImportContext, 'disputeTypes' | 'mediatorOf' | 'followUpDays'>;

interface RecordKind<Rw extends RecordRow<unknown>, R extends Versioned> {
  sheet: RecordSheet;
  coll: string;
  /** What the record is called in messages (its RecordRules' noun). */
  noun: string;
  map(row: Row, resolve: ResolveUnit): Mapped<Rw>;
  plan(existing: R | null, row: Rw, ctx: ImportContext): Plan<R>;
  contributions(r: R | null): Contribution[];
  also?: (tx: Tx, before: R | null, after: R) => Promise<void>;
  onCreate?: (tx: Tx, record: R) => Promise<R>;
}

const DISPUTES: RecordKind<DisputeRow, Dispute> = {
  sheet: '矛盾纠纷',
  coll: C.disputes,
  noun: DISPUTE_RULES.noun,
  map: disputeRow,
  plan: planDisputeImport,
  contributions: (d) => disputeContributions(d),
  onCreate: numberCase,
};

const TRAININGS: RecordKind<RecordRow<TrainingInput>, Training> = {
  sheet: '培训',
  coll: C.trainings,
  noun: TRAINING_RULES.noun,
  map: trainingRow,
  plan: (existing, row, ctx) => planTrainingImport(existing, row, ctx, randomBytes(12).toString('hex')),
  contributions: trainingContributions,
  also: moveCoverage,
};

const PUBLICITY: RecordKind<RecordRow<PublicityInput>, Publicity> = {
  sheet: '宣传活动',
  coll: C.publicity,
  noun: PUBLICITY_RULES.noun,
  map: publicityRow,
  plan: planPublicityImport,
  contributions: publicityContributions,
};

async function importRecords<Rw extends RecordRow<unknown>, R extends Versioned>(
  store: Store,
  source: SheetSource,
  kind: RecordKind<Rw, R>,
  resolve: ResolveUnit,
  district: District,
  tally: Tally,
  opts: ImportOptions,
): Promise<void> {
  // 编号 → the row it first appeared on: a repeat is refused, whatever became of the first.
  const seen = new Map<string, number>();
  const map = (row: Row, r: SourceRow): Mapped<Rw> => {
    const no = textOf(row('编号'));
    const first = seen.get(no);
    if (first !== undefined) return { ok: false, column: '编号', reason: `编号「${no}」与第${first}行重复:同一编号在一个文件中只能出现一次` };
    if (no) seen.set(no, r.row);
    const m = kind.map(row, resolve);
    if (m.ok && !opts.mayWrite(m.value.unit.path)) return { ok: false, column: '单位', reason: `您没有为「${m.value.unit.name}」导入数据的权限` };
    return m;
  };
  await eachBatch(source, store, tally, opts, map, async (batch) => {
    const nowIso = opts.now().toISOString();
    const outcomes = await writeBatch(store, batch, async (tx, { item: row }) => {
      const { id } = await recordOfNo<R>(tx, kind.coll, kind.sheet, row.no);
      const ctx: ImportContext = { id, no: row.no, unitPath: row.unit.path, by: opts.by._id, nowIso, ...district };
      const written = await writeRecord<R>(tx, opts.by, {
        coll: kind.coll,
        id,
        plan: (existing) => {
          if (existing && !opts.mayWrite(existing.unitPath)) {
            throw refuseAt('FORBIDDEN', '编号', `编号「${row.no}」的记录属于您管辖范围以外的单位,不能修改`);
          }
          assertOpenFor(row.unit, existing, '单位');
          const plan = kind.plan(existing, row, ctx);
          // Only a change is refused: a row as the record stands is unchanged, whoever wrote it.
          if (plan.kind === 'write' && existing && !ledgerKeeps(existing) && !opts.mayEditAppRecord(kind.sheet, existing)) {
            throw refuseAt('FORBIDDEN', '编号', `该${kind.noun}由他人录入,您无权修改`);
          }
          return plan;
        },
        contributions: kind.contributions,
        also: kind.also,
        onCreate: kind.onCreate,
      });
      return { value: written.action, moved: written.moved };
    });
    outcomes.forEach((o, i) => {
      if (o.ok) tally.count(kind.sheet, o.value);
      else tally.reject(source, batch[i].source, problemOf(kind.sheet, o.refusal));
    });
  });
}

// ——— 签到 ———

interface Checkin {
  trainingId: string;
  /** The roster entry matching the row, when there is one. */
  personId?: string;
  /** Otherwise the entry the row adds (its id follows from unit, name and phone). */
  person: Person;
}

async function importCheckins(store: Store, source: SheetSource, resolve: ResolveUnit, tally: Tally, opts: ImportOptions): Promise<void> {
  const units = new Map((await store.find<Unit>(C.units, {})).map((u) => [u._id, u]));
  const sessions = new Map<string, Training | null>();
  const roster = new Map<string, Person | null>();
  const nowIso = opts.now().toISOString();

  const map = async (row: Row): Promise<Mapped<Checkin>> => {
    const c = checkinRow(row, resolve);
    if (!c.ok) return c;
    const { trainingNo } = c.value;
    if (!sessions.has(trainingNo)) {
      const { record } = await recordOfNo<Training>(store, C.trainings, '培训', trainingNo);
      sessions.set(trainingNo, record && !record.deleted ? record : null);
    }
    const t = sessions.get(trainingNo);
    if (!t) return { ok: false, column: '培训编号', reason: `找不到培训编号「${trainingNo}」:本次导入的「培训」和系统中都没有这场培训` };
    if (!opts.mayWrite(t.unitPath)) return { ok: false, column: '培训编号', reason: `培训「${t.topic}」不在您的管辖范围内` };
    // Ticking attendance changes the session: the same rule as a row changing it (see the top).
    if (!ledgerKeeps(t) && !opts.mayEditAppRecord('培训', t)) return { ok: false, column: '培训编号', reason: `培训「${t.topic}」由他人录入,您无权修改其签到` };
    const notYet = tickProblem(t, true, todayBeijing(opts.now()));
    if (notYet) return { ok: false, column: '培训编号', reason: notYet };
    const unit = c.value.unit ?? units.get(t.unitId);
    if (!unit) return { ok: false, column: '所属单位', reason: '请填写所属单位' };
    if (!opts.mayWrite(unit.path)) return { ok: false, column: '所属单位', reason: `您没有为「${unit.name}」导入数据的权限` };
    const input = personInputOf(c.value, unit._id);
    // Whoever is on the roster already, by the rule the app uses when adding someone.
    if (!roster.has(input.id)) roster.set(input.id, await findSamePerson(store, { unitId: unit._id }, input.name, input.phone));
    const found = roster.get(input.id);
    return { ok: true, value: { trainingId: t._id, personId: found?._id, person: importedPerson(input, unit.path, opts.by._id, nowIso) } };
  };

  await eachBatch(source, store, tally, opts, map, async (batch) => {
    const outcomes = await writeBatch(store, batch, async (tx, { item }) => {
      const t = await loadTraining(tx, item.trainingId);
      let added = false;
      if (!item.personId) {
        const written = await writeRecord<Person>(tx, opts.by, {
          coll: C.people,
          id: item.person._id,
          plan: (existing) => planPersonImport(existing, item.person),
          contributions: () => [],
        });
        added = written.action === 'create';
      }
      const { changed } = await setAttendanceIn(tx, t, item.personId ?? item.person._id, true);
      return { value: { changed, added } };
    });
    outcomes.forEach((o, i) => {
      if (!o.ok) return tally.reject(source, batch[i].source, problemOf('签到', o.refusal));
      tally.count('签到', o.value.changed ? 'create' : null);
      if (o.value.added) tally.peopleAdded++;
    });
  });
}

/**
 * Reads every row of every sheet once before anything is written, so a file that breaks off
 * (truncated XML, a character XML cannot hold, a corrupt zip entry, a limit of the reader) is
 * refused whole instead of after its first batches landed. Measured on a 12k-row workbook: this
 * pass takes 0.25-0.34 s of a 2.2 s import (about 14%), the price of never half-importing a file.
 */
async function readThrough(ledger: Ledger): Promise<void> {
  for (const source of ledger.sheets.values()) {
    let last = source.headerRow;
    try {
      for await (const r of source.rows()) last = r.row;
    } catch (err) {
      const why = err instanceof Refusal ? err.message : '无法读取,文件已损坏';
      throw new Refusal('INVALID', `「${source.origin}」第${last}行之后:${why}。整个文件未导入,请修复后重新导入`);
    }
  }
}

/** What an import that stopped midway says: exactly what landed, and how to finish. */
function stoppedMessage(written: number): string {
  return `导入中途出错,已写入 ${written} 行(见各表的新增、更新),其余未导入。请稍后再导入同一文件:已导入的行按编号识别,不会重复,只补上其余的行`;
}

/** Imports an opened ledger (see files/ledger-read.ts openLedger). */
export function importLedger(store: Store, ledger: Ledger, opts: ImportOptions): Promise<ImportOutcome> {
  return importRows(ledger, (tally) => importSheets(store, ledger, tally, opts));
}

/**
 * An opened ledger's rows read through, then written by `work` into one tally: the 台账导入's
 * sheets, or the 名册导入's one. A store failing midway answers what landed (see stoppedMessage).
 */
export async function importRows(ledger: Ledger, work: (tally: Tally) => Promise<void>): Promise<ImportOutcome> {
  await readThrough(ledger);
  const tally = new Tally();
  try {
    await work(tally);
  } catch (err) {
    // Nothing landed: the failure is the answer, and it is true that nothing was saved.
    const written = tally.written();
    if (!written) throw err;
    console.error('[fazhi] import stopped after writing rows', err);
    return tally.outcome(ledger.warnings, stoppedMessage(written));
  }
  return tally.outcome(ledger.warnings);
}

async function importSheets(store: Store, ledger: Ledger, tally: Tally, opts: ImportOptions): Promise<void> {
  const sheet = (name: SheetName) => ledger.sheets.get(name);
  const units = sheet('单位');
  if (units) await importUnits(store, units, tally, opts);
  const resolve = cachedResolver(await store.find<Unit>(C.units, {}));
  const settings = await readSettings(store);
  const district: District = {
    disputeTypes: disputeTypesOf(settings),
    followUpDays: followUpDaysOf(settings),
    mediatorOf: mediatorFinder(await store.find<User>(C.users, {})),
  };
  const records = async <Rw extends RecordRow<unknown>, R extends Versioned>(kind: RecordKind<Rw, R>) => {
    const source = sheet(kind.sheet);
    if (source) await importRecords(store, source, kind, resolve, district, tally, opts);
  };
  await records(DISPUTES);
  await records(TRAININGS);
  await records(PUBLICITY);
  const checkins = sheet('签到');
  if (checkins) await importCheckins(store, checkins, resolve, tally, opts);
}

/** What a list of rejected rows that stops short says about the rest. */
export const unlistedNote = (unlisted: number) => `另有 ${unlisted} 行未列出:只列出前 ${REJECTED_LISTED} 行,改正这些后再导入,其余的会再次列出`;

/**
 * The rejected rows as sheets of the same format, each with its reason, to fix and import again;
 * rows past those listed are named in a 说明 sheet (which an import ignores).
 */
export function rejectedSheets({ rejected, unlisted }: Pick<ImportOutcome, 'rejected' | 'unlisted'>): SheetOut[] {
  const sheets: SheetOut[] = SHEETS.filter((sheet) => rejected.some((r) => r.sheet === sheet)).map((sheet) => ({
    name: sheet,
    columns: [...COLUMNS[sheet], REASON_COLUMN],
    rows: rejected.filter((r) => r.sheet === sheet).map((r) => [...r.cells, `第${r.row}行 ${r.column}:${r.reason}`]),
  }));
  if (unlisted) sheets.push({ name: NOTE_SHEET, columns: [NOTE_SHEET], rows: [[unlistedNote(unlisted)]] });
  return sheets;
}
