import * as v from 'valibot';
import { RecordId } from './dispute';
import { EXPORT_FORMATS } from './report';

/** `training.attendanceSheet`: a session's 签到表, as a workbook to fill in or a Word page to print. */
export const AttendanceSheetQuery = v.object({
  id: RecordId,
  format: v.picklist(EXPORT_FORMATS, '签到表格式只能是 xlsx 或 docx'),
});
export type AttendanceSheetQuery = v.InferOutput<typeof AttendanceSheetQuery>;
