/** What a trainer's own work adds up to, and the sessions one person attended (the trainer's side of issue 16). */
import type { Training } from './training';

/** 今年:培训 N 场,覆盖 M 人: the sessions the caller recorded dated this year, and the distinct people ticked at them. */
export interface TrainerTotals {
  year: string;
  sessions: number;
  people: number;
}

/** One line of a person's 培训记录. */
export type AttendedSession = Pick<Training, '_id' | 'date' | 'topic' | 'category' | 'unitId'>;

/** A person's 培训记录: newest first, at most a page of lines; `total` counts them all. */
export interface PersonHistory {
  items: AttendedSession[];
  total: number;
}
