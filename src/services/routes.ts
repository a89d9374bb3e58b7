import type { RecordsView } from '../../types/metrics';
import type { QueuedWrite } from './outbox';

/** Page paths in one place (weapp and h5 share them). */
export const PAGES = {
  home: '/pages/index/index',
  signIn: '/pages/sign-in/index',
  disputeForm: '/pages/dispute-form/index',
  myLedger: '/pages/my-ledger/index',
  disputeDetail: '/packages/ledger/dispute/index',
  screeningList: '/packages/ledger/screening/index',
  screeningForm: '/packages/ledger/screening-form/index',
  summary: '/packages/supervisor/summary/index',
  records: '/packages/supervisor/records/index',
  report: '/packages/supervisor/report/index',
  stats: '/packages/supervisor/stats/index',
  review: '/packages/supervisor/review/index',
  trainingList: '/packages/training/list/index',
  trainingForm: '/packages/training/form/index',
  trainingSession: '/packages/training/session/index',
  roster: '/packages/training/roster/index',
  personForm: '/packages/training/person/index',
  publicityList: '/packages/training/publicity/index',
  publicityForm: '/packages/training/publicity-form/index',
  /** Opened by scanning a session's code: works for someone who is not signed in. */
  checkin: '/packages/training/checkin/index',
  ledgerImport: '/packages/admin/import/index',
  settings: '/packages/admin/settings/index',
  tree: '/packages/admin/tree/index',
  invite: '/packages/admin/invite/index',
  users: '/packages/admin/users/index',
  /** Opened from an invitation's link or code, before its opener is anyone. */
  join: '/pages/join/index',
} as const;

/**
 * The form a refused write is fixed in: a case goes back into 登记纠纷; other writes can only
 * be discarded. So can a case no edit will get through: deleted meanwhile, or an edit of a case
 * the mediator may no longer change.
 */
export function fixPage(w: Pick<QueuedWrite, 'fn' | 'action' | 'id' | 'payload' | 'refused'>): string | undefined {
  if (w.fn !== 'dispute' || w.action !== 'save') return undefined;
  const code = w.refused?.code;
  const isEdit = !!(w.payload as { baseVersion?: number }).baseVersion;
  if (code === 'CONFLICT' || code === 'NOT_FOUND' || (code === 'FORBIDDEN' && isEdit)) return undefined;
  return `${PAGES.disputeForm}?refused=${encodeURIComponent(w.id)}`;
}

/** The page a line on 记录明细 opens: cases and sessions have one a supervisor may read. */
export function recordPage(kind: RecordsView['items'][number]['kind'], id: string): string | undefined {
  if (kind === 'dispute') return `${PAGES.disputeDetail}?id=${id}`;
  if (kind === 'training') return `${PAGES.trainingSession}?id=${id}`;
  return undefined;
}
