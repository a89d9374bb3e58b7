/**
 * Attendance across scope (issue 13, defect 6): a session covers its unit and the units below
 * it. Ticking someone of another township into it, or a walk-in from elsewhere, is refused with
 * nothing changed: otherwise the session's township would see an outsider's name and phone.
 */
import { C } from '../../cloudfunctions/core/platform/port';
import { todayBeijing } from '../../types/dates';
import type { ApiResult } from '../../types/api';
import {
  LAW_PERSON_TRAINING, type AttendResult, type Person, type PersonInput, type PersonSaveResult, type Training, type TrainingInput,
} from '../../types/training';
import type { ImportResult } from '../../types/import';
import { uploadPath } from '../../types/files';
import { ledgerCsv } from '../support/ledger';
import { demoWorld, expectError, expectOk, snapshot, type World } from '../support/world';

const TRAINER = 'demo-trainer'; // 杏花营镇
const ADMIN = 'demo-admin'; // the district

let w: World;
beforeEach(async () => {
  w = await demoWorld(0);
});
afterEach(() => w.store.close());

let serial = 0;
function personInput(unitId: string, name: string): PersonInput {
  serial += 1;
  return { id: `scope-person-${serial}`, unitId, name, phone: `1360000${String(serial).padStart(4, '0')}`, isLawPerson: true, confirmNew: true };
}

async function addPerson(unitId: string, name: string): Promise<Person> {
  const r = expectOk(await w.call<PersonSaveResult>(ADMIN, 'person', 'save', personInput(unitId, name)));
  if (r.kind !== 'saved') throw new Error('taken for a duplicate');
  return r.person;
}

/** A “法律明白人” session at 杏花营镇 today, recorded by its trainer. */
async function township(): Promise<Training> {
  serial += 1;
  const input: TrainingInput = {
    id: `scope-training-${serial}`, unitId: 'xhy', category: LAW_PERSON_TRAINING, date: todayBeijing(),
    topic: '民法典进乡村', trainer: '王培训', place: '镇司法所会议室', hours: 2,
  };
  return expectOk(await w.call<Training>(TRAINER, 'training', 'save', input));
}

async function refusedWithoutWrites(fn: () => Promise<ApiResult<unknown>>): Promise<string> {
  const before = await snapshot(w.store);
  const err = expectError(await fn(), 'FORBIDDEN');
  expect(await snapshot(w.store)).toEqual(before);
  return err.message;
}

test('a person of another township cannot be ticked into the session', async () => {
  const t = await township();
  const outsider = await addPerson('jy-hx', '钱外镇');
  const message = await refusedWithoutWrites(() =>
    w.call(TRAINER, 'training', 'attend', { trainingId: t._id, personId: outsider._id, present: true }),
  );
  expect(message).toBe('「钱外镇」不属于本场培训的单位(杏花营镇)及其下级,不能签到');
  expect((await w.store.get<Training>(C.trainings, t._id))!.attendees).toEqual([]);
});

test('the session’s own villages and unit are ticked as before', async () => {
  const t = await township();
  const villager = await addPerson('xhy-qj', '孙本村');
  const atTownship = await addPerson('xhy', '周本镇');
  expectOk(await w.call<AttendResult>(TRAINER, 'training', 'attend', { trainingId: t._id, personId: villager._id, present: true }));
  const r = expectOk(await w.call<AttendResult>(TRAINER, 'training', 'attend', { trainingId: t._id, personId: atTownship._id, present: true }));
  expect(r).toEqual({ present: true, attendeeCount: 2 });
});

test('a walk-in of another township is refused before joining the roster', async () => {
  const t = await township();
  // The admin reaches both townships: only the session's area stops them.
  const message = await refusedWithoutWrites(() =>
    w.call(ADMIN, 'training', 'walkIn', { trainingId: t._id, person: personInput('jy-hx', '吴外来') }),
  );
  expect(message).toBe('「吴外来」不属于本场培训的单位(杏花营镇)及其下级,不能签到');
});

test('someone ticked across scope before this rule can still be unticked', async () => {
  const t = await township();
  const outsider = await addPerson('jy-hx', '郑旧错');
  // As stored by the version that let it through.
  await w.store.set(C.trainings, { ...t, attendees: [outsider._id] });
  const r = expectOk(await w.call<AttendResult>(TRAINER, 'training', 'attend', { trainingId: t._id, personId: outsider._id, present: false }));
  expect(r).toEqual({ present: false, attendeeCount: 0 });
});

test('a 签到 row naming someone of another township is rejected, the rest of the sheet lands', async () => {
  const t = await township();
  const csv = ledgerCsv('签到', [
    [t._id, '冯外镇', '13600009901', '金耀街道/和谐社区'],
    [t._id, '陈本村', '13600009902', '杏花营镇/前进村'],
  ]);
  const file = { fileId: (await w.files.put(uploadPath('签到.csv'), new TextEncoder().encode(csv))).fileId, name: '签到.csv' };
  const r = expectOk(await w.call<ImportResult>(ADMIN, 'import', 'run', file));
  expect(r.errors.map((e) => [e.row, e.reason])).toEqual([[2, '「冯外镇」不属于本场培训的单位(杏花营镇)及其下级,不能签到']]);
  const attendees = await Promise.all((await w.store.get<Training>(C.trainings, t._id))!.attendees.map((id) => w.store.get<Person>(C.people, id)));
  expect(attendees.map((p) => p?.name)).toEqual(['陈本村']);
  // Refused whole: the outsider did not join the roster either.
  expect(await w.store.count(C.people, { name: '冯外镇' })).toBe(0);
});
