const h5 = process.env.TARO_ENV === 'h5';

export default defineAppConfig({
  pages: [
    'pages/index/index',
    'pages/dispute-form/index',
    'pages/my-ledger/index',
    // Opened by an invitation's link or code, by someone not yet registered.
    'pages/join/index',
    // The local demo sign-in exists only in the browser build; WeChat signs users in itself.
    ...(h5 ? ['pages/sign-in/index'] : []),
  ],
  // Supervisor pages are not needed at launch: a subpackage keeps the main package small.
  subPackages: [
    // A case's page, and a unit's 排查 rounds (mediators, a few times a month).
    { root: 'packages/ledger', pages: ['dispute/index', 'screening/index', 'screening-form/index'] },
    { root: 'packages/supervisor', pages: ['summary/index', 'report/index', 'records/index', 'stats/index', 'review/index'] },
    // Trainers' pages, and the check-in page a scanned session code opens.
    {
      root: 'packages/training',
      pages: ['list/index', 'form/index', 'session/index', 'roster/index', 'person/index', 'publicity/index', 'publicity-form/index', 'checkin/index'],
    },
    // 导入台账, 区级设置, 邀请成员, 用户管理 and 组织架构 (admins and supervisors, now and then).
    { root: 'packages/admin', pages: ['import/index', 'settings/index', 'invite/index', 'users/index', 'tree/index'] },
  ],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: '法治台账',
    navigationBarTextStyle: 'black',
    backgroundColor: '#f5f6f7',
    // H5 shows Taro's own title bar with a back button (WeChat always has its own).
    navigationStyle: 'default',
  },
});
