/**
 * Every action of every function (the registry's action tables) with generated bad payloads,
 * shaped as the gateway hands them over (JSON, so `__proto__` is an own key): wrong types,
 * query operators, huge and invisible strings, deep nesting, nulls, extra and prototype keys.
 * No answer is INTERNAL, every refusal speaks Chinese and none is valibot's English or echoes a
 * huge input, and the store dumps byte-identical before and after: a refused call changes nothing.
 * Seeded (scripts/seeded-random.ts), so a failure repeats; the count bounds the time.
 */
import { C } from '../../cloudfunctions/core/platform/port';
import { functions } from '../../cloudfunctions/registry';
import { seededRandom } from '../../scripts/seeded-random';
import type { ApiResult, FunctionName } from '../../types/api';
import { todayBeijing } from '../../types/dates';
import { demoWorld, type World } from '../support/world';

/** Payloads per action and caller. */
const PER_ACTION = 60;
const CALLERS = ['demo-admin', 'demo-mediator', 'demo-trainer'];
const SEED = 13;

/** The names payloads use across the functions, so generated objects reach the fields' own checks. */
const KEYS = [
  'id', 'unitId', 'villageId', 'trainingId', 'personId', 'userId', 'fromUnitId', 'toUnitId', 'parentId', 'importId', 'fileId',
  'period', 'metric', 'year', 'month', 'q', 'limit', 'skip', 'baseVersion', 'name', 'phone', 'code', 'token', 'password',
  'format', 'role', 'active', 'present', 'disputeTypes', 'unitWideEditing', 'topic', 'title', 'date', 'category', 'photos',
  'materials', 'consulted', 'person', 'kind', 'reason', 'outcome', 'type', 'channel', 'acceptedDate', 'resolvedDate',
  'amountFen', 'parties', 'banners', 'summary', 'partyNames', 'partyPhones', 'agreementForm', 'confirmLargeAmount',
  'isLawPerson', 'confirmNew', 'lawPersonOnly', 'uses', 'days', 'hours', 'trainer', 'place', 'retired', 'state', 'zero', 'expected', 'dueDay',
];
const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'];

function nested(depth: number, leaf: unknown, rnd: () => number): unknown {
  let v = leaf;
  for (let i = 0; i < depth; i++) v = rnd() < 0.5 ? [v] : { a: v };
  return v;
}

const SCALARS: unknown[] = [
  null, true, false, 0, -1, 1, 1.5, -0.5, 1e20, 1e21, -1e21, 2 ** 53 + 2, 1e308, 9999, 1899,
  '', ' ', '\u0000', '\u0000\u0000', '\u200b\ufeff', '\u202e', '\r\n\t', 'null', 'undefined', 'NaN', 'true', '0',
  '$gt', '__proto__', 'constructor', 'toString', '../..', 'local://uploads/../fazhi.sqlite', 'cloud://env/exports/x.xlsx',
  'local://uploads/', '1899-12-31', '0000-00-00', '2024-02-30', '9999-12-31', '2024-13', '2024Q5', '2024', 'D9',
  'admin', 'supervisor', 'xhy', 'sfq', 'xhy-qj', 'demo-admin', 'abcdefgh', "' OR 1=1 --", '"); DROP TABLE docs; --',
  '<script>alert(1)</script>', '=cmd|/c calc', '😀'.repeat(20), '张'.repeat(600),
];

function hostileValue(rnd: () => number, depth = 0): unknown {
  const r = rnd();
  if (r < 0.45) return SCALARS[Math.floor(rnd() * SCALARS.length)];
  if (r < 0.55) return 'x'.repeat(1 + Math.floor(rnd() * 200_000));
  if (r < 0.7) {
    const ops = [{ $gt: '' }, { $ne: null }, { $in: ['xhy', 'sfq'] }, { $regex: '.*' }, { $where: 'true' }, { $exists: true }, { $or: [{}] }];
    return ops[Math.floor(rnd() * ops.length)];
  }
  if (r < 0.8) return nested(1 + Math.floor(rnd() * 300), hostileValue(rnd, depth + 1), rnd);
  if (r < 0.9 && depth < 3) return Array.from({ length: Math.floor(rnd() * 5) }, () => hostileValue(rnd, depth + 1));
  if (depth < 3) return hostileObject(rnd, depth + 1);
  return null;
}

