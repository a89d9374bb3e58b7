/** 普法宣传活动: record rules, how an activity is built, and what it adds to the figures (P1–P3). Pure. */
import type { Publicity, PublicityInput } from '../../../types/training';
import type { Contribution } from './figures/rollup';
import { firstVersion, type NewRecord, type RecordRules } from './versioned';

export const PUBLICITY_RULES: RecordRules<Publicity> = {
  noun: '宣传活动',
  fields: ['unitId', 'date', 'title', 'materials', 'consulted', 'photos'],
};

export function publicityRecord(input: Omit<PublicityInput, 'baseVersion'>, at: NewRecord): Publicity {
  return Object.assign(firstVersion(at), {
    createdBy: at.by,
    unitId: input.unitId,
    date: input.date,
    title: input.title,
    materials: input.materials,
    consulted: input.consulted,
    photos: input.photos,
  });
}

export function publicityContributions(p: Publicity | null): Contribution[] {
  if (!p || p.deleted) return [];
  return [{ date: p.date, counters: { P1: 1, P2: p.materials, P3: p.consulted } }];
}
