/**
 * 矛盾纠纷排查 use cases: record, correct and remove a unit's rounds, list an area's, read one.
 * Recorded by those who record cases (RECORDERS.dispute), at the units they reach; any of them
 * there may correct a round, as for 宣传活动: it is the unit's round, not one mediator's.
 */
import type { DatedListQuery } from '../../../types/ledger';
import { listersOf, RECORDERS } from '../../../types/org';
import type { Screening, ScreeningInput, ScreeningView } from '../../../types/screening';
import { authorize, mayRecord } from '../domain/reach';
import { Refusal } from '../domain/refusal';
import { SCREENING_RULES, screeningContributions, screeningRecord } from '../domain/screening';
import { assertOpenFor } from '../domain/tree';
import { planDelete, planSave, type Plan } from '../domain/versioned';
import { C, type Call } from '../platform/port';
import { getScreening, screeningsIn } from './queries/screenings';
import { requireUnit } from './queries/units';
import { unitInView } from './unit-in-view';
import { commitRecord } from './write';

function commit(call: Call, id: string, plan: (existing: Screening | null) => Plan<Screening>): Promise<Screening> {
  return commitRecord(call.store, call.caller, { coll: C.screenings, id, plan, contributions: screeningContributions });
}

const mayEdit = (call: Call) => (s: Screening) => mayRecord(call.caller, 'dispute', s.unitPath);

export async function saveScreening(call: Call, input: ScreeningInput): Promise<Screening> {
  const unit = await requireUnit(call.store, input.unitId);
  authorize(call.caller, RECORDERS.dispute, unit);
  const { baseVersion, ...fields } = input;
  const fresh = screeningRecord(fields, { id: input.id, unitPath: unit.path, by: call.caller._id, nowIso: call.now().toISOString() });
  return commit(call, input.id, (existing) => {
    assertOpenFor(unit, existing);
    return planSave(SCREENING_RULES, existing, fresh, baseVersion, mayEdit(call));
  });
}

export async function removeScreening(call: Call, { id, baseVersion }: { id: string; baseVersion: number }): Promise<{ id: string }> {
  await commit(call, id, (existing) => planDelete(SCREENING_RULES, existing, baseVersion, mayEdit(call), call.now().toISOString()));
  return { id };
}

export async function listScreenings(call: Call, q: DatedListQuery): Promise<Screening[]> {
  const area = await unitInView(call, listersOf('dispute'), q.unitId, '您没有查看排查记录的权限');
  return screeningsIn(call.store, area._id, q.month);
}

export async function readScreening(call: Call, id: string): Promise<ScreeningView> {
  const s = await getScreening(call.store, id);
  if (!s || s.deleted) throw new Refusal('NOT_FOUND', '排查记录不存在或已删除');
  const canEdit = mayEdit(call)(s);
  if (!canEdit) authorize(call.caller, ['supervisor'], { path: s.unitPath, name: '该单位' });
  return { record: s, canEdit };
}
