/** Typed calls for 区级设置, and the page's form as data: adding, moving, removing types. */
import { DisputeTypeName } from '../../types/dispute';
import { CHECKLIST_ITEMS } from '../../types/file-review';
import { DISPUTE_TYPE_LIMIT, SettingsInput, type SettingsView } from '../../types/settings';
import { validate, type FieldErrors } from '../../types/validation';
import { call } from './backend';
import { forgetMe } from './ledger';

export const getSettings = () => call<SettingsView>('settings', 'get');

/** Online only (an admin's occasional change, not field work); my cached 'me' carries the old list. */
export async function saveSettings(input: SettingsInput): Promise<SettingsView> {
  const saved = await call<SettingsView>('settings', 'save', input);
  forgetMe();
  return saved;
}

export interface SettingsForm {
  disputeTypes: string[];
  unitWideEditing: boolean;
  /** As typed: the check refuses what is not a day from 1 to 28. */
  dueDay: string;
  /** 案卷评查's checklist, in CHECKLIST_ITEMS' order. */
  reviewChecklist: string[];
  /** As typed, like dueDay: days after 调结 a 回访 is due. */
  followUpDays: string;
  baseVersion?: number;
}

export const formFromSettings = (s: SettingsView): SettingsForm => ({
  disputeTypes: [...s.disputeTypes],
  unitWideEditing: s.unitWideEditing,
  dueDay: String(s.dueDay),
  reviewChecklist: [...s.reviewChecklist],
  followUpDays: String(s.followUpDays),
  baseVersion: s.version,
});

/** The form differs from what is saved: the page says so until 保存设置. */
export function hasUnsavedChanges(form: SettingsForm, saved: SettingsView): boolean {
  return form.unitWideEditing !== saved.unitWideEditing || form.dueDay !== String(saved.dueDay) || form.disputeTypes.join('\n') !== saved.disputeTypes.join('\n')
    || form.reviewChecklist.join('\n') !== saved.reviewChecklist.join('\n') || form.followUpDays !== String(saved.followUpDays);
}

/** The list with `name` added at the end, or why it cannot be. */
export function withType(list: readonly string[], name: string): { ok: true; list: string[] } | { ok: false; error: string } {
  if (!name.trim()) return { ok: false, error: '请输入类型名称' };
  const checked = validate(DisputeTypeName, name);
  if (!checked.ok) return { ok: false, error: Object.values(checked.fields)[0] };
  if (list.includes(checked.output)) return { ok: false, error: `「${checked.output}」已在列表中` };
  if (list.length >= DISPUTE_TYPE_LIMIT) return { ok: false, error: `纠纷类型不超过${DISPUTE_TYPE_LIMIT}个` };
  return { ok: true, list: [...list, checked.output] };
}

/** The checklist with `item` switched, in CHECKLIST_ITEMS' order. */
export const toggledChecklist = (list: readonly string[], item: string): string[] =>
  CHECKLIST_ITEMS.filter((i) => (i === item ? !list.includes(i) : list.includes(i)));

/** The list with item `i` one place earlier (the form offers types in this order). */
export function movedUp(list: readonly string[], i: number): string[] {
  if (i <= 0) return [...list];
  const out = [...list];
  [out[i - 1], out[i]] = [out[i], out[i - 1]];
  return out;
}

/** A whole number as typed becomes that number; anything else goes to the schema as is, for its message. */
const typedNumber = (text: string): number | string => (/^\d{1,3}$/.test(text.trim()) ? Number(text.trim()) : text);

export function checkSettingsForm(form: SettingsForm): { ok: true; input: SettingsInput } | { ok: false; errors: FieldErrors } {
  const result = validate(SettingsInput, {
    disputeTypes: form.disputeTypes,
    unitWideEditing: form.unitWideEditing,
    dueDay: /^\d{1,2}$/.test(form.dueDay.trim()) ? Number(form.dueDay.trim()) : form.dueDay,
    reviewChecklist: form.reviewChecklist,
    followUpDays: typedNumber(form.followUpDays),
    ...(form.baseVersion ? { baseVersion: form.baseVersion } : {}),
  });
  return result.ok ? { ok: true, input: result.output } : { ok: false, errors: result.fields };
}
