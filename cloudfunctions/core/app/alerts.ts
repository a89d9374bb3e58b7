/**
 * 重大/群体性 cases: the notices a first flag writes in the case's own transaction (so a retried
 * save finds them and tells nobody twice), the 订阅消息 after it, and a supervisor's list.
 */
import { FLAGGED_MAX, type FlaggedView, type FlagNotice } from '../../../types/alerts';
import { ALERTS, type Dispute } from '../../../types/dispute';
import type { Unit } from '../../../types/org';
import { grantUnits } from '../../../types/reach';
import { flagNotices, flagPush, newlyFlagged } from '../domain/alerts';
import { maskDispute } from '../domain/dispute';
import { C, type Call, type Tx } from '../platform/port';
import { pushOffer, pushToUnits } from './push';

const WATCHERS = ['supervisor'] as const;

/**
 * For one save of a case at `unit`: `also`, run inside its transaction, writes the notices a
 * first flag calls for; `push`, after it commits, sends the 订阅消息 for the notices it wrote.
 */
export function flagAlerts(call: Call, unit: Unit) {
  let written: { d: Dispute; notices: FlagNotice[] } | undefined;
  return {
    also: async (tx: Tx, before: Dispute | null, after: Dispute): Promise<void> => {
      // The transaction may run again on a conflict: only its last attempt's notices count.
      written = undefined;
      if (!newlyFlagged(before, after)) return;
      const fresh: FlagNotice[] = [];
      for (const n of flagNotices(after, unit.name, after.updatedAt)) {
        if (await tx.get<FlagNotice>(C.notices, n._id)) continue;
        await tx.set<FlagNotice>(C.notices, n);
        fresh.push(n);
      }
      if (fresh.length) written = { d: after, notices: fresh };
    },
    push: async (): Promise<void> => {
      if (written) await pushToUnits(call, written.notices.map((n) => n.unitId), flagPush(written.d, unit.name));
    },
  };
}

/** 重大/群体性纠纷 for a supervisor: flagged cases still 在办 in their reach, and the latest notices of those. */
export async function flaggedCases(call: Call): Promise<FlaggedView> {
  const units = grantUnits(call.caller, WATCHERS);
  if (!units.length) return { total: 0, items: [], notices: [] };
  const filter = { unitPath: { $in: units }, deleted: false, outcome: '在办', alerts: { $in: [...ALERTS] } };
  const [items, total, recent] = await Promise.all([
    call.store.find<Dispute>(C.disputes, filter, { sort: { acceptedDate: -1, _id: -1 }, limit: FLAGGED_MAX }),
    call.store.count(C.disputes, filter),
    call.store.find<FlagNotice>(C.notices, { unitId: { $in: units }, kind: 'flag' }, { sort: { at: -1 }, limit: 10 }),
  ]);
  const open = new Set(items.map((d) => d._id));
  const seen = new Set<string>();
  // A supervisor of two units on one path has two notices of one case: one is enough.
  const notices = recent.filter((n) => open.has(n.disputeId) && !seen.has(n.disputeId) && seen.add(n.disputeId)).slice(0, 3);
  return { total, items: items.map(maskDispute), notices, push: await pushOffer(call, 'flag') };
}
