/**
 * 台账导入 and 名册导入 in the app: the picked file goes to file storage, then a function reads it
 * (`import.run`, `person.import`); meanwhile the page asks `import.progress` how far it has got.
 */
import Taro from '@tarojs/taro';
import type { ImportProgress, ImportResult } from '../../types/import';
import type { RosterImportResult } from '../../types/roster-import';
import { call, openFile, uploadFile } from './backend';
import { newRecordId } from './ids';

/** A file on the device: a temp path (WeChat) or a blob: URL (browser build). */
export interface PickedFile {
  path: string;
  name: string;
}

/** WeChat: Excel files reach a phone through chats, so the picker lists a chat's files. Null when cancelled. */
export async function chooseFromChat(): Promise<PickedFile | null> {
  try {
    const { tempFiles } = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['xlsx', 'csv'] });
    return tempFiles[0] ? { path: tempFiles[0].path, name: tempFiles[0].name } : null;
  } catch {
    return null;
  }
}

export type ImportStage = 'uploading' | 'importing';

/** 12345 → '12,345' (by hand: the mini-program's JS engine may lack locale formatting). */
const grouped = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** What an import shows while it runs; `what` names the rows (default: the sheet being imported). */
export function importStageText(stage: ImportStage, p?: ImportProgress, what: string | undefined = p?.sheet): string {
  if (stage === 'uploading') return '正在上传文件…';
  if (!p?.sheet || p.done === undefined) return '正在读取文件…';
  return `正在导入:${what} 已处理 ${grouped(p.done)}${p.total === undefined ? '' : ` / ${grouped(p.total)}`} 行`;
}

/** How long between two questions about an import's progress, counted from the last answer. */
const POLL_MS = 1000;

/** Asks `import.progress` until stopped, one question at a time (a slow answer delays the next, never piles up). */
function pollProgress(importId: string, onProgress: (p: ImportProgress) => void): () => void {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const ask = async () => {
    try {
      const p = await call<ImportProgress>('import', 'progress', { importId });
      if (!stopped) onProgress(p);
    } catch {
      // Not written yet, or one answer lost: the next question tells.
    }
    if (!stopped) timer = setTimeout(ask, POLL_MS);
  };
  timer = setTimeout(ask, POLL_MS);
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

/** Uploads the file, then runs `work` on it under a fresh import id, asking its progress meanwhile. */
async function uploadAndRun<R>(
  file: PickedFile,
  onStage: (stage: ImportStage) => void,
  onProgress: (p: ImportProgress) => void,
  work: (fileId: string, importId: string) => Promise<R>,
): Promise<R> {
  onStage('uploading');
  const fileId = await uploadFile(file.path, file.name);
  onStage('importing');
  const importId = newRecordId();
  const stop = pollProgress(importId, onProgress);
  try {
    return await work(fileId, importId);
  } finally {
    stop();
  }
}

export function importLedgerFile(
  file: PickedFile,
  onStage: (stage: ImportStage) => void,
  onProgress: (p: ImportProgress) => void,
): Promise<ImportResult> {
  return uploadAndRun(file, onStage, onProgress, (fileId, importId) => call<ImportResult>('import', 'run', { fileId, name: file.name, importId }));
}

/** 名册导入: a 签到-shaped sheet's people join the roster; a row without 所属单位 joins `unitId` (the village shown, else my area). */
export function importRosterFile(
  file: PickedFile,
  unitId: string | undefined,
  onStage: (stage: ImportStage) => void,
  onProgress: (p: ImportProgress) => void,
): Promise<RosterImportResult> {
  return uploadAndRun(file, onStage, onProgress, (fileId, importId) =>
    call<RosterImportResult>('person', 'import', { fileId, name: file.name, importId, ...(unitId ? { unitId } : {}) }),
  );
}

export function downloadRejected(file: NonNullable<ImportResult['rejectedFile']>): Promise<void> {
  return openFile(file, 'xlsx');
}
