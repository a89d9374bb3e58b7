/**
 * 台账导入 in the app: the picked file goes to file storage, then the `import` function reads it;
 * meanwhile the page asks how far it has got.
 */
import Taro from '@tarojs/taro';
import type { ImportProgress, ImportResult } from '../../types/import';
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

export async function importLedgerFile(
  file: PickedFile,
  onStage: (stage: ImportStage) => void,
  onProgress: (p: ImportProgress) => void,
): Promise<ImportResult> {
  onStage('uploading');
  const fileId = await uploadFile(file.path, file.name);
  onStage('importing');
  const importId = newRecordId();
  const stop = pollProgress(importId, onProgress);
  try {
    return await call<ImportResult>('import', 'run', { fileId, name: file.name, importId });
  } finally {
    stop();
  }
}

export function downloadRejected(file: NonNullable<ImportResult['rejectedFile']>): Promise<void> {
  return openFile(file, 'xlsx');
}
