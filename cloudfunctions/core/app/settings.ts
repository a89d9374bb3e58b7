/** 区级设置 use cases: the district's dispute types, whether mediators may edit each other's cases, and the reports' due day. */
import { DEFAULT_DISPUTE_TYPES } from '../../../types/dispute';
import { DISTRICT_ACTS } from '../../../types/org';
import { disputeTypesOf, followUpDaysOf, reviewChecklistOf, type SettingsInput, type SettingsView } from '../../../types/settings';
import { Refusal } from '../domain/refusal';
import { DEFAULT_DUE_DAY } from '../domain/reporting';
import { planSettingsSave, type SettingsDoc } from '../domain/settings';
import { C, type Call } from '../platform/port';
import { readSettings } from './queries/settings';
import { districtGrant } from './queries/units';
import { commitRecord } from './write';

export async function settingsView(call: Call): Promise<SettingsView> {
  const s = await readSettings(call.store);
  return {
    disputeTypes: [...disputeTypesOf(s)],
    defaultDisputeTypes: DEFAULT_DISPUTE_TYPES,
    unitWideEditing: !!s.unitWideEditing,
    dueDay: s.dueDay ?? DEFAULT_DUE_DAY,
    reviewChecklist: reviewChecklistOf(s),
    followUpDays: followUpDaysOf(s),
    version: s.version,
    updatedAt: s.updatedAt,
    canEdit: !!(await districtGrant(call.store, call.caller, DISTRICT_ACTS.settings)),
  };
}

export async function saveSettings(call: Call, input: SettingsInput): Promise<SettingsView> {
  const district = await districtGrant(call.store, call.caller, DISTRICT_ACTS.settings);
  if (!district) throw new Refusal('FORBIDDEN', '只有区级管理员可以修改区级设置');
  const nowIso = call.now().toISOString();
  await commitRecord<SettingsDoc>(call.store, call.caller, {
    coll: C.settings,
    id: 'district',
    plan: (existing) => planSettingsSave(existing, input, district.path, nowIso),
    contributions: () => [],
  });
  return settingsView(call);
}
