/**
 * 汇总 for supervisors: figures for any unit subtree and period with drill-down, monthly
 * trends, who has not reported, the records behind each figure, period locks, and the
 * recount check. A figure is read from its rollup's documents, whatever the record count.
 */
import { todayBeijing } from '../../types/dates';
import type { Dispute } from '../../types/dispute';
import { fenToYuanText } from '../../types/money';
import {
  LockInput, RecordsQuery, SummaryQuery, TrendQuery, UnlockInput, UnreportedQuery, METRICS,
  type LockView, type MetricId, type RecordsView, type SummaryView, type TrendView, type UnreportedView,
} from '../../types/metrics';
import type { Unit, User } from '../../types/org';
import type { Person, Publicity, Training } from '../../types/training';
import { summarize } from '../core/domain/figures/figures';
import { lockId, type LockDoc } from '../core/domain/figures/locks';
import { grantUnits } from '../../types/reach';
import { authorize } from '../core/domain/reach';
import { Refusal } from '../core/domain/refusal';
import { breakdownsOf, hasReported } from '../core/domain/figures/rollup';
import { recordSource } from '../core/app/queries/records-behind';
import { C, type Doc, type Store } from '../core/platform/port';
import { recount } from '../core/app/recount';
import { appendAudit, childUnits, districtGrant, readRollups, requireUnit } from '../core/app/write';
import { parse, type Call, type CloudFunction } from '../core/platform/runtime';

const VIEWERS = ['supervisor', 'admin'] as const;

/** The unit asked for (default: the top of my reach), after checking I may see it. */
async function scopeUnit(call: Call, unitId: string | undefined): Promise<Unit> {
  const id = unitId ?? grantUnits(call.caller, VIEWERS)[0];
  if (!id) throw new Refusal('FORBIDDEN', '只有主管可以查看汇总');
  const unit = await requireUnit(call.store, id);
  authorize(call.caller, VIEWERS, unit);
  return unit;
}

/** Locks are the district's: a supervisor whose grant sits at the top of the tree. */
async function requireDistrictSupervisor(store: Store, caller: User, unit: Unit): Promise<void> {
  authorize(caller, ['supervisor'], unit);
  const district = await districtGrant(store, caller, ['supervisor']);
  if (!district || !unit.path.includes(district._id)) throw new Refusal('FORBIDDEN', '只有区级主管可以锁定或解锁期间');
}

async function leafUnits(store: Store, root: Unit): Promise<Unit[]> {
  const all = await store.find<Unit>(C.units, { path: root._id });
  const parents = new Set(all.map((u) => u.parentId));
  return all.filter((u) => !parents.has(u._id));
}

