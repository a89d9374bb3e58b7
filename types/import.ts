import * as v from 'valibot';
import { UPLOADED_FILE_ID } from './files';

/** `import.run`: a ledger workbook (or one sheet as CSV) the admin uploaded. */
export const ImportInput = v.object({
  fileId: v.pipe(v.string('请先选择文件'), v.regex(UPLOADED_FILE_ID, '只能导入通过本应用上传的文件')),
  /** The file's own name: a CSV's name says which sheet it is. */
  name: v.pipe(v.string('缺少文件名'), v.trim(), v.minLength(1, '缺少文件名'), v.maxLength(100, '文件名过长')),
});
export type ImportInput = v.InferOutput<typeof ImportInput>;

/** One sheet's rows: created, updated (编号 known, content changed), unchanged, rejected. */
export interface SheetSummary {
  sheet: string;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

/** A row not imported: where (sheet, row number as Excel shows it, column) and why, in Chinese. */
export interface RowError {
  sheet: string;
  row: number;
  column: string;
  reason: string;
}

export interface ImportResult {
  sheets: SheetSummary[];
  /** The first rejected rows (all of them are in `rejectedFile`). */
  errors: RowError[];
  rejectedTotal: number;
  /** Unknown columns or sheets ignored, and the like. */
  warnings: string[];
  /** Roster entries added by 签到 rows. */
  peopleAdded: number;
  /** The rejected rows as a workbook of the same format, with a 错误原因 column: fix and import again. */
  rejectedFile?: { fileId: string; url: string; name: string };
}
