/**
 * 重大/群体性 cases: when a save first flags a case, and what the supervisors above are told.
 * Pure: app/alerts.ts writes the notices in the case's transaction and pushes after it.
 */
import type { FlagNotice } from '../../../types/alerts';
import type { Dispute } from '../../../types/dispute';
import type { PushMessage } from '../../../types/notify';

/** A save that takes a case from no flag to a flag (a create, or an edit adding one); re-saving a flagged case is not news. */
export function newlyFlagged(before: Dispute | null, after: Dispute): boolean {
  return !after.deleted && !!after.alerts?.length && !before?.alerts?.length;
}

/** '群体性、可能激化纠纷(邻里,前进村,涉及40人)'. */
function flagLine(d: Dispute, unitName: string): string {
  const people = d.involvedPeople ? `,涉及${d.involvedPeople}人` : '';
  return `${d.alerts!.join('、')}纠纷(${d.type},${unitName}${people})`;
}

/**
 * One notice for each unit on the case's path (their supervisors reach it), keyed by case and unit:
 * a case flagged again after its flag was taken off finds them there and tells nobody twice.
 */
export function flagNotices(d: Dispute, unitName: string, nowIso: string): FlagNotice[] {
  const text = `${d.mediatorName}登记了${flagLine(d, unitName)},受理日期${d.acceptedDate}`;
  return d.unitPath.map((unitId, i) => ({
    _id: `flag:${d._id}:${unitId}`,
    unitId,
    unitPath: d.unitPath.slice(0, i + 1),
    kind: 'flag',
    disputeId: d._id,
    text,
    byName: d.mediatorName,
    at: nowIso,
  }));
}

/** The same as a 订阅消息; a tap opens the case. */
export function flagPush(d: Dispute, unitName: string): PushMessage {
  return {
    kind: 'flag',
    fields: { item: flagLine(d, unitName), due: `${d.acceptedDate.slice(0, 4)}年${Number(d.acceptedDate.slice(5, 7))}月${Number(d.acceptedDate.slice(8, 10))}日`, note: `${d.mediatorName}登记,请关注` },
    page: `packages/ledger/dispute/index?id=${d._id}`,
  };
}
