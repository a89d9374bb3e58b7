/** 普法宣传活动: log, list and edit activities (materials handed out, people consulted, photos). */
import { periodRange } from '../../types/dates';
import { RecordRef, RecordVersionRef } from '../../types/ledger';
import { PublicityInput, PublicityListQuery, type Publicity, type PublicityView } from '../../types/training';
import { grantUnits } from '../../types/reach';
import { authorize, mayRecord } from '../core/domain/reach';
import { Refusal } from '../core/domain/refusal';
import { PUBLICITY_RULES, publicityContributions, publicityRecord } from '../core/domain/publicity';
import { planDelete, planSave, type Plan } from '../core/domain/versioned';
import { C, type Filter } from '../core/platform/port';
import { commitRecord, requireUnit } from '../core/app/write';
import { parse, type Call, type CloudFunction } from '../core/platform/runtime';
import { RECORDERS } from '../../types/org';

function commit(call: Call, id: string, plan: (existing: Publicity | null) => Plan<Publicity>): Promise<Publicity> {
  return commitRecord(call.store, call.caller, { coll: C.publicity, id, plan, contributions: publicityContributions });
}

export const publicity: CloudFunction = {
  async save(payload, call): Promise<Publicity> {
    const input = parse(PublicityInput, payload);
    const unit = await requireUnit(call.store, input.unitId);
    authorize(call.caller, RECORDERS.publicity, unit);
    const { baseVersion, ...fields } = input;
    const fresh = publicityRecord(fields, { id: input.id, unitPath: unit.path, by: call.caller._id, nowIso: call.now().toISOString() });
    return commit(call, input.id, (existing) =>
      planSave(PUBLICITY_RULES, existing, fresh, baseVersion, (e) => mayRecord(call.caller, 'publicity', e.unitPath)),
    );
  },

  async remove(payload, call) {
    const { id, baseVersion } = parse(RecordVersionRef, payload);
    await commit(call, id, (existing) =>
      planDelete(PUBLICITY_RULES, existing, baseVersion, (e) => mayRecord(call.caller, 'publicity', e.unitPath), call.now().toISOString()),
    );
    return { id };
  },

  async list(payload, call): Promise<Publicity[]> {
    const q = parse(PublicityListQuery, payload ?? {});
    const areaId = q.unitId ?? grantUnits(call.caller, [...RECORDERS.publicity, 'supervisor'])[0];
    if (!areaId) throw new Refusal('FORBIDDEN', '您没有查看宣传活动的权限');
    authorize(call.caller, [...RECORDERS.publicity, 'supervisor'], await requireUnit(call.store, areaId));
    const filter: Filter = { unitPath: areaId, deleted: false };
    if (q.month) {
      const { from, to } = periodRange(q.month);
      filter.date = { $gte: from, $lte: to };
    }
    return call.store.find<Publicity>(C.publicity, filter, { sort: { date: -1 }, limit: 200 });
  },

  async get(payload, call): Promise<PublicityView> {
    const p = await call.store.get<Publicity>(C.publicity, parse(RecordRef, payload).id);
    if (!p || p.deleted) throw new Refusal('NOT_FOUND', '宣传活动不存在或已删除');
    const canEdit = mayRecord(call.caller, 'publicity', p.unitPath);
    if (!canEdit) authorize(call.caller, ['supervisor'], { path: p.unitPath, name: '该单位' });
    return { record: p, canEdit, photoUrls: await Promise.all(p.photos.map((f) => call.files.url(f))) };
  },
};
