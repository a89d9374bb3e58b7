/** 年度报告: the report lines and paragraph of a unit and year, and the same as .xlsx / .docx files. */
import type { Unit } from '../../types/org';
import { AnnualQuery, ExportQuery, type ExportedFile } from '../../types/report';
import { authorize, grantUnits } from '../core/domain/reach';
import { Refusal } from '../core/domain/refusal';
import { requireUnit } from '../core/records';
import { annualReportOf } from '../core/reports';
import { parse, type Call, type CloudFunction } from '../core/runtime';

const VIEWERS = ['supervisor', 'admin'] as const;

/** The unit asked for, or the caller's own area; only supervisors and admins reaching it. */
async function reportUnit(call: Call, unitId: string | undefined): Promise<Unit> {
  const id = unitId ?? grantUnits(call.caller, VIEWERS)[0];
  if (!id) throw new Refusal('FORBIDDEN', '只有主管可以查看年度报告');
  const unit = await requireUnit(call.store, id);
  authorize(call.caller, VIEWERS, unit);
  return unit;
}

export const report: CloudFunction = {
  async annual(payload, call) {
    const q = parse(AnnualQuery, payload ?? {});
    return annualReportOf(call.store, await reportUnit(call, q.unitId), q.year);
  },

  async export(payload, call): Promise<ExportedFile> {
    const q = parse(ExportQuery, payload ?? {});
    const unit = await reportUnit(call, q.unitId);
    const now = call.now();
    // Loaded on first export only: exceljs and docx add about half a second to a cold start.
    const { reportFile } = await import('../core/report-files');
    const file = await reportFile(call.store, unit, q.year, q.format, now);
    // ASCII storage path (unique per export); the Chinese name travels beside it for saving.
    const stamp = now.toISOString().replace(/[-:.]/g, '');
    const random = Math.random().toString(36).slice(2, 8);
    const safeId = unit._id.replace(/[^A-Za-z0-9_-]/g, '_');
    const stored = await call.files.put(`exports/${q.year}/${safeId}-${stamp}-${random}.${q.format}`, file.bytes);
    return { ...stored, name: file.name };
  },
};