export const rollup: CloudFunction = {
  async summary(payload, call): Promise<SummaryView> {
    const q = parse(SummaryQuery, payload ?? {});
    const unit = await scopeUnit(call, q.unitId);
    const period = q.period ?? todayBeijing(call.now()).slice(0, 4);
    const children = await childUnits(call.store, unit._id);
    const counters = await readRollups(call.store, [unit, ...children].map((u) => u._id), [period]);
    const own = counters(unit._id, period);
    return {
      scope: summarize(unit, period, own),
      children: children.map((u) => summarize(u, period, counters(u._id, period))),
      parentId: unit.parentId,
      breakdowns: breakdownsOf(own),
    };
  },

  async trend(payload, call): Promise<TrendView> {
    const q = parse(TrendQuery, payload ?? {});
    const unit = await scopeUnit(call, q.unitId);
    const year = q.year ?? todayBeijing(call.now()).slice(0, 4);
    const periods = Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
    const counters = await readRollups(call.store, [unit._id], periods);
    return {
      unitId: unit._id,
      year,
      months: periods.map((period) => ({
        period,
        values: Object.fromEntries(METRICS.map((m) => [m.id, counters(unit._id, period)[m.id] ?? 0])) as Record<MetricId, number>,
      })),
    };
  },

  async unreported(payload, call): Promise<UnreportedView> {
    const q = parse(UnreportedQuery, payload);
    const unit = await scopeUnit(call, q.unitId);
    const leaves = await leafUnits(call.store, unit);
    const names = new Map((await call.store.find<Unit>(C.units, { path: unit._id })).map((u) => [u._id, u.name]));
    const counters = await readRollups(call.store, leaves.map((u) => u._id), [q.period]);
    const units = leaves.map((u) => ({
      unitId: u._id,
      name: u.name,
      parentName: (u.parentId && names.get(u.parentId)) || '',
      reported: hasReported(counters(u._id, q.period)),
    }));
    // Those who have not reported first: they are whom the township calls.
    units.sort((a, b) => Number(a.reported) - Number(b.reported) || a.parentName.localeCompare(b.parentName, 'zh'));
    return { period: q.period, units };
  },

  async records(payload, call): Promise<RecordsView> {
    const q = parse(RecordsQuery, payload);
    const unit = await scopeUnit(call, q.unitId);
    const source = recordSource(q.metric, unit._id, q.period);
    const unitNames = new Map((await call.store.find<Unit>(C.units, { path: unit._id })).map((u) => [u._id, u.name]));
    const unitName = (id: string) => unitNames.get(id) ?? '';
    if (!('filter' in source)) {
      // T2: the distinct people behind coverage, found by their coverage keys.
      const range = { _id: { $gte: source.prefix, $lt: `${source.prefix}\uffff` } };
      const [keys, total] = await Promise.all([
        call.store.find<Doc>(C.coverage, range, { sort: { _id: 1 }, skip: q.skip, limit: q.limit }),
        call.store.count(C.coverage, range),
      ]);
      const people = await Promise.all(keys.map((k) => call.store.get<Person>(C.people, k._id.slice(source.prefix.length))));
      return {
        total,
        items: people.flatMap((p) =>
          p ? [{ id: p._id, kind: 'person' as const, date: '', title: p.name, detail: p.isLawPerson ? '法律明白人' : '', unitName: unitName(p.unitId) }] : [],
        ),
      };
    }
    const [docs, total] = await Promise.all([
      // Many records share a date: the id breaks ties, so pages neither skip nor repeat.
      call.store.find<Doc & { unitId: string }>(source.coll, source.filter, { sort: { [source.dateField]: -1, _id: -1 }, skip: q.skip, limit: q.limit }),
      call.store.count(source.coll, source.filter),
    ]);
    return {
      total,
      items: docs.map((d) => {
        if (source.coll === C.disputes) {
          // Lines name the case, never its parties.
          const x = d as unknown as Dispute;
          return { id: x._id, kind: 'dispute', date: x.resolvedDate ?? x.acceptedDate, title: `${x.type} · ${x.channel}`, detail: `${fenToYuanText(x.amountFen)}元 · ${x.mediatorName}`, unitName: unitName(x.unitId) };
        }
        if (source.coll === C.trainings) {
          const x = d as unknown as Training;
          return { id: x._id, kind: 'training', date: x.date, title: x.topic, detail: `${x.category} · ${x.attendees.length}人`, unitName: unitName(x.unitId) };
        }
        const x = d as unknown as Publicity;
        return { id: x._id, kind: 'publicity', date: x.date, title: x.title, detail: `资料${x.materials}份 · 咨询${x.consulted}人次`, unitName: unitName(x.unitId) };
      }),
    };
  },

  async locks(payload, call): Promise<LockView[]> {
    const unit = await scopeUnit(call, (payload as { unitId?: string } | undefined)?.unitId);
    const locks = await call.store.find<LockDoc>(C.locks, {}, { sort: { period: -1 } });
    // Locks that bind this scope: set on it or above it, or on units below it.
    return locks
      .filter((l) => unit.path.includes(l.unitId) || l.unitPath.includes(unit._id))
      .map(({ _id, unitId, unitName, period, byName, at }) => ({ _id, unitId, unitName, period, byName, at }));
  },

  async lock(payload, call): Promise<LockView> {
    const q = parse(LockInput, payload);
    const unit = await requireUnit(call.store, q.unitId);
    await requireDistrictSupervisor(call.store, call.caller, unit);
    const lock: LockDoc = {
      _id: lockId(unit._id, q.period),
      unitId: unit._id,
      unitName: unit.name,
      unitPath: unit.path,
      period: q.period,
      by: call.caller._id,
      byName: call.caller.name,
      at: call.now().toISOString(),
    };
    await call.store.transaction(async (tx) => {
      if (await tx.get(C.locks, lock._id)) return;
      await tx.set(C.locks, lock);
      await appendAudit(tx, { coll: C.locks, recordId: lock._id, version: 0, action: 'lock', by: lock.by, byName: lock.byName, at: lock.at, changes: {} });
    });
    return lock;
  },

  /** Unlocking needs a reason, and the reason stays in the audit trail. */
  async unlock(payload, call) {
    const q = parse(UnlockInput, payload);
    const unit = await requireUnit(call.store, q.unitId);
    await requireDistrictSupervisor(call.store, call.caller, unit);
    const id = lockId(unit._id, q.period);
    const at = call.now().toISOString();
    await call.store.transaction(async (tx) => {
      if (!(await tx.get(C.locks, id))) throw new Refusal('NOT_FOUND', '该期间没有锁定');
      await tx.remove(C.locks, id);
      await appendAudit(tx, { coll: C.locks, recordId: id, version: 0, action: 'unlock', by: call.caller._id, byName: call.caller.name, at, changes: { reason: [null, q.reason] } });
    });
    return { id };
  },

  /** Compares every stored rollup with a recount from the raw records; names each difference. */
  async check(_payload, call) {
    await requireDistrictSupervisor(call.store, call.caller, await scopeUnit(call, undefined));
    const r = await recount(call.store, false);
    return { ...r, differences: r.differences.slice(0, 100), differenceCount: r.differences.length };
  },
};
