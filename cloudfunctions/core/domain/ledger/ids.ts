/** Record, roster and unit ids that follow from a ledger's own 编号 and names, so a re-import finds them. Pure. */
import { createHash } from 'node:crypto';
import { personKey } from '../person';
import type { RecordSheet } from './columns';

const ID_PREFIX: Record<RecordSheet | '人员' | '单位', string> = { 矛盾纠纷: 'imp-d', 培训: 'imp-t', 宣传活动: 'imp-p', 人员: 'imp-r', 单位: 'imp-u' };

function hashOf(text: string, length: number): string {
  return createHash('sha256').update(text).digest('base64url').slice(0, length);
}

/**
 * A ledger row's 编号 is its identity: the record id follows from it, so importing the same
 * row again finds the same record. Plain 编号 stay readable ('imp-d-D2024-001'); others (Chinese,
 * too long or short) are hashed under their own prefix, so the two kinds never collide.
 */
export function ledgerRecordId(sheet: RecordSheet, no: string): string {
  return /^[A-Za-z0-9_-]{2,57}$/.test(no) ? `${ID_PREFIX[sheet]}-${no}` : `${ID_PREFIX[sheet]}x-${hashOf(no, 24)}`;
}

/** The roster entry a 签到 row names: one id per (unit, name, phone), however the phone is spelled. */
export function ledgerPersonId(unitId: string, name: string, phone: string): string {
  return `${ID_PREFIX.人员}-${hashOf(personKey(unitId, name, phone), 24)}`;
}

/** A unit created by an import: its id follows from its names from the district down. */
export function ledgerUnitId(names: readonly string[]): string {
  return `${ID_PREFIX.单位}-${hashOf(names.join('/'), 16)}`;
}

/** App-made ids are RecordIds: an export writes them as 编号, so re-importing finds the record. */
export function isAppRecordId(no: string): boolean {
  return /^[A-Za-z0-9_-]{8,64}$/.test(no);
}
