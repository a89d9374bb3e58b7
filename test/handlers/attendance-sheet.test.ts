/**
 * Who may have a session's 签到表 (training.attendanceSheet): whoever may open the session (its
 * trainer, supervisors above its unit); anyone else, a village mediator among them, is refused
 * with the session page's message and no file is kept. The sheet reads the roster of the
 * session's area, as its attendance page does, never the whole roster collection.
 */
import { C, type Filter } from '../../cloudfunctions/core/platform/port';
import { todayBeijing } from '../../types/dates';
import type { ExportedFile } from '../../types/report';
import { LAW_PERSON_TRAINING, type Training } from '../../types/training';
import { demoWorld, expectError, expectOk, type World } from '../support/world';

const TRAINER = 'demo-trainer'; // 杏花营镇
const TOWNSHIP = 'demo-township';
const DISTRICT = 'demo-district';
const OTHER_VILLAGE_MEDIATOR = 'demo-m-jy-hx';
const VILLAGE_MEDIATOR = 'demo-mediator'; // 前进村, inside the session's area

jest.setTimeout(60_000);

let w: World;
let session: Training;
beforeAll(async () => {
  w = await demoWorld(0);
  session = expectOk(await w.call<Training>(TRAINER, 'training', 'save', {
    id: 'sheet-reach-1', unitId: 'xhy', category: LAW_PERSON_TRAINING, date: todayBeijing(), topic: '人民调解实务', hours: 1,
  }));
});
afterAll(() => w.store.close());

const sheet = (openid: string, payload: unknown = { id: session._id, format: 'xlsx' }) =>
  w.call<ExportedFile>(openid, 'training', 'attendanceSheet', payload);

test.each([TRAINER, TOWNSHIP, DISTRICT])('%s, who may open the session, gets both files', async (who) => {
  for (const format of ['xlsx', 'docx'] as const) {
    const file = expectOk(await sheet(who, { id: session._id, format }));
    expect(file.name).toBe(`${session.date}人民调解实务签到表.${format}`);
    expect(Buffer.from((await w.files.get(file.fileId)).slice(0, 2)).toString()).toBe('PK');
  }
});

test.each([OTHER_VILLAGE_MEDIATOR, VILLAGE_MEDIATOR])('the mediator %s is refused and no file is kept', async (who) => {
  const before = await w.store.count(C.files, {});
  const err = expectError(await sheet(who), 'FORBIDDEN');
  expect(err.message).toBe('您无权查看该培训');
  expect(await w.store.count(C.files, {})).toBe(before);
});

test('an unknown session, or a format it has not, is told so', async () => {
  expect(expectError(await sheet(TRAINER, { id: 'no-such-session', format: 'xlsx' }), 'NOT_FOUND').message).toBe('培训不存在或已删除');
  expect(expectError(await sheet(TRAINER, { id: session._id, format: 'pdf' }), 'INVALID').message).toBe('签到表格式只能是 xlsx 或 docx');
});

test('the roster is read for the session\'s area only', async () => {
  const peopleFinds: Filter[] = [];
  const find = w.store.find.bind(w.store);
  w.store.find = ((coll: string, filter: Filter, opts?: unknown) => {
    if (coll === C.people) peopleFinds.push(filter);
    return find(coll, filter, opts as never);
  }) as typeof w.store.find;
  try {
    expectOk(await sheet(TRAINER));
  } finally {
    w.store.find = find;
  }
  expect(peopleFinds.length).toBeGreaterThan(0);
  expect(peopleFinds.every((f) => f.unitPath === session.unitId && f.deleted === false)).toBe(true);
});
