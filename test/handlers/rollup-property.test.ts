/**
 * Property: whatever sequence of creates, edits, closes, deletes and retries mediators
 * make (and of 排查 rounds recorded, corrected and removed), the pre-aggregated rollups the 汇总 page reads equal a recount of the raw
 * records by the report rules of DOMAIN.md. The recount below is written from those
 * rules and shares no code with cloudfunctions/core/domain/rollup.ts.
 */
import { C } from '../../cloudfunctions/core/platform/port';
import type { ApiResult } from '../../types/api';
import { CHANNELS, DEFAULT_DISPUTE_TYPES, PREVENTIONS, SOURCES, type Dispute, type DisputeInput, type Outcome } from '../../types/dispute';
import type { Screening, ScreeningInput } from '../../types/screening';
import { SCREENING_LINES, type StatisticsView, type StatLines } from '../../types/statistics';
import type { Summary, SummaryView } from '../../types/metrics';
import type { Unit, User } from '../../types/org';
import { demoWorld, expectOk, type World } from '../support/world';
import { addDays } from '../../types/dates';
import { seededRandom } from '../../scripts/seeded-random';
import { sharded } from '../support/sharded';

const OPS = 300;
const SEED = 20241231;
const DISTRICT_SUPERVISOR = 'demo-district';
/** Periods the generated dates fall in, across the year boundary. */
const YEARS = ['2024', '2025'];
const FINE_PERIODS = ['2024Q4', '2025Q1', '2024-12', '2025-01', '2025-02'];

/** Mediators and the units they hold a mediator role at; two of them reach several units and move cases. */
const EXTRA_USERS: User[] = [
  { _id: 'prop-town', name: '杏花营镇司法所调解员', roles: [{ role: 'mediator', unitId: 'xhy' }] },
  { _id: 'prop-multi', name: '跨乡调解员', roles: [{ role: 'mediator', unitId: 'jy' }, { role: 'mediator', unitId: 'sd' }] },
];
const MEDIATORS = ['demo-mediator', 'demo-m-xhy-qj', 'demo-m-jy-hx', 'demo-court', 'prop-town', 'prop-multi'];

// ---- the independent recount (DOMAIN.md "The report lines") ----

const CASE_CHANNELS = ['民调', '警调', '裁调', '访调']; // D1, D2
const COURT_CHANNELS = ['诉调']; // D3, D4

function inPeriod(date: string | undefined, period: string): boolean {
  if (!date) return false;
  const [y, m] = [date.slice(0, 4), Number(date.slice(5, 7))];
  if (/^\d{4}$/.test(period)) return y === period;
  const q = /^(\d{4})Q([1-4])$/.exec(period);
  if (q) return y === q[1] && m >= 3 * Number(q[2]) - 2 && m <= 3 * Number(q[2]);
  return date.slice(0, 7) === period;
}

interface Recount {
  D1: number;
  D2: number;
  D3: number;
  D4: number;
  accepted: number;
  inProgress: number;
}

function recount(records: Dispute[], parentOf: Map<string, string | null>, unitId: string, period: string): Recount {
  // Walks the tree from the record's own unit up (not the record's stored unitPath).
  const within = (u: string | null | undefined): boolean => !!u && (u === unitId || within(parentOf.get(u)));
  const live = records.filter((d) => !d.deleted && within(d.unitId));
  const succeeded = live.filter((d) => d.outcome === '调解成功' && inPeriod(d.resolvedDate, period));
  const cases = succeeded.filter((d) => CASE_CHANNELS.includes(d.channel));
  const court = succeeded.filter((d) => COURT_CHANNELS.includes(d.channel));
  const accepted = live.filter((d) => inPeriod(d.acceptedDate, period));
  return {
    D1: cases.length,
    D2: cases.reduce((s, d) => s + d.amountFen, 0),
    D3: court.length,
    D4: court.reduce((s, d) => s + d.banners, 0),
    accepted: accepted.length,
    inProgress: openAt(live, lastDay(period)),
  };
}

