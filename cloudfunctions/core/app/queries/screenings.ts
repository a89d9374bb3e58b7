/** 排查 rounds (C.screenings): their filters in one place. */
import type { Screening } from '../../../../types/screening';
import { C, type Store } from '../../platform/port';
import { datedIn } from './publicity';

/** An area's rounds (the unit and all below it), newest first, optionally of one month. */
export const screeningsIn = (store: Store, areaId: string, month?: string) => datedIn<Screening>(store, C.screenings, areaId, month);

export function getScreening(store: Store, id: string): Promise<Screening | null> {
  return store.get<Screening>(C.screenings, id);
}
