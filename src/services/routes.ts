/** Page paths in one place (weapp and h5 share them). */
export const PAGES = {
  home: '/pages/index/index',
  signIn: '/pages/sign-in/index',
  disputeForm: '/pages/dispute-form/index',
  myLedger: '/pages/my-ledger/index',
  disputeDetail: '/packages/ledger/dispute/index',
  summary: '/packages/supervisor/summary/index',
  records: '/packages/supervisor/records/index',
  report: '/packages/supervisor/report/index',
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
} as const;