function hostileObject(rnd: () => number, depth: number): Record<string, unknown> {
  const entries: [string, unknown][] = [];
  const n = Math.floor(rnd() * 7);
  for (let i = 0; i < n; i++) {
    const pool = rnd() < 0.2 ? PROTO_KEYS : rnd() < 0.1 ? ['$where', '$gt', '', 'x'.repeat(5000), 'a.b', '_id'] : KEYS;
    const key = pool[Math.floor(rnd() * pool.length)];
    entries.push([key, key === '__proto__' && rnd() < 0.5 ? { admin: true, roles: [{ role: 'admin', unitId: 'sfq' }] } : hostileValue(rnd, depth)]);
  }
  // As JSON.parse builds it: '__proto__' an own key, not the prototype.
  return Object.fromEntries(entries);
}

const today = todayBeijing();
const ref = { id: 'fuzz-record-1' };
const versioned = { id: 'fuzz-record-1', baseVersion: 1 };
const person = { id: 'fuzz-person-1', unitId: 'xhy-qj', name: '张三', phone: '' };
/**
 * A well-formed payload per action and the keys it cannot do without: one of those is always
 * spoiled, so the call is refused (a write must never land), while the rest reach their own checks.
 */
const BASES: Record<string, { base: Record<string, unknown>; required: string[] }> = {
  'dispute.save': {
    base: { id: 'fuzz-case-01', unitId: 'xhy-qj', acceptedDate: '2025-03-02', resolvedDate: '2025-03-09', type: '邻里', channel: '民调', outcome: '调解成功', agreementForm: '书面', amountFen: 100, parties: 2, banners: 0, summary: '排水沟', partyNames: '张三', partyPhones: '13800138000' },
    required: ['id', 'unitId', 'acceptedDate', 'type', 'channel', 'outcome', 'amountFen', 'parties', 'banners'],
  },
  'dispute.remove': { base: versioned, required: ['id', 'baseVersion'] },
  'training.remove': { base: versioned, required: ['id', 'baseVersion'] },
  'publicity.remove': { base: versioned, required: ['id', 'baseVersion'] },
  'dispute.get': { base: ref, required: ['id'] },
  'dispute.history': { base: ref, required: ['id'] },
  'training.get': { base: ref, required: ['id'] },
  'person.get': { base: ref, required: ['id'] },
  'publicity.get': { base: ref, required: ['id'] },
  'training.save': { base: { id: 'fuzz-train-01', unitId: 'xhy', category: '专题培训', date: today, topic: '普法', hours: 2 }, required: ['id', 'unitId', 'category', 'date', 'topic'] },
  'publicity.save': { base: { id: 'fuzz-publi-01', unitId: 'xhy', date: today, title: '普法集市', materials: 1, consulted: 1, photos: [] }, required: ['id', 'unitId', 'date', 'title', 'materials', 'consulted'] },
  'person.save': { base: person, required: ['id', 'unitId', 'name'] },
  'training.attend': { base: { trainingId: 'fuzz-train-01', personId: 'fuzz-person-1', present: true }, required: ['trainingId', 'personId', 'present'] },
  'training.walkIn': { base: { trainingId: 'fuzz-train-01', person }, required: ['trainingId', 'person'] },
  'training.checkinInfo': { base: { trainingId: 'fuzz-train-01', token: 'abcdefghij' }, required: ['trainingId', 'token'] },
  'training.checkin': { base: { trainingId: 'fuzz-train-01', token: 'abcdefghij', name: '张三', phone: '13800138000' }, required: ['trainingId', 'token', 'name', 'phone'] },
  'rollup.records': { base: { unitId: 'xhy', period: '2025', metric: 'D1', limit: 10, skip: 0 }, required: ['unitId', 'period', 'metric'] },
  'reporting.submit': { base: { unitId: 'xhy-qj', period: '2025-03', zero: false }, required: ['unitId', 'period'] },
  'reporting.review': { base: { unitId: 'xhy', period: '2025-03' }, required: ['period'] },
  'reporting.approve': { base: { unitId: 'xhy-qj', period: '2025-03' }, required: ['unitId', 'period'] },
  'reporting.return': { base: { unitId: 'xhy-qj', period: '2025-03', reason: '金额有误' }, required: ['unitId', 'period', 'reason'] },
  'reporting.unapprove': { base: { unitId: 'xhy-qj', period: '2025-03', reason: '金额有误' }, required: ['unitId', 'period', 'reason'] },
  'reporting.completeness': { base: { period: '2025' }, required: ['period'] },
  'reporting.remind': { base: { unitId: 'xhy', period: '2025-03' }, required: ['period'] },
  'reporting.expected': { base: { unitId: 'sfj', expected: false }, required: ['unitId', 'expected'] },
  'rollup.lock': { base: { unitId: 'sfq', period: '2024' }, required: ['unitId', 'period'] },
  'rollup.unlock': { base: { unitId: 'sfq', period: '2024', reason: '更正数据' }, required: ['unitId', 'period', 'reason'] },
  'report.annual': { base: { year: 2025 }, required: ['year'] },
  'report.export': { base: { year: 2025, format: 'xlsx' }, required: ['year', 'format'] },
  'report.ledger': { base: { year: 2025 }, required: ['year'] },
  'report.statisticsExport': { base: { period: '2025-03', format: 'xlsx' }, required: ['period', 'format'] },
  'settings.save': { base: { disputeTypes: ['邻里'], unitWideEditing: false }, required: ['disputeTypes', 'unitWideEditing'] },
  'org.add': { base: { id: 'fuzz-unit-01', name: '新村', kind: '村社区', parentId: 'xhy' }, required: ['id', 'name', 'kind', 'parentId'] },
  'org.rename': { base: { unitId: 'xhy-qj', name: '新名' }, required: ['unitId', 'name'] },
  'org.move': { base: { unitId: 'xhy-qj', parentId: 'jy' }, required: ['unitId', 'parentId'] },
  'org.moveProgress': { base: { unitId: 'xhy-qj' }, required: ['unitId'] },
  'org.retire': { base: { unitId: 'xhy-qj', retired: true }, required: ['unitId', 'retired'] },
  'account.invite': { base: { id: 'fuzz-invite-1', unitId: 'xhy', role: 'mediator', uses: 1 }, required: ['id', 'unitId', 'role'] },
  'account.revoke': { base: ref, required: ['id'] },
  'account.preview': { base: { code: 'ABCD2345' }, required: ['code'] },
  'account.join': { base: { code: 'ABCD2345', name: '张三', phone: '13800138000' }, required: ['code', 'name', 'phone'] },
  'account.grant': { base: { userId: 'demo-mediator', role: 'trainer', unitId: 'xhy' }, required: ['userId', 'role', 'unitId'] },
  'account.revokeRole': { base: { userId: 'demo-mediator', role: 'mediator', unitId: 'xhy-qj' }, required: ['userId', 'role', 'unitId'] },
  'account.moveUser': { base: { userId: 'demo-mediator', fromUnitId: 'xhy-qj', toUnitId: 'xhy' }, required: ['userId', 'fromUnitId', 'toUnitId'] },
  'account.setActive': { base: { userId: 'demo-mediator', active: false }, required: ['userId', 'active'] },
  'account.resetLink': { base: { userId: 'demo-mediator' }, required: ['userId'] },
  'import.run': { base: { fileId: 'local://uploads/2025-03-01/abc-台账.xlsx', name: '台账.xlsx', importId: 'fuzz-import-1' }, required: ['fileId', 'name'] },
  'import.progress': { base: { importId: 'fuzz-import-1' }, required: ['importId'] },
};

