/**
 * A session's 签到表 (training.attendanceSheet): everyone on the roster of the session's area, read
 * as its attendance page reads it, with those its attendance holds ticked marked and phones masked
 * as the roster shows them. Whoever may open the session may have it (readTraining's reach).
 */
import type { AttendanceSheetQuery } from '../../../types/attendance-sheet';
import { maskPhones } from '../../../types/phone';
import type { ExportedFile } from '../../../types/report';
import type { Person } from '../../../types/training';
import { ledgerNoOf } from '../domain/ledger/export';
import type { Call, Store } from '../platform/port';
import { keepFile } from './kept-file';
import { getPerson, rosterPage } from './queries/people';
import { requireUnit } from './queries/units';
import { readTraining } from './training';

const PAGE = 1000;

/** The whole roster of an area, page by page in the attendance page's order (by name). */
async function rosterOf(store: Store, areaId: string): Promise<Person[]> {
  const out: Person[] = [];
  for (;;) {
    const { items, total } = await rosterPage(store, areaId, { skip: out.length, limit: PAGE });
    out.push(...items);
    if (items.length < PAGE || out.length >= total) return out;
  }
}

export async function attendanceSheetFile(call: Call, q: AttendanceSheetQuery): Promise<ExportedFile> {
  const { training: t } = await readTraining(call, q.id);
  const roster = await rosterOf(call.store, t.unitId);
  const onRoster = new Set(roster.map((p) => p._id));
  // Someone ticked and since moved off the area's roster is still on the sheet: it holds every tick.
  const movedAway = await Promise.all(t.attendees.filter((id) => !onRoster.has(id)).map((id) => getPerson(call.store, id)));
  const people = [...roster, ...movedAway.filter((p): p is Person => !!p && !p.deleted)];
  const units = await Promise.all([...new Set(people.map((p) => p.unitId))].map((id) => requireUnit(call.store, id)));
  const unitName = new Map(units.map((u) => [u._id, u.name]));
  const present = new Set(t.attendees);
  const lines = people
    .map((p) => ({ name: p.name, unitName: unitName.get(p.unitId) ?? '', phone: maskPhones(p.phone), present: present.has(p._id) }))
    // Village by village, as people sit and sign; by name within one (a stable sort keeps the roster's order).
    .sort((a, b) => a.unitName.localeCompare(b.unitName, 'zh'));
  // exceljs and docx load on first use, as for the other exports.
  const files = await import('../files/attendance-sheet');
  const file = await files.attendanceSheetFile({ session: t, trainingNo: ledgerNoOf(t), lines }, q.format);
  return keepFile(call, { dir: 'sheets', tag: t.unitId, tail: `.${q.format}` }, file.bytes, file.name);
}
