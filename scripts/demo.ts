/**
 * The demo district `npm start` seeds into an empty store: an organisation tree shaped
 * like the seed report's (七个乡(场)街道, villages, 区诉调联动中心), one demo user per role,
 * and a year of cases written through the dispute function itself, so every rollup
 * is what real use would have produced.
 */
import { todayBeijing, addDays } from '../types/dates';
import { CHANNELS, DEFAULT_DISPUTE_TYPES, OUTCOMES, type DisputeInput } from '../types/dispute';
import type { Unit, UnitKind, User } from '../types/org';
import { C, type Store } from '../cloudfunctions/core/platform/port';
import { invoke, type Deps } from '../cloudfunctions/core/platform/runtime';
import { functions } from '../cloudfunctions/registry';
import { seededRandom } from './seeded-random';

const TREE: [string, string, UnitKind, [string, string][]][] = [
  ['xhy', '杏花营镇', '乡镇街道', [['xhy-qj', '前进村'], ['xhy-sl', '孙李唐村'], ['xhy-zz', '张庄村']]],
  ['jy', '金耀街道', '乡镇街道', [['jy-hx', '和谐社区'], ['jy-xf', '幸福社区']]],
  ['sd', '水稻乡', '乡镇街道', [['sd-hm', '黑墨村'], ['sd-mz', '马庄村']]],
  ['lyk', '柳园口乡', '乡镇街道', [['lyk-dw', '大王庄村'], ['lyk-sj', '上台村']]],
  ['xhf', '杏花营农场', '乡镇街道', [['xhf-yd', '一队社区']]],
  ['cx', '城西街道', '乡镇街道', [['cx-bj', '北郊社区'], ['cx-nj', '南郊社区']]],
  ['xrz', '仙人庄街道', '乡镇街道', [['xrz-xr', '仙人庄村']]],
];
const DISTRICT = 'sfq';

export const DEMO_USERS: User[] = [
  { _id: 'demo-mediator', name: '李调解(前进村调解员)', roles: [{ role: 'mediator', unitId: 'xhy-qj' }] },
  { _id: 'demo-trainer', name: '王培训(杏花营镇司法所)', roles: [{ role: 'trainer', unitId: 'xhy' }] },
  { _id: 'demo-township', name: '赵所长(杏花营镇司法所)', roles: [{ role: 'supervisor', unitId: 'xhy' }] },
  { _id: 'demo-district', name: '陈科长(区司法局)', roles: [{ role: 'supervisor', unitId: DISTRICT }] },
  { _id: 'demo-admin', name: '管理员(依法治区办)', roles: [{ role: 'admin', unitId: DISTRICT }] },
  { _id: 'demo-court', name: '周调解(区诉调联动中心)', roles: [{ role: 'mediator', unitId: 'sdzx' }] },
];

function units(): Unit[] {
  const out: Unit[] = [{ _id: DISTRICT, name: '示范区', kind: '区', parentId: null, path: [DISTRICT] }];
  out.push({ _id: 'sdzx', name: '区诉调联动中心', kind: '区直', parentId: DISTRICT, path: [DISTRICT, 'sdzx'] });
  out.push({ _id: 'sfj', name: '区司法局', kind: '区直', parentId: DISTRICT, path: [DISTRICT, 'sfj'] });
  for (const [id, name, kind, villages] of TREE) {
    out.push({ _id: id, name, kind, parentId: DISTRICT, path: [DISTRICT, id] });
    for (const [vid, vname] of villages) {
      out.push({ _id: vid, name: vname, kind: '村社区', parentId: id, path: [DISTRICT, id, vid] });
    }
  }
  return out;
}

function earlier(a: string, b: string): string {
  return a < b ? a : b;
}

export async function isEmpty(store: Store): Promise<boolean> {
  return (await store.count(C.units, {})) === 0;
}