/** Values no required field takes, whatever its type (a required list needs an element, an object its keys). */
const SPOILERS: (() => unknown)[] = [() => null, () => ({ $gt: '' }), () => ({ $ne: null }), () => [], () => [[{}]], () => nested(200, {}, () => 0.3)];

/** A well-formed payload with one required key spoiled and up to three more keys made hostile. */
function spoiled(known: { base: Record<string, unknown>; required: string[] }, rnd: () => number): Record<string, unknown> {
  const entries = Object.entries(known.base);
  const spoil = known.required[Math.floor(rnd() * known.required.length)];
  const out = entries.map(([k, v]): [string, unknown] => [k, k === spoil ? SPOILERS[Math.floor(rnd() * SPOILERS.length)]() : v]);
  for (let n = Math.floor(rnd() * 4); n > 0; n--) {
    const pool = rnd() < 0.5 ? Object.keys(known.base).filter((k) => k !== spoil) : rnd() < 0.3 ? PROTO_KEYS : KEYS.filter((k) => !known.required.includes(k));
    if (pool.length) out.push([pool[Math.floor(rnd() * pool.length)], hostileValue(rnd, 1)]);
  }
  return Object.fromEntries(out);
}

function hostilePayload(rnd: () => number): unknown {
  const r = rnd();
  if (r < 0.08) return undefined;
  if (r < 0.25) return hostileValue(rnd, 3);
  return hostileObject(rnd, 0);
}

