/**
 * 台账导入 in the app: an admin or supervisor uploads a ledger workbook (or one sheet as CSV)
 * and this imports it by the same code as `npm run import`, for the units they reach. The
 * answer is the summary, the first rejected rows, and all of them as a workbook to fix. Given an
 * import id, it keeps the import's progress for `progress`, which the page polls meanwhile.
 */
import { ImportInput, ImportProgressInput, type ImportProgress, type ImportResult } from '../../types/import';
import type { Unit } from '../../types/org';
import { grantUnits, reaches } from '../../types/reach';
import { Refusal } from '../core/domain/refusal';
import { readProgress, withProgress } from '../core/app/import-progress';
import { openLedger } from '../core/files/ledger-read';
import { importLedger, rejectedSheets } from '../core/app/import-ledger';
import { parse, type CloudFunction } from '../core/platform/runtime';

const IMPORTERS = ['admin', 'supervisor'] as const;

/** Rejected rows listed in the answer; the workbook has every one. */
const LISTED = 200;

export const ledgerImport: CloudFunction = {
  async run(payload, call): Promise<ImportResult> {
    const input = parse(ImportInput, payload);
    if (!grantUnits(call.caller, IMPORTERS).length) throw new Refusal('FORBIDDEN', '只有管理员或主管可以导入台账');
    return withProgress(call.store, call.caller._id, input.importId, call.now, async (onProgress) => {
      const bytes = await call.files.get(input.fileId).catch(() => {
        throw new Refusal('NOT_FOUND', '找不到上传的文件,请重新选择文件');
      });
      const ledger = await openLedger([{ name: input.name, bytes }]);
      const outcome = await importLedger(call.store, ledger, {
        by: call.caller,
        mayWrite: (path) => reaches(call.caller, IMPORTERS, path),
        // The tree is the admins': a supervisor's ledger may name units, not add them.
        mayEditTree: (parent: Unit | null) => !!parent && reaches(call.caller, ['admin'], parent.path),
        now: call.now,
        onProgress,
      }).finally(() => ledger.close());
      const result: ImportResult = {
        sheets: outcome.sheets,
        errors: outcome.rejected.slice(0, LISTED).map(({ sheet, row, column, reason }) => ({ sheet, row, column, reason })),
        rejectedTotal: outcome.rejected.length,
        warnings: outcome.warnings,
        peopleAdded: outcome.peopleAdded,
      };
      if (outcome.rejected.length) {
        // Loaded only for rejected rows: exceljs adds about half a second.
        const { workbookBytes } = await import('../core/files/workbook-write');
        const stamp = call.now().toISOString().replace(/[-:.]/g, '');
        const random = Math.random().toString(36).slice(2, 8);
        const stored = await call.files.put(`imports/${stamp}-${random}-rejected.xlsx`, await workbookBytes(rejectedSheets(outcome.rejected)));
        result.rejectedFile = { ...stored, name: '台账导入-未导入的行.xlsx' };
      }
      return result;
    });
  },

  /** While `run` works, the page asks how far it has got: only the importer may. */
  async progress(payload, call): Promise<ImportProgress> {
    const { importId } = parse(ImportProgressInput, payload);
    const progress = await readProgress(call.store, call.caller._id, importId);
    if (!progress) throw new Refusal('NOT_FOUND', '找不到这次导入的进度');
    return progress;
  },
};
