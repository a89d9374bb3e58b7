/** Files the functions build for the caller to download (exports, rejected rows), kept in the file store. */
import type { ExportedFile } from '../../../types/report';
import type { Deps } from '../platform/port';

interface Where {
  dir: string;
  /** Names what the file is of (a unit id), made ASCII. */
  tag?: string;
  /** The end of the stored name, with the extension: '.xlsx', '-ledger.xlsx'. */
  tail: string;
}

/**
 * Keeps `bytes` and answers where to fetch them and the name to save them under. The storage
 * path is ASCII and unique per file; the Chinese name travels beside it.
 */
export async function keepFile(deps: Deps, { dir, tag, tail }: Where, bytes: Uint8Array, name: string): Promise<ExportedFile> {
  const stamp = deps.now().toISOString().replace(/[-:.]/g, '');
  const random = Math.random().toString(36).slice(2, 8);
  const prefix = tag ? `${tag.replace(/[^A-Za-z0-9_-]/g, '_')}-` : '';
  const stored = await deps.files.put(`${dir}/${prefix}${stamp}-${random}${tail}`, bytes);
  return { ...stored, name };
}