/** Every collection, every document, as the store keeps it: equal text means nothing was written. */
async function dump(w: World): Promise<string> {
  const out: string[] = [];
  for (const coll of Object.values(C)) out.push(coll, JSON.stringify(await w.store.find(coll, {}, { sort: { _id: 1 } })));
  return out.join('\n');
}

const CHINESE = /[\u4e00-\u9fa5]/;
const VALIBOT_ENGLISH = /Invalid \w+:|Expected .* but received|Received /;

jest.setTimeout(120_000);

test('bad payloads to every action: no INTERNAL, Chinese refusals, nothing written', async () => {
  const w = await demoWorld(3);
  try {
    // Each caller's first call stamps lastActiveAt (once an hour): done before the dump.
    for (const openid of CALLERS) await w.call(openid, 'me', 'whoami');
    const before = await dump(w);
    const rnd = seededRandom(SEED);
    const problems: string[] = [];
    let calls = 0;
    let refusals = 0;
    const started = Date.now();
    for (const [fn, actions] of Object.entries(functions) as [FunctionName, Record<string, unknown>][]) {
      for (const action of Object.keys(actions)) {
        for (const openid of CALLERS) {
          for (let i = 0; i < PER_ACTION; i++) {
            const known = BASES[`${fn}.${action}`];
            const payload = known && i % 2 === 0 ? spoiled(known, rnd) : hostilePayload(rnd);
            const res = (await w.call(openid, fn, action, payload)) as ApiResult<unknown>;
            calls++;
            if (res.ok) continue;
            refusals++;
            const text = JSON.stringify(res.error);
            const shown = () => `${fn}.${action} as ${openid}: ${JSON.stringify(payload)?.slice(0, 160)} → ${text.slice(0, 200)}`;
            if (res.error.code === 'INTERNAL') problems.push(`INTERNAL ${shown()}`);
            else if (!CHINESE.test(res.error.message)) problems.push(`not Chinese ${shown()}`);
            else if (VALIBOT_ENGLISH.test(text)) problems.push(`English ${shown()}`);
            else if (text.length > 4000) problems.push(`echoes ${text.length} characters ${shown()}`);
          }
        }
      }
    }
    // Hostile events, not only payloads: the envelope goes through a schema too.
    for (let i = 0; i < 200; i++) {
      const event = rnd() < 0.5 ? hostileValue(rnd) : { action: hostileValue(rnd), payload: hostilePayload(rnd) };
      const fn = Object.keys(functions)[Math.floor(rnd() * Object.keys(functions).length)] as FunctionName;
      const res = (await w.raw(fn, event, CALLERS[i % CALLERS.length])) as ApiResult<unknown>;
      calls++;
      if (!res.ok && (res.error.code === 'INTERNAL' || !CHINESE.test(res.error.message) || VALIBOT_ENGLISH.test(JSON.stringify(res.error)) || JSON.stringify(res.error).length > 4000)) {
        problems.push(`event to ${fn}: ${JSON.stringify(event)?.slice(0, 160)} → ${JSON.stringify(res.error).slice(0, 200)}`);
      }
    }
    const seconds = (Date.now() - started) / 1000;
    console.log(`fuzz: ${calls} calls (${refusals} payload refusals) to ${Object.values(functions).reduce((n, f) => n + Object.keys(f).length, 0)} actions in ${seconds.toFixed(1)} s`);
    expect({ problems: problems.length, first: problems.slice(0, 20) }).toEqual({ problems: 0, first: [] });
    expect(await dump(w)).toBe(before);
  } finally {
    await w.store.close();
  }
});
