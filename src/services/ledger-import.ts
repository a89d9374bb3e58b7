/** 台账导入 in the app: the picked file goes to file storage, then the `import` function reads it. */
import Taro from '@tarojs/taro';
import type { ImportResult } from '../../types/import';
import { call, openFile, uploadFile } from './backend';

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

export async function importLedgerFile(file: PickedFile, onStage: (stage: ImportStage) => void): Promise<ImportResult> {
  onStage('uploading');
  const fileId = await uploadFile(file.path, file.name);
  onStage('importing');
  return call<ImportResult>('import', 'run', { fileId, name: file.name });
}

export function downloadRejected(file: NonNullable<ImportResult['rejectedFile']>): Promise<void> {
  return openFile(file, 'xlsx');
}
