/** The audit trail (C.audit): a record's history, oldest first (an act on a version, such as a document printed, after it). */
import type { AuditEntry } from '../../../../types/ledger';
import { C, type Store } from '../../platform/port';

export function historyOf(store: Store, coll: string, recordId: string): Promise<AuditEntry[]> {
  return store.find<AuditEntry>(C.audit, { coll, recordId }, { sort: { version: 1, at: 1 } });
}
