/** A session's 签到表: built on the back end from the roster and ticks as they are now, then downloaded (h5) or opened (WeChat). */
import type { ExportedFile, ExportFormat } from '../../types/report';
import { call, openFile } from './backend';

export async function openAttendanceSheet(id: string, format: ExportFormat): Promise<void> {
  await openFile(await call<ExportedFile>('training', 'attendanceSheet', { id, format }), format);
}
