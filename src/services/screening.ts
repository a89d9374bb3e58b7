/** The 排查 pages' calls (actions of the `dispute` function; saves go through the outbox) and the form as data. */
import { todayBeijing } from '../../types/dates';
import type { DatedListQuery } from '../../types/ledger';
import type { Me } from '../../types/org';
import { ScreeningInput, type Screening, type ScreeningView } from '../../types/screening';
import { validate, type FieldErrors } from '../../types/validation';
import { call } from './backend';
import { toInt } from './form-values';
import { newRecordId } from './ids';
import { submitWrite } from './sync';
import { newRecordUnit } from './units';

export const listScreenings = (q: Partial<DatedListQuery> = {}) => call<Screening[]>('dispute', 'screenings', q);
export const getScreening = (id: string) => call<ScreeningView>('dispute', 'screening', { id });
export const saveScreening = (input: ScreeningInput) =>
  submitWrite<Screening>('dispute', 'screeningSave', input, `排查 ${input.date} · 发现${input.found}件`);
export const removeScreening = (s: Pick<Screening, '_id' | 'version'>) =>
  call<{ id: string }>('dispute', 'screeningRemove', { id: s._id, baseVersion: s.version });

/** The outbox writes that are 排查 rounds (the `dispute` function carries cases too). */
export const isScreeningWrite = (w: { fn: string; action: string }) => w.fn === 'dispute' && w.action === 'screeningSave';

export interface ScreeningForm {
  id: string;
  unitId: string;
  date: string;
  found: string;
  prevented: string;
  note: string;
  baseVersion?: number;
}

export function blankScreeningForm(me: Me): ScreeningForm {
  return { id: newRecordId(), unitId: newRecordUnit(me, 'dispute'), date: todayBeijing(), found: '', prevented: '', note: '' };
}

export function formFromScreening({ record: s }: ScreeningView): ScreeningForm {
  return {
    id: s._id,
    unitId: s.unitId,
    date: s.date,
    found: String(s.found),
    prevented: String(s.prevented),
    note: s.note,
    baseVersion: s.version,
  };
}

/** Blank counts are 0: a round that found nothing is a round all the same (排查次数 counts it). */
export function checkScreeningForm(form: ScreeningForm): { ok: true; input: ScreeningInput } | { ok: false; errors: FieldErrors } {
  const count = (text: string) => (text.trim() ? toInt(text) : 0);
  const result = validate(ScreeningInput, {
    id: form.id,
    unitId: form.unitId,
    date: form.date,
    found: count(form.found),
    prevented: count(form.prevented),
    note: form.note,
    ...(form.baseVersion ? { baseVersion: form.baseVersion } : {}),
  });
  return result.ok ? { ok: true, input: result.output } : { ok: false, errors: result.fields };
}

/** What the listed rounds add up to, as the list's head says it. */
export function screeningTotals(rounds: readonly Pick<Screening, 'found' | 'prevented'>[]): string {
  const found = rounds.reduce((n, s) => n + s.found, 0);
  const prevented = rounds.reduce((n, s) => n + s.prevented, 0);
  return `共 ${rounds.length} 次排查 · 发现纠纷 ${found} 件 · 预防纠纷 ${prevented} 件`;
}
