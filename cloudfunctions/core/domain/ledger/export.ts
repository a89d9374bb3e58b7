/** 台账导出: a stored record as a row of its sheet, in the import format's column order. Pure. */
import { PREVENTIONS, type Dispute } from '../../../../types/dispute';
import { fenToYuanText } from '../../../../types/money';
import type { Unit } from '../../../../types/org';
import type { Person, Publicity, Training } from '../../../../types/training';
import { maskedSummary, maskedTerms } from '../dispute';
import type { Cell } from './cells';
import type { FromLedger } from './records';

/** The 编号 an export writes: the ledger's own, or the app's id for records made in the app. */
export function ledgerNoOf(r: { _id: string } & FromLedger): string {
  return r.ledgerNo ?? r._id;
}

/** With its id as 单位编号: a re-import renames or moves the unit it names (see the 单位 sheet). */
export function unitCells(u: Unit, parentRef: string): Cell[] {
  return [u.name, parentRef, u.kind, u._id];
}

/** Money as yuan in a number cell (what a reader sums), exact to the fen when read back. */
function yuanCell(fen: number): number {
  return Number(fenToYuanText(fen));
}

/**
 * A case as a ledger row: the format has no party columns, and its summary and terms have their parties masked.
 * A 来源 never chosen stays blank (sourceOf's default), so the row imports back as the same record.
 */
export function disputeCells(d: Dispute & FromLedger, unitRef: string): Cell[] {
  return [
    ledgerNoOf(d), unitRef, d.mediatorName, d.acceptedDate, d.resolvedDate ?? '', d.type, d.channel, d.outcome,
    d.agreementForm ?? '', yuanCell(d.amountFen), d.parties, d.banners, maskedSummary(d),
    d.source ?? '', d.involvedPeople ?? '', ...PREVENTIONS.map((k) => d.prevention?.[k] ?? ''), d.caseNo ?? '',
    maskedTerms(d), d.performanceWay ?? '', d.performanceDeadline ?? '', (d.alerts ?? []).join('、'),
    d.confirmation?.status ?? '', d.confirmation?.appliedDate ?? '', d.confirmation?.decidedDate ?? '',
    ...latestFollowUpCells(d),
  ];
}

/** The case's latest 回访 (date, way, 履行情况), as the ledger's three columns hold one. */
function latestFollowUpCells(d: Dispute): Cell[] {
  const last = d.followUps?.[d.followUps.length - 1];
  return last ? [last.date, last.way, last.performance] : ['', '', ''];
}

export function trainingCells(t: Training & FromLedger, unitRef: string): Cell[] {
  return [ledgerNoOf(t), unitRef, t.category, t.date, t.topic, t.trainer ?? '', t.place ?? '', t.hours ?? 0];
}

export function checkinCells(t: Training & FromLedger, p: Person, unitRef: string): Cell[] {
  return [ledgerNoOf(t), p.name, p.phone, unitRef];
}

export function publicityCells(p: Publicity & FromLedger, unitRef: string): Cell[] {
  return [ledgerNoOf(p), unitRef, p.date, p.title, p.materials, p.consulted];
}
