/** The trainer's own totals, a person's 培训记录, and what a session's day allows (its code, its ticks). */
import { todayBeijing } from '../../types/dates';
import { notYetMessage, sessionDay, validOnlyOn } from '../../types/session-day';
import type { PersonHistory, TrainerTotals } from '../../types/trainer-work';
import { call } from './backend';

export const myTotals = () => call<TrainerTotals>('training', 'mine', {});
export const personHistory = (id: string) => call<PersonHistory>('person', 'history', { id });

export const totalsText = (t: TrainerTotals) => `今年:培训 ${t.sessions} 场,覆盖 ${t.people} 人`;

/**
 * What a session page offers on this day: the code until the day is over (with a note when
 * printed ahead), and ticks from the day on (before it, nobody has attended: the back end refuses).
 */
export function sessionDayView(date: string, today = todayBeijing()) {
  const day = sessionDay(date, today);
  return {
    showCode: day !== 'past',
    codeNote: day === 'ahead' ? validOnlyOn(date) : undefined,
    mayTick: day !== 'ahead',
    notYet: day === 'ahead' ? notYetMessage(date) : undefined,
  };
}
