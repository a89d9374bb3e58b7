/** Page paths in one place (weapp and h5 share them). */
export const PAGES = {
  home: '/pages/index/index',
  signIn: '/pages/sign-in/index',
  disputeForm: '/pages/dispute-form/index',
  myLedger: '/pages/my-ledger/index',
  disputeDetail: '/packages/ledger/dispute/index',
  summary: '/packages/supervisor/summary/index',
} as const;
