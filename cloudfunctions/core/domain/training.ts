/**
 * Trainings, people and publicity: their record rules and what they add to the rollups.
 * Coverage (T2) counts distinct people: see coverage.ts. Pure.
 */
import { LAW_PERSON_TRAINING, type Person, type Publicity, type Training } from '../../../types/training';
import { RECORDERS, type User } from '../../../types/org';
import { normalizePhone } from '../../../types/phone';
import { reaches } from './reach';
import { counterKey, type Contribution } from './rollup';
import type { RecordRules } from './versioned';

export const TRAINING_RULES: RecordRules<Training> = {
  noun: '培训',
  fields: ['unitId', 'category', 'date', 'topic', 'trainer', 'place', 'hours'],
};

export const PUBLICITY_RULES: RecordRules<Publicity> = {
  noun: '宣传活动',
  fields: ['unitId', 'date', 'title', 'materials', 'consulted', 'photos'],
};

export const PERSON_RULES: RecordRules<Person> = {
  noun: '人员',
  fields: ['unitId', 'name', 'phone', 'isLawPerson'],
  privateFields: ['phone'],
};

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

export function publicityContributions(p: Publicity | null): Contribution[] {
  if (!p || p.deleted) return [];
  return [{ date: p.date, counters: { P1: 1, P2: p.materials, P3: p.consulted } }];
}

/** Whoever records people or publicity in an area (RECORDERS) may read and change them there. */
export function mayRecordIn(user: User, kind: 'person' | 'publicity', unitPath: readonly string[]): boolean {
  return reaches(user, RECORDERS[kind], unitPath);
}

/** Identity of a roster entry for duplicate detection: same unit, same name, same phone. */
export function personKey(unitId: string, name: string, phone: string): string {
  return `${unitId}|${name.replace(/\s/g, '')}|${normalizePhone(phone)}`;
}
