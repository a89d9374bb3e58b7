/**
 * 培训 sessions: record rules, how a session is built, and what it adds to the figures (T1;
 * coverage, T2, counts distinct people: see figures/coverage.ts). Pure.
 */
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

/** The code is the session's own token, valid through the session's day (Beijing): why it is refused, or null. */
export function checkinProblem(t: Training | null, token: string, todayBeijing: string): string | null {
  if (!t || t.deleted || t.checkinToken !== token) return '签到码无效,请扫描培训现场的签到码';
  if (todayBeijing > t.date) return '该培训的签到已结束(仅限培训当天)';
  return null;
}
