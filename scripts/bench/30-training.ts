/**
 * 培训 through the local gateway: ticking 500 attendees into one session (each tick
 * rewrites the session and its coverage counters in one transaction), and roster search
 * by name over an area of 5,000 people.
 */
import { LAW_PERSON_TRAINING, type AttendResult, type Person, type Roster, type Training } from '../../types/training';
import { todayBeijing } from '../../types/dates';
import { normalizePhone } from '../../types/phone';
import type { Unit } from '../../types/org';
import { C, type Store } from '../../cloudfunctions/core/platform/port';
import { dataOf, elapsedMs, latencyLine, startGateway, type BenchSection } from './common';

const SEED_CASES = 20;
const ATTENDEES = 500;
const ROSTER = 5_000;
const SEARCHES = 200;
const TRAINER = 'demo-trainer';
const ADMIN = 'demo-admin';
const SURNAMES = [...'王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗'];
const GIVEN = ['建国', '秀英', '志强', '桂兰', '海燕', '国平', '玉梅', '卫东', '丽娟', '红军', '春花', '永刚', '淑芬', '长江', '金凤'];

/** `n` roster entries spread over the villages under `townId`, written in one transaction (as an import would). */
async function addPeople(store: Store, townId: string, n: number, prefix: string): Promise<Person[]> {
  const villages = await store.find<Unit>(C.units, { parentId: townId }, { sort: { _id: 1 } });
  const now = new Date().toISOString();
  const people = Array.from({ length: n }, (_, i): Person => {
    const v = villages[i % villages.length];
    const id = `${prefix}-${String(i).padStart(5, '0')}`;
    const phone = `136${String(10_000_000 + i * 7).slice(-8)}`;
    return {
      _id: id, id, unitId: v._id, unitPath: v.path,
      name: `${SURNAMES[i % SURNAMES.length]}${GIVEN[Math.floor(i / SURNAMES.length) % GIVEN.length]}${i % 3 ? '' : i % 10}`,
      phone, phoneKey: normalizePhone(phone), isLawPerson: i % 5 !== 0,
      version: 1, deleted: false, createdBy: 'bench', createdAt: now, updatedAt: now,
    };
  });
  await store.transaction(async (tx) => {
    for (const p of people) await tx.set(C.people, p);
  });
  return people;
}

export const section: BenchSection = {
  name: 'training',
  title: `tick ${ATTENDEES} attendees into one session; roster search over ${ROSTER.toLocaleString('en')} people (gateway, sequential)`,
  async run() {
    const gw = await startGateway(SEED_CASES);
    try {
      const attendees = await addPeople(gw.store, 'xhy', ATTENDEES, 'bench-attendee');
      const session = dataOf(
        await gw.call<Training>('training', 'save', {
          id: 'bench-session', unitId: 'xhy', category: LAW_PERSON_TRAINING, date: todayBeijing(), topic: '压测培训',
        }, TRAINER),
        'create session',
      );
      const tickMs: number[] = [];
      for (const p of attendees) {
        const start = process.hrtime.bigint();
        const res = await gw.call<AttendResult>('training', 'attend', { trainingId: session._id, personId: p._id, present: true }, TRAINER);
        tickMs.push(elapsedMs(start));
        dataOf(res, 'tick');
      }
      const stored = (await gw.store.get<Training>(C.trainings, session._id))!;
      if (stored.attendees.length !== ATTENDEES) throw new Error(`session holds ${stored.attendees.length} attendees`);
      console.log(`  tick          ${latencyLine(tickMs)}`);
      console.log(`    first 100   ${latencyLine(tickMs.slice(0, 100), [50, 95])}`);
      console.log(`    last 100    ${latencyLine(tickMs.slice(-100), [50, 95])}`);

      const t0 = Date.now();
      const roster = await addPeople(gw.store, 'jy', ROSTER, 'bench-roster');
      console.log(`  ${ROSTER} people written to 金耀街道 in ${Date.now() - t0} ms (one transaction)`);
      const area = dataOf(await gw.call<Roster>('person', 'roster', { unitId: 'jy', limit: 1 }, ADMIN), 'roster size').total;

      const timed = async (label: string, queries: string[], extra: Record<string, unknown> = {}) => {
        const ms: number[] = [];
        let hits = 0;
        for (const q of queries) {
          const start = process.hrtime.bigint();
          const res = await gw.call<Roster>('person', 'roster', { unitId: 'jy', q, ...extra }, ADMIN);
          ms.push(elapsedMs(start));
          hits += dataOf(res, 'search').total;
        }
        console.log(`  ${label.padEnd(13)} ${latencyLine(ms, [50, 95])}  (${(hits / queries.length).toFixed(0)} matches on average)`);
      };
      const pick = (i: number) => roster[(i * 7919) % roster.length].name;
      console.log(`  roster search in an area of ${area} people, limit 100:`);
      await timed('full name', Array.from({ length: SEARCHES }, (_, i) => pick(i)));
      await timed('surname', Array.from({ length: SEARCHES }, (_, i) => SURNAMES[i % SURNAMES.length]));
      await timed('no match', Array.from({ length: SEARCHES }, (_, i) => `无此人${i}`));

      // The session page loads its area's roster once (up to 1000) and filters on the phone.
      const loadMs: number[] = [];
      for (let i = 0; i < 20; i++) {
        const start = process.hrtime.bigint();
        dataOf(await gw.call<Roster>('person', 'roster', { unitId: 'xhy', limit: 1000 }, TRAINER), 'roster load');
        loadMs.push(elapsedMs(start));
      }
      console.log(`  session page roster load (${ATTENDEES + 36} people, limit 1000)  ${latencyLine(loadMs, [50, 95])}`);
    } finally {
      await gw.close();
    }
  },
};
