/**
 * 培训 sessions: record rules, how a session is built, and what it adds to the figures (T1;
 * coverage, T2, counts distinct people: see figures/coverage.ts). Pure.
 */
import { notYetMessage, sessionDay } from '../../../types/session-day';
import { LAW_PERSON_TRAINING, type Training, type TrainingInput } from '../../../types/training';
import { counterKey, type Contribution } from './figures/rollup';
import { firstVersion, type NewRecord, type RecordRules } from './versioned';

export const TRAINING_RULES: RecordRules<Training> = {
  noun: '培训',
  fields: ['unitId', 'category', 'date', 'topic', 'trainer', 'place', 'hours'],
};

/** A new session: nobody ticked yet, and its own check-in token (attendance and token are not in the form or a ledger). */
export function trainingRecord(input: Omit<TrainingInput, 'baseVersion'>, at: NewRecord, checkinToken: string): Training {
  return Object.assign(firstVersion(at), {
    attendees: [] as string[],
    checkinToken,
    createdBy: at.by,
    unitId: input.unitId,
    category: input.category,
    date: input.date,
    topic: input.topic,
    trainer: input.trainer,
    place: input.place,
    hours: input.hours,
  });
}

/** Report configuration: the training category whose sessions are T1 and whose attendees are T2. */
export function countsForCoverage(t: Training | null): t is Training {
  return !!t && !t.deleted && t.category === LAW_PERSON_TRAINING;
}

export function trainingContributions(t: Training | null): Contribution[] {
  if (!t || t.deleted) return [];
  return [
    {
      date: t.date,
      counters: {
        trainings: 1,
        [counterKey('trainings', 'category', t.category)]: 1,
        ...(countsForCoverage(t) ? { T1: 1 } : {}),
      },
    },
  ];
}

/** Where a session counts for coverage; a change of any part moves its attendees' coverage. */
export function coverageSpot(t: Training | null): string | null {
  return countsForCoverage(t) ? `${t.date}|${t.unitPath.join('/')}` : null;
}

/**
 * Who may be ticked into a session: people of its unit and the units below it (its area, where
 * self check-in looks attendees up). An untick is never refused: it is how a wrong tick is undone.
 */
export function coversPerson(t: Training, personUnitPath: readonly string[]): boolean {
  return personUnitPath.includes(t.unitId);
}

export function outsiderMessage(personName: string, sessionUnitName: string): string {
  return `「${personName}」不属于本场培训的单位(${sessionUnitName})及其下级,不能签到`;
}

/** The code is the session's own token, valid on the session's day only (Beijing): why it is refused, or null. */
export function checkinProblem(t: Training | null, token: string, todayBeijing: string): string | null {
  if (!t || t.deleted || t.checkinToken !== token) return '签到码无效,请扫描培训现场的签到码';
  const day = sessionDay(t.date, todayBeijing);
  if (day === 'ahead') return notYetMessage(t.date);
  if (day === 'past') return '培训已结束,签到仅限培训当天';
  return null;
}

/**
 * A tick before the session's day is refused (nobody has attended yet; a tick then would count
 * coverage for a meeting that may not happen). An untick is never refused.
 */
export function tickProblem(t: Training, present: boolean, todayBeijing: string): string | null {
  return present && sessionDay(t.date, todayBeijing) === 'ahead' ? notYetMessage(t.date) : null;
}

/** A session already attended cannot be moved to a day still to come (its ticks would precede it). */
export function datedAheadProblem(before: Training | null, after: Training, todayBeijing: string): string | null {
  return before?.attendees.length && sessionDay(after.date, todayBeijing) === 'ahead' ? '已有人签到的培训不能改到今天以后' : null;
}
