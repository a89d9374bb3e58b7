/** Who may download a stored file, and the clean-up of old exports. */
import type { FileOwner } from '../../cloudfunctions/core/app/kept-file';
import type { LocalFileStore } from '../../cloudfunctions/core/platform/adapters/files-local';
import { C, type Store } from '../../cloudfunctions/core/platform/port';
import { VIEWERS, type User } from '../../types/org';
import { reaches } from '../../types/reach';

/** Whoever put the file, or a supervisor or admin whose reach covers its unit. A file nobody owns is nobody's to fetch. */
export function mayFetch(user: User, owner: FileOwner | null): boolean {
  return !!owner && (owner.by === user._id || reaches(user, VIEWERS, owner.unitPath));
}

export const EXPORT_LIFETIME_MS = 24 * 3600_000;

/** Removes exports and rejected-row files older than a day; answers how many. */
export async function removeOldExports(store: Store, files: LocalFileStore, now: Date): Promise<number> {
  const old = await store.find<FileOwner>(C.files, { temporary: true, at: { $lt: new Date(now.getTime() - EXPORT_LIFETIME_MS).toISOString() } });
  for (const f of old) {
    await files.remove(f._id);
    await store.remove(C.files, f._id);
  }
  return old.length;
}

const HOUR_MS = 3600_000;

/** Old exports go now and every hour after; answers the stop for shutdown. */
export function tidyExports(store: Store, files: LocalFileStore, now: () => Date): () => void {
  const tidy = () =>
    removeOldExports(store, files, now()).catch((err) => {
      console.error('[files] old exports not removed', err);
    });
  void tidy();
  const timer = setInterval(tidy, HOUR_MS);
  timer.unref();
  return () => clearInterval(timer);
}
