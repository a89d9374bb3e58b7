/**
 * A district's office hours on CloudBase: many function instances saving at once, each request
 * 5–25 ms away, against the stand-in's first-writer-wins transactions. Every save must be
 * acknowledged (none surfaces to a phone as an error), counted once, and the rollups must equal
 * a recount. Conflict rate and latency are printed by `npm run bench -- cloudbase`, not asserted.
 */
import type { Dispute } from '../../types/dispute';
import type { SummaryView } from '../../types/metrics';
import { C } from '../../cloudfunctions/core/platform/port';
import { call, concurrentSaves, instance, seedDistrict, VILLAGES } from './instances';
import { CloudbaseStandIn, installStandIn } from './standin';

const SAVES = 50;
const DISTRICT = 'demo-district';

let standin: CloudbaseStandIn;
let uninstall: () => void;

beforeAll(async () => {
  standin = new CloudbaseStandIn();
  uninstall = installStandIn(standin);
  await seedDistrict(standin);
  standin.latencyMs = [5, 25];
}, 60_000);
afterAll(() => uninstall());

const summary = async () => {
  const res = await call<SummaryView>(instance(), DISTRICT, 'rollup', 'summary', {});
  if (!res.ok) throw new Error(res.error.message);
  return res.data.scope;
};

test(`${SAVES} concurrent saves from ${VILLAGES.length} villages, each through its own instance: all acknowledged, counted once`, async () => {
  const before = await summary();
  const burst = await concurrentSaves(SAVES, 'a');
  expect(burst.answers.filter((a) => !a.ok)).toEqual([]);
  const after = await summary();
  expect(after.accepted - before.accepted).toBe(SAVES);
  expect(after.figures.D1.value - before.figures.D1.value).toBe(SAVES);
  expect(await instance().store.count(C.disputes, {})).toBe(SAVES);

  // The phones resend all of them at once (their answers were lost): nothing counts twice.
  const again = await concurrentSaves(SAVES, 'a');
  expect(again.answers.filter((a) => !a.ok)).toEqual([]);
  expect(again.answers.map((a) => (a.ok ? (a.data as Dispute).version : 0))).toEqual(Array(SAVES).fill(1));
  expect((await summary()).accepted).toBe(after.accepted);

  const check = await call<{ differenceCount: number }>(instance(), DISTRICT, 'rollup', 'check');
  expect(check.ok && check.data.differenceCount).toBe(0);
}, 120_000);
