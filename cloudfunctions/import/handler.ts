/** 台账导入: an uploaded ledger imported for the units the caller reaches, and its progress meanwhile. */
import { ImportInput, ImportProgressInput } from '../../types/import';
import { importProgress, importUpload } from '../core/app/import-upload';
import { parse, type CloudFunction } from '../core/platform/runtime';

export const ledgerImport: CloudFunction = {
  run: (payload, call) => importUpload(call, parse(ImportInput, payload)),
  progress: (payload, call) => importProgress(call, parse(ImportProgressInput, payload)),
};