/** Seeds the tree, the users and `cases` disputes for the current year. */
export async function seedDemo(deps: Deps, cases = 240): Promise<void> {
  const { store } = deps;
  for (const u of units()) await store.set(C.units, u as Unit);
  const villages = units().filter((u) => u.kind === '村社区');
  const villageMediators: User[] = villages.map((v) => ({
    _id: `demo-m-${v._id}`,
    name: `${v.name}调解员`,
    roles: [{ role: 'mediator', unitId: v._id }],
  }));
  for (const u of [...DEMO_USERS, ...villageMediators]) await store.set(C.users, u as User);

  const rnd = seededRandom(2024);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  // The functions' today (a test may set their clock back), never after the real one the date checks use:
  // a session seeded on a day still to come by that clock could not be ticked.
  const today = [todayBeijing(deps.now()), todayBeijing()].sort()[0];
  const yearStart = `${today.slice(0, 4)}-01-01`;
  const span = Math.round((Date.parse(today) - Date.parse(yearStart)) / 86400000);
  for (let i = 0; i < cases; i++) {
    const court = i % 5 === 0;
    const mediator = court ? DEMO_USERS[5] : pick(villageMediators);
    const accepted = addDays(yearStart, Math.floor(rnd() * Math.max(1, span - 10)));
    const outcome = court ? '调解成功' : rnd() < 0.8 ? '调解成功' : pick(OUTCOMES);
    const input: DisputeInput = {
      id: `demo-case-${String(i).padStart(5, '0')}`,
      unitId: mediator.roles[0].unitId,
      acceptedDate: accepted,
      ...(outcome === '在办' ? {} : { resolvedDate: earlier(addDays(accepted, Math.floor(rnd() * 10)), today) }),
      type: pick(DEFAULT_DISPUTE_TYPES),
      channel: court ? '诉调' : pick(CHANNELS.filter((c) => c !== '诉调')),
      outcome,
      agreementForm: rnd() < 0.6 ? '书面' : '口头',
      amountFen: Math.floor(rnd() * 5_000_000) * 10,
      parties: 2 + Math.floor(rnd() * 3),
      banners: court && rnd() < 0.1 ? 1 : 0,
      summary: `示例案件${i + 1}`,
    };
    const res = await invoke(functions.dispute, { action: 'save', payload: input }, mediator._id, deps);
    if (!res.ok) throw new Error(`demo case ${i}: ${res.error.message}`);
  }
  await seedTrainingAndPublicity(deps, rnd, yearStart, span);
}

const SURNAMES = '王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗';
const GIVEN = ['建国', '秀英', '志强', '桂兰', '海燕', '国平', '玉梅', '卫东', '丽娟', '红军', '春花', '永刚', '淑芬', '长江', '金凤'];

/** Rosters of 法律明白人 per village, a year of trainings with attendance, and publicity activities. */
async function seedTrainingAndPublicity(deps: Deps, rnd: () => number, yearStart: string, span: number): Promise<void> {
  const run = async (fn: 'person' | 'training' | 'publicity', action: string, payload: unknown, as: string) => {
    const res = await invoke(functions[fn], { action, payload }, as, deps);
    if (!res.ok) throw new Error(`demo ${fn}.${action}: ${res.error.message}`);
    return res.data;
  };
  const asFor = (unitPath: readonly string[]) => (unitPath.includes('xhy') ? 'demo-trainer' : 'demo-admin');
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  const villages = units().filter((u) => u.kind === '村社区');
  const people: Record<string, string[]> = {};
  let n = 0;
  for (const v of villages) {
    people[v._id] = [];
    for (let i = 0; i < 12; i++, n++) {
      const id = `demo-person-${String(n).padStart(4, '0')}`;
      const phone = `139${String(10_000_000 + n * 7919).slice(-8)}`;
      await run('person', 'save', { id, unitId: v._id, name: pick([...SURNAMES]) + pick(GIVEN), phone, isLawPerson: rnd() < 0.8, confirmNew: true }, asFor(v.path));
      people[v._id].push(id);
    }
  }
  const townships = units().filter((u) => u.kind === '乡镇街道');
  const categories = ['“法律明白人”培训', '“法律明白人”培训', '执法人员法律知识培训', '专题培训'];
  for (let i = 0; i < 8; i++) {
    const town = townships[i % townships.length];
    const id = `demo-training-${i}`;
    await run('training', 'save', {
      id,
      unitId: town._id,
      category: categories[i % categories.length],
      date: addDays(yearStart, Math.floor(rnd() * span)),
      topic: pick(['民法典婚姻家庭编解读', '土地承包纠纷调处', '人民调解实务', '反电信诈骗', '行政执法程序']),
      trainer: '王培训',
      place: `${town.name}司法所会议室`,
      hours: 2,
    }, asFor(town.path));
    for (const v of villages.filter((x) => x.parentId === town._id)) {
      for (const personId of people[v._id]) {
        if (rnd() < 0.6) await run('training', 'attend', { trainingId: id, personId, present: true }, asFor(town.path));
      }
    }
  }
  for (let i = 0; i < 36; i++) {
    const v = pick(villages);
    await run('publicity', 'save', {
      id: `demo-publicity-${String(i).padStart(3, '0')}`,
      unitId: v._id,
      date: addDays(yearStart, Math.floor(rnd() * span)),
      title: pick(['民法典进乡村', '宪法宣传日集中宣传', '防范养老诈骗', '法律明白人进网格']),
      materials: 50 + Math.floor(rnd() * 400),
      consulted: Math.floor(rnd() * 30),
    }, asFor(v.path));
  }
}
