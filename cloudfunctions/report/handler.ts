/**
 * 年度报告: the report lines and paragraph of a unit and year, and the same as .xlsx / .docx
 * files; and the unit's ledger for the year in the import format (台账导出, as `npm run export`).
 */
import type { Unit } from '../../types/org';
import { AnnualQuery, ExportQuery, type ExportedFile } from '../../types/report';
import { grantUnits } from '../../types/reach';
import { authorize } from '../core/domain/reach';
import { Refusal } from '../core/domain/refusal';
import { ledgerSheets } from '../core/app/export-ledger';
import { requireUnit } from '../core/app/write';
import { annualReportOf, reportFile } from '../core/app/annual-report';
import { parse, type Call, type CloudFunction } from '../core/platform/runtime';

const VIEWERS = ['supervisor', 'admin'] as const;

/** The unit asked for, or the caller's own area; only supervisors and admins reaching it. */
async function reportUnit(call: Call, unitId: string | undefined, refusal = '只有主管可以查看年度报告'): Promise<Unit> {
  const id = unitId ?? grantUnits(call.caller, VIEWERS)[0];
  if (!id) throw new Refusal('FORBIDDEN', refusal);
  const unit = await requireUnit(call.store, id);
  authorize(call.caller, VIEWERS, unit);
  return unit;
}

/** Keeps a built file under exports/ and answers where to fetch it and the name to save it under. */
async function storeExport(call: Call, unit: Unit, year: number, file: { bytes: Uint8Array; name: string }, tail: string): Promise<ExportedFile> {
  // ASCII storage path (unique per export); the Chinese name travels beside it for saving.
  const stamp = call.now().toISOString().replace(/[-:.]/g, '');
  const random = Math.random().toString(36).slice(2, 8);
  const safeId = unit._id.replace(/[^A-Za-z0-9_-]/g, '_');
  const stored = await call.files.put(`exports/${year}/${safeId}-${stamp}-${random}${tail}`, file.bytes);
  return { ...stored, name: file.name };
}

export const report: CloudFunction = {
  async annual(payload, call) {
    const q = parse(AnnualQuery, payload ?? {});
    return annualReportOf(call.store, await reportUnit(call, q.unitId), q.year);
  },

  async export(payload, call): Promise<ExportedFile> {
    const q = parse(ExportQuery, payload ?? {});
    const unit = await reportUnit(call, q.unitId);
    return storeExport(call, unit, q.year, await reportFile(call.store, unit, q.year, q.format, call.now()), `.${q.format}`);
  },

  /** The unit subtree's records of the year as a ledger workbook, by the same code as `npm run export`. */
  async ledger(payload, call): Promise<ExportedFile> {
    const q = parse(AnnualQuery, payload ?? {});
    const unit = await reportUnit(call, q.unitId, '只有主管或管理员可以导出台账');
    // exceljs, as for the report files: loaded on first export only.
    const { workbookBytes } = await import('../core/files/workbook-write');
    const bytes = await workbookBytes(await ledgerSheets(call.store, unit, q.year));
    return storeExport(call, unit, q.year, { bytes, name: `${unit.name}${q.year}年台账.xlsx` }, '-ledger.xlsx');
  },
};
