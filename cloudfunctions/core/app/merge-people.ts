/**
 * Merging two roster entries of one person (issue 16): a supervisor (or admin) whose reach holds
 * both. In one transaction the duplicate's attendance moves to the kept entry through the tick
 * path (setAttendanceIn: coverage and T2 moved exactly, locks checked; a session both attended
 * counts once), the duplicate is marked merged, and both trails get a line. Sent again, nothing
 * changes.
 */
import type { User } from '../../../types/org';
import { reaches } from '../../../types/reach';
import { MERGERS, type MergeInput, type MergeResult, type Person, type Training } from '../../../types/training';
import { rollupDelta } from '../domain/figures/rollup';
import { planMerge } from '../domain/person';
import { Refusal } from '../domain/refusal';
import { C, type Call, type Tx } from '../platform/port';
import { loadTraining, setAttendanceIn } from './attendance';
import { applyRollupDelta, appendAudit, writeRecord } from './write';

async function entry(tx: Tx, caller: User, id: string): Promise<Person> {
  const p = await tx.get<Person>(C.people, id);
  if (!p || (p.deleted && !p.mergedInto)) throw new Refusal('NOT_FOUND', '人员不存在');
  if (!reaches(caller, MERGERS, p.unitPath)) throw new Refusal('FORBIDDEN', `您无权合并「${p.name}」:只有其上级主管可以合并`);
  return p;
}

export async function mergePeople(call: Call, { keepId, duplicateId }: MergeInput): Promise<MergeResult> {
  if (keepId === duplicateId) throw new Refusal('INVALID', '请选择另一条重复的记录', { duplicateId: '不能与自身合并' });
  // Where the duplicate attended (read before the transaction; each is read again inside it).
  const attended = await call.store.find<Training>(C.trainings, { attendees: duplicateId, deleted: false });
  return call.store.transaction(async (tx) => {
    const keep = await entry(tx, call.caller, keepId);
    const duplicate = await entry(tx, call.caller, duplicateId);
    if (keep.deleted) throw new Refusal('INVALID', `「${keep.name}」已合并到其他记录,请保留那一条`);
    if (duplicate.mergedInto && duplicate.mergedInto !== keepId) throw new Refusal('INVALID', `「${duplicate.name}」已合并到其他记录`);
    let sessions = 0;
    for (const { _id } of attended) {
      const t = await loadTraining(tx, _id);
      if (!t.attendees.includes(duplicateId)) continue;
      await setAttendanceIn(tx, t, duplicateId, false);
      await setAttendanceIn(tx, { ...t, attendees: t.attendees.filter((id) => id !== duplicateId) }, keepId, true);
      sessions++;
    }
    const at = call.now().toISOString();
    const written = await writeRecord<Person>(tx, call.caller, {
      coll: C.people,
      id: duplicateId,
      plan: (existing) => planMerge(existing!, keep, at),
      contributions: () => [],
      // The kept entry's trail says what joined it; the entry itself is unchanged (version 0: an act, not a version).
      also: (t) => appendAudit(t, {
        coll: C.people, recordId: keepId, version: 0, action: 'merge', by: call.caller._id, byName: call.caller.name, at,
        changes: { mergedFrom: [null, duplicateId] },
      }),
    });
    if (written.moved) await applyRollupDelta(tx, rollupDelta(...written.moved));
    return { kept: keep, sessions };
  });
}
