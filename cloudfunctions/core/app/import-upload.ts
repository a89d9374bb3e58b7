/**
 * 台账导入 in the app: an admin or supervisor uploads a ledger workbook (or one sheet as CSV)
 * and it is imported by the same code as `npm run import` (import-ledger.ts), for the units
 * they reach. The answer is the summary, the first rejected rows, and all of them as a workbook
 * to fix. Given an import id, its progress is kept for `importProgress`, which the page polls.
 */
import type { Dispute } from '../../../types/dispute';
import type { ImportInput, ImportProgress, ImportProgressInput, ImportResult } from '../../../types/import';
import { IMPORTERS, RECORDERS, type Unit } from '../../../types/org';
import { grantUnits, reaches } from '../../../types/reach';
import { mayEdit } from '../domain/dispute';
import type { RecordSheet } from '../domain/ledger/columns';
import { Refusal } from '../domain/refusal';
import type { Versioned } from '../domain/versioned';
import { openLedger } from '../files/ledger-read';
import type { Call } from '../platform/port';
import { importLedger, rejectedSheets } from './import-ledger';
import { readProgress, withProgress } from './import-progress';
import { keepFile } from './kept-file';
import { readSettings } from './queries/settings';

/** Rejected rows listed in the answer; the workbook has every one. */
const LISTED = 200;

export async function importUpload(call: Call, input: ImportInput): Promise<ImportResult> {
  if (!grantUnits(call.caller, IMPORTERS).length) throw new Refusal('FORBIDDEN', '只有管理员或主管可以导入台账');
  return withProgress(call.store, call.caller._id, input.importId, call.now, async (onProgress) => {
    const bytes = await call.files.get(input.fileId).catch(() => {
      throw new Refusal('NOT_FOUND', '找不到上传的文件,请重新选择文件');
    });
    const ledger = await openLedger([{ name: input.name, bytes }]);
    const unitWideEditing = !!(await readSettings(call.store)).unitWideEditing;
    // The app's edit rules, as dispute.save, training.save and publicity.save apply them.
    const mayEditAppRecord = (sheet: RecordSheet, r: Versioned) =>
      sheet === '矛盾纠纷'
        ? mayEdit(r as Dispute, { caller: call.caller, unitWideEditing })
        : reaches(call.caller, RECORDERS[sheet === '培训' ? 'training' : 'publicity'], r.unitPath);
    const outcome = await importLedger(call.store, ledger, {
      by: call.caller,
      mayWrite: (path) => reaches(call.caller, IMPORTERS, path),
      // The tree is the admins': a supervisor's ledger may name units, not add them.
      mayEditTree: (parent: Unit | null) => !!parent && reaches(call.caller, ['admin'], parent.path),
      mayEditAppRecord,
      now: call.now,
      onProgress,
    }).finally(() => ledger.close());
    const result: ImportResult = {
      sheets: outcome.sheets,
      errors: outcome.rejected.slice(0, LISTED).map(({ sheet, row, column, reason }) => ({ sheet, row, column, reason })),
      rejectedTotal: outcome.rejected.length + outcome.unlisted,
      warnings: outcome.warnings,
      peopleAdded: outcome.peopleAdded,
      ...(outcome.stopped ? { stopped: outcome.stopped } : {}),
    };
    if (outcome.rejected.length) {
      // Loaded only for rejected rows: exceljs adds about half a second.
      const { workbookBytes } = await import('../files/workbook-write');
      const rejectedBook = await workbookBytes(rejectedSheets(outcome));
      result.rejectedFile = await keepFile(call, { dir: 'imports', tail: '-rejected.xlsx' }, rejectedBook, '台账导入-未导入的行.xlsx');
    }
    return result;
  });
}

/** While `importUpload` works, the page asks how far it has got: only the importer may. */
export async function importProgress(call: Call, { importId }: ImportProgressInput): Promise<ImportProgress> {
  const progress = await readProgress(call.store, call.caller._id, importId);
  if (!progress) throw new Refusal('NOT_FOUND', '找不到这次导入的进度');
  return progress;
}
