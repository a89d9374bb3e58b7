/** 我的台账 asks for as many cases as it shows, in parts of at most 200 (the most one answer holds). */
import type { Dispute } from '../../types/dispute';
import { isCaseWrite, listMyDisputes } from '../../src/services/ledger';
import { isScreeningWrite } from '../../src/services/screening';
import { fakeBackend } from './support/backend';

/** A mediator's cases, newest first, as `dispute.list` pages them. */
function casesOnServer(n: number) {
  const all = Array.from({ length: n }, (_, i) => ({ _id: `case${String(i).padStart(4, '0')}` }) as Dispute);
  return fakeBackend((_fn, _action, payload) => {
    const { skip = 0, limit = 50 } = payload as { skip?: number; limit?: number };
    return { ok: true, data: { items: all.slice(skip, skip + limit), total: n } };
  });
}

test('50 at first, then 100: one question each, for as many as are shown', async () => {
  const backend = casesOnServer(130);
  const first = await listMyDisputes({ outcome: '在办' }, 50);
  expect(first.items).toHaveLength(50);
  expect(first.total).toBe(130);
  const more = await listMyDisputes({ outcome: '在办' }, 100);
  expect(more.items.map((d) => d._id)).toEqual(Array.from({ length: 100 }, (_, i) => `case${String(i).padStart(4, '0')}`));
  expect(backend.calls.map((c) => c.payload)).toEqual([
    { outcome: '在办', skip: 0, limit: 50 },
    { outcome: '在办', skip: 0, limit: 100 },
  ]);
});

test('more than one answer holds: asked in parts, each case once', async () => {
  const backend = casesOnServer(260);
  const list = await listMyDisputes({}, 250);
  expect(backend.calls.map((c) => c.payload)).toEqual([
    { skip: 0, limit: 200 },
    { skip: 200, limit: 50 },
  ]);
  expect(new Set(list.items.map((d) => d._id)).size).toBe(250);
  expect(list.total).toBe(260);
});

test('a case seen in two parts (one logged meanwhile pushed it down) is listed once', async () => {
  let asked = 0;
  const all = Array.from({ length: 300 }, (_, i) => ({ _id: `c${i}` }) as Dispute);
  fakeBackend((_fn, _action, payload) => {
    const { skip = 0, limit = 50 } = payload as { skip: number; limit: number };
    // The second part is read after a new case came first: everything one place later.
    const list = asked++ === 0 ? all : [{ _id: 'new' } as Dispute, ...all];
    return { ok: true, data: { items: list.slice(skip, skip + limit), total: list.length } };
  });
  const list = await listMyDisputes({}, 400);
  const ids = list.items.map((d) => d._id);
  expect(ids.filter((id) => id === 'c199')).toHaveLength(1);
  expect(new Set(ids).size).toBe(ids.length);
});

test('a 排查 round waiting in the outbox is not one of 我的台账’s waiting cases (both go to the dispute function)', () => {
  const caseWrite = { fn: 'dispute', action: 'save' };
  const roundWrite = { fn: 'dispute', action: 'screeningSave' };
  expect([caseWrite, roundWrite].filter(isCaseWrite)).toEqual([caseWrite]);
  expect([caseWrite, roundWrite].filter(isScreeningWrite)).toEqual([roundWrite]);
});