function lastDay(period: string): string {
  const [y, rest] = [Number(period.slice(0, 4)), period.slice(4)];
  const month = !rest ? 12 : rest.startsWith('Q') ? 3 * Number(rest.slice(1)) : Number(rest.slice(1));
  return new Date(Date.UTC(y, month, 0)).toISOString().slice(0, 10);
}

/** 在办 on a day: accepted on or before it, and not concluded (调结) by it. */
function openAt(live: Dispute[], day: string): number {
  return live.filter((d) => d.acceptedDate <= day && !(d.outcome !== '在办' && d.resolvedDate && d.resolvedDate <= day)).length;
}

/** The monthly statistics' count lines (DOMAIN.md "Monthly statistics"), from the records: cases, and 排查 rounds dated in the period. */
function recountLines(records: Dispute[], rounds: Screening[], parentOf: Map<string, string | null>, unitId: string, period: string): Record<string, number> {
  const within = (u: string | null | undefined): boolean => !!u && (u === unitId || within(parentOf.get(u)));
  const screened = rounds.filter((r) => !r.deleted && within(r.unitId) && inPeriod(r.date, period));
  const live = records.filter((d) => !d.deleted && within(d.unitId));
  const concluded = (outcome: Outcome) => live.filter((d) => d.outcome === outcome && inPeriod(d.resolvedDate, period));
  const success = concluded('调解成功');
  const out: Record<string, number> = {
    受理: live.filter((d) => inPeriod(d.acceptedDate, period)).length,
    调解成功: success.length,
    调解不成: concluded('调解不成').length,
    终止: concluded('终止').length,
    在办: openAt(live, lastDay(period)),
    书面协议: success.filter((d) => d.agreementForm === '书面').length,
    口头协议: success.filter((d) => d.agreementForm === '口头').length,
    协议涉及金额: success.reduce((s, d) => s + d.amountFen, 0),
    排查次数: screened.length,
    排查发现纠纷: screened.reduce((n, r) => n + r.found, 0),
    预防纠纷: screened.reduce((n, r) => n + r.prevented, 0),
  };
  for (const kind of PREVENTIONS) {
    const flagged = live.filter((d) => d.outcome !== '在办' && inPeriod(d.resolvedDate, period) && d.prevention?.[kind]);
    out[kind] = flagged.length;
    out[`${kind}人`] = flagged.reduce((s, d) => s + d.prevention![kind]!, 0);
  }
  return out;
}

function shownLines(lines: StatLines): Record<string, number> {
  const out: Record<string, number> = {};
  for (const line of ['受理', '调解成功', '调解不成', '终止', '在办', '书面协议', '口头协议'] as const) out[line] = lines[line].value;
  out.协议涉及金额 = lines.协议涉及金额.fen;
  for (const line of SCREENING_LINES) out[line] = lines[line].value;
  for (const kind of PREVENTIONS) {
    out[kind] = lines[kind].value;
    out[`${kind}人`] = lines[kind].people!;
  }
  return out;
}

function shown(s: Summary): Recount {
  const f = s.figures;
  return { D1: f.D1.value, D2: f.D2.value, D3: f.D3.value, D4: f.D4.value, accepted: s.accepted, inProgress: s.inProgress };
}

/** The same period a year earlier, and the one before it (written apart from the product's). */
function shiftYear(period: string): string {
  return `${Number(period.slice(0, 4)) - 1}${period.slice(4)}`;
}
function previous(period: string): string {
  const y = Number(period.slice(0, 4));
  const q = /Q(\d)$/.exec(period);
  if (q) return q[1] === '1' ? `${y - 1}Q4` : `${y}Q${Number(q[1]) - 1}`;
  const m = Number(period.slice(5, 7));
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

// ---- a deterministic random sequence of operations ----

function sameContent(a: DisputeInput, b: DisputeInput): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) => (a as Record<string, unknown>)[k] === (b as Record<string, unknown>)[k]);
}

interface Tracked {
  owner: string;
  version: number;
  deleted: boolean;
  content: DisputeInput;
}

