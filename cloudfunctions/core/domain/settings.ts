/** The district's settings, saved like any record: a retry is a no-op, an edit names its version, each change is audited. Pure. */
import type { Settings, SettingsInput } from '../../../types/settings';
import { planSave, type Plan, type RecordRules, type Versioned } from './versioned';

export type SettingsDoc = Settings & Versioned;

const SETTINGS_RULES: RecordRules<SettingsDoc> = { noun: '区级设置', fields: ['disputeTypes', 'unitWideEditing', 'dueDay', 'reviewChecklist', 'followUpDays'] };

export function planSettingsSave(existing: SettingsDoc | null, input: SettingsInput, districtPath: string[], nowIso: string): Plan<SettingsDoc> {
  const { baseVersion, ...fields } = input;
  const fresh: SettingsDoc = {
    _id: 'district',
    ...fields,
    unitPath: districtPath,
    version: 1,
    deleted: false,
    createdAt: nowIso,
    updatedAt: nowIso,
  };
  return planSave(SETTINGS_RULES, existing, fresh, baseVersion, () => true);
}
