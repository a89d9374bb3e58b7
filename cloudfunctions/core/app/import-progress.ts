/**
 * How far an in-app 台账导入 has got: one small document per import (C.imports), which the page
 * polls while `import.run` works. It is written outside the rows' transactions and the rows never
 * wait for it: one write in flight at a time, and while one is out only the newest state waits
 * (states in between are skipped). A slow store costs the import nothing, and a failed write
 * leaves the page a step behind, never the import failed.
 */
import type { ImportProgress, SheetProgress } from '../../../types/import';
import { C, type Doc, type Store } from '../platform/port';

export interface ImportProgressDoc extends Doc, ImportProgress {
  /** Who started the import: the only user who may read it. */
  by: string;
  startedAt: string;
  updatedAt: string;
}

/** Keyed by the importer too: an id another user sends can neither overwrite nor read this import. */
const docId = (by: string, importId: string) => `${by}:${importId}`;

class ProgressWriter {
  private latest: ImportProgress = { stage: 'reading' };
  /** `latest` is not written yet. */
  private unwritten = false;
  private inFlight: Promise<void> | null = null;
  private readonly startedAt: string;

  constructor(
    private readonly store: Store,
    private readonly id: string,
    private readonly by: string,
    private readonly now: () => Date,
  ) {
    this.startedAt = now().toISOString();
    this.update(this.latest);
  }

  readonly sheet = (p: SheetProgress): void => this.update({ stage: 'importing', ...p });

  /** The import has answered: its last state under its final stage, written before the function returns (the platform may freeze it then). */
  async finish(stage: 'done' | 'failed'): Promise<void> {
    this.update({ ...this.latest, stage });
    await this.inFlight;
  }

  private update(p: ImportProgress): void {
    this.latest = p;
    this.unwritten = true;
    this.inFlight ??= this.writeLatest();
  }

  private async writeLatest(): Promise<void> {
    while (this.unwritten) {
      this.unwritten = false;
      const doc: ImportProgressDoc = { _id: this.id, by: this.by, startedAt: this.startedAt, updatedAt: this.now().toISOString(), ...this.latest };
      try {
        await this.store.set(C.imports, doc);
      } catch (err) {
        console.warn('[fazhi] import progress not saved', err);
      }
    }
    this.inFlight = null;
  }
}

/**
 * Runs an import, keeping its progress document when the caller gave an id (else untracked):
 * `work` gets the callback for importLedger's `onProgress`; the document ends as done or failed.
 */
export async function withProgress<R>(
  store: Store,
  by: string,
  importId: string | undefined,
  now: () => Date,
  work: (onProgress?: (p: SheetProgress) => void) => Promise<R>,
): Promise<R> {
  if (!importId) return work();
  const writer = new ProgressWriter(store, docId(by, importId), by, now);
  try {
    const result = await work(writer.sheet);
    await writer.finish('done');
    return result;
  } catch (err) {
    await writer.finish('failed');
    throw err;
  }
}

/** The progress of `by`'s own import `importId`; null when there is none of theirs. */
export async function readProgress(store: Store, by: string, importId: string): Promise<ImportProgress | null> {
  const doc = await store.get<ImportProgressDoc>(C.imports, docId(by, importId));
  if (!doc || doc.by !== by) return null;
  const { stage, sheet, done, total } = doc;
  return { stage, sheet, done, total };
}