type Request = { openid: string; action: 'save' | 'remove'; payload: unknown };

// One document per rollup (the embedded store), and rollups spread over shards as on CloudBase.
test.each([
  ['one document per rollup', 1],
  ['rollups in 8 shards', 8],
])(`${OPS} random creates/edits/closes/deletes/retries keep every rollup equal to a recount: %s`, async (_label, shards) => {
  const w: World = await demoWorld(8, undefined, (store) => sharded(store, shards, seededRandom(SEED + 1)));
  try {
    for (const u of EXTRA_USERS) await w.store.set(C.users, u);
    const units = await w.store.find<Unit>(C.units, {});
    const parentOf = new Map(units.map((u) => [u._id, u.parentId]));
    const isUnder = (u: string | null | undefined, top: string): boolean => !!u && (u === top || isUnder(parentOf.get(u), top));
    const reachOf = new Map<string, string[]>();
    for (const id of MEDIATORS) {
      const user = (await w.store.get<User>(C.users, id))!;
      reachOf.set(id, units.filter((u) => user.roles.some((g) => isUnder(u._id, g.unitId))).map((u) => u._id).sort());
    }

    const rnd = seededRandom(SEED);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
    const tracked = new Map<string, Tracked>();
    let lastOk: Request | null = null;
    let serial = 0;

    const send = (r: Request) => w.call<Dispute>(r.openid, 'dispute', r.action, r.payload);

    function randomContent(id: string, owner: string, base?: DisputeInput): DisputeInput {
      const acceptedDate = addDays('2024-11-15', Math.floor(rnd() * 100)); // 2024-11-15 … 2025-02-22
      const outcome: Outcome = rnd() < 0.3 ? '在办' : pick(['调解成功', '调解成功', '调解成功', '调解不成', '终止'] as const);
      return {
        ...(base ?? {}),
        id,
        unitId: pick(reachOf.get(owner)!),
        acceptedDate,
        resolvedDate: outcome === '在办' ? undefined : addDays(acceptedDate, Math.floor(rnd() * 30)),
        type: pick(DEFAULT_DISPUTE_TYPES),
        channel: owner === 'demo-court' && rnd() < 0.8 ? '诉调' : pick(CHANNELS),
        outcome,
        agreementForm: pick(['口头', '书面'] as const),
        amountFen: rnd() < 0.2 ? 0 : Math.floor(rnd() * 50_000_000),
        parties: 2 + Math.floor(rnd() * 4),
        banners: rnd() < 0.3 ? 1 + Math.floor(rnd() * 2) : 0,
        summary: `随机案件 ${id}`,
        source: rnd() < 0.5 ? undefined : pick(SOURCES),
        prevention: rnd() < 0.25 ? { [pick(PREVENTIONS)]: 1 + Math.floor(rnd() * 5) } : undefined,
      };
    }

    /** Compares the district and its direct children, or (`deep`) every unit of the tree. */
    async function check(op: number, periods: string[], deep: boolean) {
      const records = await w.store.find<Dispute>(C.disputes, {});
      const rounds = await w.store.find<Screening>(C.screenings, {});
      for (const period of periods) {
        const district = expectOk(await w.call<SummaryView>(DISTRICT_SUPERVISOR, 'rollup', 'summary', { unitId: 'sfq', period }));
        const views = [district];
        for (const child of deep ? district.children : []) {
          if (units.some((u) => u.parentId === child.unitId)) {
            views.push(expectOk(await w.call<SummaryView>(DISTRICT_SUPERVISOR, 'rollup', 'summary', { unitId: child.unitId, period })));
          }
        }
        const mismatches = [];
        for (const s of views.flatMap((v) => [v.scope, ...v.children])) {
          const rollup = shown(s);
          const recounted = recount(records, parentOf, s.unitId, period);
          if (JSON.stringify(rollup) !== JSON.stringify(recounted)) mismatches.push({ op, period, unit: s.unitId, rollup, recounted });
        }
        // The monthly statistics: every line, 同比 and 环比, for the district and each township; the rows add up.
        if (deep && !/^\d{4}$/.test(period)) {
          for (const unitId of ['sfq', ...district.children.map((c) => c.unitId)]) {
            const table = expectOk(await w.call<StatisticsView>(DISTRICT_SUPERVISOR, 'report', 'statistics', { unitId, period }));
            const lines = shownLines(table.lines);
            const recounted = recountLines(records, rounds, parentOf, unitId, period);
            if (JSON.stringify(lines) !== JSON.stringify(recounted)) mismatches.push({ op, period, unit: unitId, stats: lines, recounted });
            const sums: Record<string, number> = {};
            for (const row of table.rows) for (const [line, n] of Object.entries(shownLines(row.lines))) sums[line] = (sums[line] ?? 0) + n;
            if (table.rows.length && JSON.stringify(sums) !== JSON.stringify(lines)) mismatches.push({ op, period, unit: unitId, rowsSum: sums, total: lines });
            const [yoy, mom] = [shiftYear(period), previous(period)].map((key) => recountLines(records, rounds, parentOf, unitId, key));
            for (const line of ['受理', '调解成功', '调解不成', '终止', '在办', ...SCREENING_LINES] as const) {
              const cell = table.lines[line];
              if (cell.yoy !== yoy[line] || cell.mom !== mom[line]) mismatches.push({ op, period, unit: unitId, line, cell, yoy: yoy[line], mom: mom[line] });
            }
          }
        }
        // One expect per period: thousands of toEqual calls would dominate the run time.
        expect(mismatches).toEqual([]);
      }
    }

    // 排查 rounds: created, edited, deleted now and then, from their own stream (the cases' sequence stays as it was).
    const srnd = seededRandom(SEED + 2);
    const rounds = new Map<string, { owner: string; version: number; deleted: boolean; content: ScreeningInput }>();
    async function screeningOp() {
      const liveRounds = [...rounds.entries()].filter(([, r]) => !r.deleted);
      const roll = srnd();
      const roundContent = (id: string, owner: string): ScreeningInput => {
        const found = Math.floor(srnd() * 6);
        const reach = reachOf.get(owner)!;
        return { id, unitId: reach[Math.floor(srnd() * reach.length)], date: addDays('2024-11-15', Math.floor(srnd() * 100)), found, prevented: Math.floor(srnd() * (found + 1)), note: '' };
      };
      if (roll < 0.5 || !liveRounds.length) {
        const owner = MEDIATORS[Math.floor(srnd() * MEDIATORS.length)];
        const id = `round-${String(rounds.size + 1).padStart(5, '0')}`;
        const content = roundContent(id, owner);
        expectOk(await w.call(owner, 'dispute', 'screeningSave', content));
        rounds.set(id, { owner, version: 1, deleted: false, content });
      } else {
        const [id, r] = liveRounds[Math.floor(srnd() * liveRounds.length)];
        if (roll < 0.8) {
          r.content = roundContent(id, r.owner);
          expectOk(await w.call(r.owner, 'dispute', 'screeningSave', { ...r.content, baseVersion: r.version }));
          r.version += 1;
        } else {
          expectOk(await w.call(r.owner, 'dispute', 'screeningRemove', { id, baseVersion: r.version }));
          r.deleted = true;
        }
      }
    }

    await check(0, [...YEARS, ...FINE_PERIODS], true);
    const live = () => [...tracked.entries()].filter(([, t]) => !t.deleted);

    for (let op = 1; op <= OPS; op++) {
      const roll = rnd();
      const candidates = live();
      let request: Request;
      let expected: 'ok' | 'STALE' | 'unchanged' = 'ok';

      if (roll < 0.35 || candidates.length === 0) {
        const owner = pick(MEDIATORS);
        const id = `prop-${String(++serial).padStart(5, '0')}`;
        const content = randomContent(id, owner);
        request = { openid: owner, action: 'save', payload: content };
        tracked.set(id, { owner, version: 0, deleted: false, content });
      } else if (roll < 0.6) {
        const [id, t] = pick(candidates);
        const content = randomContent(id, t.owner, t.content);
        request = { openid: t.owner, action: 'save', payload: { ...content, baseVersion: t.version } };
        if (sameContent(content, t.content)) expected = 'unchanged';
        t.content = content;
      } else if (roll < 0.72) {
        const open = candidates.filter(([, t]) => t.content.outcome === '在办');
        const [, t] = open.length ? pick(open) : pick(candidates);
        const content: DisputeInput = { ...t.content, outcome: '调解成功', resolvedDate: addDays(t.content.acceptedDate, Math.floor(rnd() * 20)) };
        request = { openid: t.owner, action: 'save', payload: { ...content, baseVersion: t.version } };
        if (sameContent(content, t.content)) expected = 'unchanged';
        t.content = content;
      } else if (roll < 0.84) {
        const [id, t] = pick(candidates);
        request = { openid: t.owner, action: 'remove', payload: { id, baseVersion: t.version } };
        t.deleted = true;
      } else if (roll < 0.95 && lastOk) {
        request = lastOk; // the app retrying after a lost answer
        expected = 'unchanged';
      } else {
        const stale = candidates.filter(([, t]) => t.version > 1);
        if (!stale.length) continue;
        const [id, t] = pick(stale);
        request = { openid: t.owner, action: 'save', payload: { ...randomContent(id, t.owner, t.content), baseVersion: t.version - 1 } };
        expected = 'STALE';
      }

      const auditBefore = await w.store.count(C.audit, {});
      const res: ApiResult<Dispute> = await send(request);
      const label = `op ${op}: ${request.action} ${JSON.stringify(request.payload).slice(0, 120)}`;
      if (expected === 'STALE') {
        expect({ label, code: res.ok ? 'ok' : res.error.code }).toEqual({ label, code: 'STALE' });
      } else {
        expect({ label, ok: res.ok, error: res.ok ? undefined : res.error }).toEqual({ label, ok: true, error: undefined });
      }
      if (expected === 'ok') {
        const id = (request.payload as { id: string }).id;
        tracked.get(id)!.version += 1;
        lastOk = request;
        expect(await w.store.count(C.audit, {})).toBe(auditBefore + 1);
      } else {
        expect(await w.store.count(C.audit, {})).toBe(auditBefore);
      }

      if (srnd() < 0.3) await screeningOp();
      // Every op: district and townships by year; every 10th op and the last: every unit, every period.
      const deep = op % 10 === 0 || op === OPS;
      await check(op, deep ? [...YEARS, ...FINE_PERIODS] : YEARS, deep);
    }

    // The sequence exercised what it claims to.
    const finalRecords = await w.store.find<Dispute>(C.disputes, { _id: { $regex: '^prop-' } });
    expect(finalRecords.filter((d) => d.deleted).length).toBeGreaterThan(5);
    expect(finalRecords.filter((d) => d.version > 2).length).toBeGreaterThan(5);
    expect(new Set(finalRecords.map((d) => d.channel)).size).toBe(CHANNELS.length);
    expect([...rounds.values()].filter((r) => r.deleted).length).toBeGreaterThan(3);
    expect([...rounds.values()].filter((r) => r.version > 1).length).toBeGreaterThan(3);
    const resolvedYears = new Set(finalRecords.filter((d) => d.resolvedDate).map((d) => d.resolvedDate!.slice(0, 4)));
    expect([...resolvedYears].sort()).toEqual(['2024', '2025']);
    // The recount check sums the shards as the reads do.
    expect(expectOk(await w.call<{ differenceCount: number }>(DISTRICT_SUPERVISOR, 'rollup', 'check')).differenceCount).toBe(0);
    // The district's year really is spread over the shards asked for.
    expect(await w.store.count(C.rollups, { unitId: 'sfq', period: '2025' })).toBe(shards);
  } finally {
    await w.store.close();
  }
}, 60_000);
