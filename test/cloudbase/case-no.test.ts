/**
 * 案号 on CloudBase: 200 saves in one village at once, each through its own function instance,
 * against the stand-in's first-writer-wins transactions. The unit's counter is one document every
 * one of them writes, so they take turns on it (conflicts, retried): each must still be
 * acknowledged, and the numbers must be 1…200, each once. No latency here: with 5–25 ms a request
 * (as concurrency.test.ts), a unit's saves take turns at about 2 a second, so of 20 sent in the
 * same instant about 5 outlast the adapter's 7 s retry budget and stay in their phones' outboxes
 * to be sent again (measured; 50 without 案号 all got through).
 */
import type { Dispute } from '../../types/dispute';
import { call, caseAt, instance, seedDistrict } from './instances';
import { CloudbaseStandIn, installStandIn } from './standin';

const SAVES = 200;
const VILLAGE = 'xhy-qj';

let standin: CloudbaseStandIn;
let uninstall: () => void;

beforeAll(async () => {
  standin = new CloudbaseStandIn();
  uninstall = installStandIn(standin);
  await seedDistrict(standin);
}, 60_000);
afterAll(() => uninstall());

test(`${SAVES} concurrent saves in one village: all acknowledged, numbered 1…${SAVES} once each`, async () => {
  const answers = await Promise.all(
    Array.from({ length: SAVES }, (_, i) => call<Dispute>(instance(), `demo-m-${VILLAGE}`, 'dispute', 'save', caseAt(VILLAGE, i, 'no'))),
  );
  expect(answers.filter((a) => !a.ok)).toEqual([]);
  const numbers = answers.map((a) => (a.ok ? a.data.caseNo : ''));
  const year = caseAt(VILLAGE, 0, 'no').acceptedDate.slice(0, 4);
  for (const no of numbers) expect(no).toMatch(new RegExp(`^\\(${year}\\)杏前人调字第\\d+号$`));
  expect(numbers.map((no) => Number(/第(\d+)号/.exec(no!)![1])).sort((a, b) => a - b)).toEqual(Array.from({ length: SAVES }, (_, i) => i + 1));
  // The phones resend them all: the same numbers, the counter where it was.
  const again = await Promise.all(
    Array.from({ length: SAVES }, (_, i) => call<Dispute>(instance(), `demo-m-${VILLAGE}`, 'dispute', 'save', caseAt(VILLAGE, i, 'no'))),
  );
  expect(again.map((a) => (a.ok ? a.data.caseNo : a.error.message))).toEqual(numbers);
  const next = await call<Dispute>(instance(), `demo-m-${VILLAGE}`, 'dispute', 'save', caseAt(VILLAGE, SAVES, 'no'));
  expect(next.ok && next.data.caseNo).toMatch(new RegExp(`第${SAVES + 1}号$`));
  console.log(`案号 on the stand-in: ${standin.stats.conflicts} conflicts over ${SAVES} saves`);
}, 120_000);
