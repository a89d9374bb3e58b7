/** Files on disk under DATA_DIR/files, served by the local gateway at /files/<path>. */
import fs from 'node:fs';
import path from 'node:path';
import type { FileStore } from '../port';

const SAFE = /^[A-Za-z0-9_\-./\u4e00-\u9fa5]+$/;

export class LocalFileStore implements FileStore {
  constructor(private readonly dir: string) {}

  private resolve(fileId: string): string {
    const rel = fileId.replace(/^local:\/\//, '');
    const full = path.resolve(this.dir, rel);
    if (!SAFE.test(rel) || rel.includes('..') || !full.startsWith(path.resolve(this.dir) + path.sep)) {
      throw new Error(`bad file path: ${fileId}`);
    }
    return full;
  }

  async put(p: string, bytes: Uint8Array) {
    const full = this.resolve(p);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    // Write then rename: a reader never sees half a file.
    fs.writeFileSync(`${full}.tmp`, bytes);
    fs.renameSync(`${full}.tmp`, full);
    return { fileId: `local://${p}`, url: `/files/${p}` };
  }

  async get(fileId: string) {
    return new Uint8Array(fs.readFileSync(this.resolve(fileId)));
  }

  async url(fileId: string) {
    return `/files/${fileId.replace(/^local:\/\//, '')}`;
  }

  /** Gone for good; a file already gone is no error. */
  async remove(fileId: string) {
    fs.rmSync(this.resolve(fileId), { force: true });
  }

  /** The file id of the file at /files/<rel> (`rel` decoded). */
  fileIdOf(rel: string): string {
    return `local://${rel}`;
  }

  /** The absolute path of the stored file at `rel` (decoded), or null: none, a folder, or not a path of ours (for the gateway). */
  pathOf(rel: string): string | null {
    try {
      const full = this.resolve(rel);
      return fs.statSync(full).isFile() ? full : null;
    } catch {
      return null;
    }
  }
}
