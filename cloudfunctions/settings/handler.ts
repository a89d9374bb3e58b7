/** 区级设置: the district's dispute types, and whether mediators may edit each other's cases. */
import { DEFAULT_DISPUTE_TYPES } from '../../types/dispute';
import { SettingsInput, disputeTypesOf, type SettingsView } from '../../types/settings';
import { Refusal } from '../core/domain/refusal';
import { planSettingsSave, type SettingsDoc } from '../core/domain/settings';
import { C } from '../core/platform/port';
import { commitRecord, districtGrant, readSettings } from '../core/app/write';
import { parse, type Call, type CloudFunction } from '../core/platform/runtime';

async function view(call: Call): Promise<SettingsView> {
  const s = await readSettings(call.store);
  return {
    disputeTypes: [...disputeTypesOf(s)],
    defaultDisputeTypes: DEFAULT_DISPUTE_TYPES,
    unitWideEditing: !!s.unitWideEditing,
    version: s.version,
    updatedAt: s.updatedAt,
    canEdit: !!(await districtGrant(call.store, call.caller, ['admin'])),
  };
}

export const settings: CloudFunction = {
  get(_payload, call) {
    return view(call);
  },

  async save(payload, call): Promise<SettingsView> {
    const input = parse(SettingsInput, payload);
    const district = await districtGrant(call.store, call.caller, ['admin']);
    if (!district) throw new Refusal('FORBIDDEN', '只有区级管理员可以修改区级设置');
    const nowIso = call.now().toISOString();
    await commitRecord<SettingsDoc>(call.store, call.caller, {
      coll: C.settings,
      id: 'district',
      plan: (existing) => planSettingsSave(existing, input, district.path, nowIso),
      contributions: () => [],
    });
    return view(call);
  },
};
