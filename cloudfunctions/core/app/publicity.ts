/** 普法宣传活动 use cases: log, edit and remove activities (materials handed out, people consulted, photos), list an area's, read one. */
import type { DatedListQuery } from '../../../types/ledger';
import { listersOf, RECORDERS } from '../../../types/org';
import type { Publicity, PublicityInput, PublicityView } from '../../../types/training';
import { PUBLICITY_RULES, publicityContributions, publicityRecord } from '../domain/publicity';
import { authorize, mayRecord } from '../domain/reach';
import { Refusal } from '../domain/refusal';
import { assertOpenFor } from '../domain/tree';
import { planDelete, planSave, type Plan } from '../domain/versioned';
import { C, type Call } from '../platform/port';
import { getPublicity, publicityIn } from './queries/publicity';
import { requireUnit } from './queries/units';
import { unitInView } from './unit-in-view';
import { commitRecord } from './write';

function commit(call: Call, id: string, plan: (existing: Publicity | null) => Plan<Publicity>): Promise<Publicity> {
  return commitRecord(call.store, call.caller, { coll: C.publicity, id, plan, contributions: publicityContributions });
}

const mayEdit = (call: Call) => (p: Publicity) => mayRecord(call.caller, 'publicity', p.unitPath);

export async function savePublicity(call: Call, input: PublicityInput): Promise<Publicity> {
  const unit = await requireUnit(call.store, input.unitId);
  authorize(call.caller, RECORDERS.publicity, unit);
  const { baseVersion, ...fields } = input;
  const fresh = publicityRecord(fields, { id: input.id, unitPath: unit.path, by: call.caller._id, nowIso: call.now().toISOString() });
  return commit(call, input.id, (existing) => {
    assertOpenFor(unit, existing);
    return planSave(PUBLICITY_RULES, existing, fresh, baseVersion, mayEdit(call));
  });
}

export async function removePublicity(call: Call, { id, baseVersion }: { id: string; baseVersion: number }): Promise<{ id: string }> {
  await commit(call, id, (existing) => planDelete(PUBLICITY_RULES, existing, baseVersion, mayEdit(call), call.now().toISOString()));
  return { id };
}

export async function listPublicity(call: Call, q: DatedListQuery): Promise<Publicity[]> {
  const area = await unitInView(call, listersOf('publicity'), q.unitId, '您没有查看宣传活动的权限');
  return publicityIn(call.store, area._id, q.month);
}

export async function readPublicity(call: Call, id: string): Promise<PublicityView> {
  const p = await getPublicity(call.store, id);
  if (!p || p.deleted) throw new Refusal('NOT_FOUND', '宣传活动不存在或已删除');
  const canEdit = mayEdit(call)(p);
  if (!canEdit) authorize(call.caller, ['supervisor'], { path: p.unitPath, name: '该单位' });
  return { record: p, canEdit, photoUrls: await Promise.all(p.photos.map((f) => call.files.url(f))) };
}
