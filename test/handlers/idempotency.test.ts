/**
 * Weak signal in the village: the app retries. A retried submission is stored once,
 * an edit must name the version it edits, and a retried edit changes nothing.
 */
import { C } from '../../cloudfunctions/core/platform/port';
import type { Dispute } from '../../types/dispute';
import type { SummaryView } from '../../types/metrics';
import { caseInput, demoWorld, expectError, expectOk, snapshot, type World } from '../support/world';

const MEDIATOR = 'demo-mediator';
const DISTRICT = 'demo-district';

let w: World;
beforeEach(async () => {
  w = await demoWorld(6);
});
afterEach(() => w.store.close());

async function figures(unitId: string, period: string) {
  const s = expectOk(await w.call<SummaryView>(DISTRICT, 'rollup', 'summary', { unitId, period }));
  return { D1: s.scope.figures.D1.value, D2: s.scope.figures.D2.value, accepted: s.scope.accepted };
}

async function auditOf(id: string) {
  return w.store.find<{ _id: string; version: number; action: string }>(C.audit, { recordId: id }, { sort: { version: 1 } });
}

test('200 concurrent identical saves store one case and count it once', async () => {
  const input = caseInput({ amountFen: 5_000_000 });
  const before = { sfq: await figures('sfq', '2025'), xhy: await figures('xhy', '2025'), qj: await figures('xhy-qj', '2025-03') };
  const disputesBefore = await w.store.count(C.disputes, {});

  const results = await Promise.all(Array.from({ length: 200 }, () => w.call<Dispute>(MEDIATOR, 'dispute', 'save', input)));

  for (const r of results) expect(expectOk(r).version).toBe(1);
  expect(await w.store.count(C.disputes, {})).toBe(disputesBefore + 1);
  expect(await w.store.count(C.disputes, { _id: input.id })).toBe(1);
  expect((await auditOf(input.id)).map((a) => a.action)).toEqual(['create']);
  for (const [unitId, period, was] of [['sfq', '2025', before.sfq], ['xhy', '2025', before.xhy], ['xhy-qj', '2025-03', before.qj]] as const) {
    expect(await figures(unitId, period)).toEqual({ D1: was.D1 + 1, D2: was.D2 + 5_000_000, accepted: was.accepted + 1 });
  }
});

test('same id, different content, no baseVersion → CONFLICT, nothing written', async () => {
  const input = caseInput();
  expectOk(await w.call(MEDIATOR, 'dispute', 'save', input));
  const before = await snapshot(w.store);
  const err = expectError(await w.call(MEDIATOR, 'dispute', 'save', { ...input, amountFen: input.amountFen + 1 }), 'CONFLICT');
  expect(err.message).toContain('已存在');
  expect(await snapshot(w.store)).toEqual(before);
  expect((await w.store.get<Dispute>(C.disputes, input.id))!.amountFen).toBe(input.amountFen);
});

test('an edit naming a version that is no longer current → STALE, nothing written', async () => {
  const input = caseInput({ outcome: '在办', resolvedDate: undefined });
  expectOk(await w.call(MEDIATOR, 'dispute', 'save', input));
  const v2 = expectOk(
    await w.call<Dispute>(MEDIATOR, 'dispute', 'save', { ...input, outcome: '调解成功', resolvedDate: '2025-03-20', baseVersion: 1 }),
  );
  expect(v2.version).toBe(2);

  const before = await snapshot(w.store);
  const err = expectError(
    await w.call(MEDIATOR, 'dispute', 'save', { ...input, outcome: '调解不成', resolvedDate: '2025-03-21', baseVersion: 1 }),
    'STALE',
  );
  expect(err.message).toContain('第2版');
  expect(await snapshot(w.store)).toEqual(before);
  expect((await w.store.get<Dispute>(C.disputes, input.id))!.outcome).toBe('调解成功');
});

test('a retried edit (same content, the old baseVersion) changes nothing and makes no new version', async () => {
  const input = caseInput({ outcome: '在办', resolvedDate: undefined });
  expectOk(await w.call(MEDIATOR, 'dispute', 'save', input));
  const edit = { ...input, outcome: '调解成功' as const, resolvedDate: '2025-03-20', baseVersion: 1 };
  expectOk(await w.call(MEDIATOR, 'dispute', 'save', edit));
  const before = await snapshot(w.store);
  const d1 = await figures('sfq', '2025');

  const retried = expectOk(await w.call<Dispute>(MEDIATOR, 'dispute', 'save', edit));

  expect(retried.version).toBe(2);
  expect(retried.outcome).toBe('调解成功');
  expect(await snapshot(w.store)).toEqual(before);
  expect(await figures('sfq', '2025')).toEqual(d1);
  expect((await auditOf(input.id)).map((a) => [a.version, a.action])).toEqual([[1, 'create'], [2, 'close']]);
});

test('50 concurrent different edits of version 1: exactly one lands, the rest are STALE', async () => {
  const input = caseInput();
  expectOk(await w.call(MEDIATOR, 'dispute', 'save', input));
  const results = await Promise.all(
    Array.from({ length: 50 }, (_, i) =>
      w.call<Dispute>(MEDIATOR, 'dispute', 'save', { ...input, amountFen: 100 * (i + 1), baseVersion: 1 }),
    ),
  );
  const landed = results.filter((r) => r.ok);
  expect(landed).toHaveLength(1);
  for (const r of results) if (!r.ok) expect(r.error.code).toBe('STALE');
  const stored = (await w.store.get<Dispute>(C.disputes, input.id))!;
  expect(stored.version).toBe(2);
  expect(landed[0].ok && landed[0].data.amountFen).toBe(stored.amountFen);
  expect(await auditOf(input.id)).toHaveLength(2);
});

test('a retried delete deletes once and uncounts once', async () => {
  const input = caseInput();
  const before = await figures('sfq', '2025');
  expectOk(await w.call(MEDIATOR, 'dispute', 'save', input));
  const results = await Promise.all(
    Array.from({ length: 20 }, () => w.call(MEDIATOR, 'dispute', 'remove', { id: input.id, baseVersion: 1 })),
  );
  for (const r of results) expectOk(r);
  expect(await figures('sfq', '2025')).toEqual(before);
  expect((await auditOf(input.id)).map((a) => a.action)).toEqual(['create', 'delete']);
  expectError(await w.call(MEDIATOR, 'dispute', 'get', { id: input.id }), 'NOT_FOUND');
});

test('a create sent again after the case was deleted is refused as deleted, nothing written', async () => {
  const input = caseInput();
  expectOk(await w.call(MEDIATOR, 'dispute', 'save', input));
  expectOk(await w.call(MEDIATOR, 'dispute', 'remove', { id: input.id, baseVersion: 1 }));
  const before = await snapshot(w.store);
  for (const resend of [input, { ...input, amountFen: input.amountFen + 1 }]) {
    const err = expectError(await w.call(MEDIATOR, 'dispute', 'save', resend), 'CONFLICT');
    expect(err.message).toBe('该案件已被删除,不能再提交');
  }
  expect(await snapshot(w.store)).toEqual(before);
});
