const h5 = process.env.TARO_ENV === 'h5';

export default defineAppConfig({
  pages: [
    'pages/index/index',
    'pages/dispute-form/index',
    'pages/my-ledger/index',
    // The local demo sign-in exists only in the browser build; WeChat signs users in itself.
    ...(h5 ? ['pages/sign-in/index'] : []),
  ],
  // Supervisor pages are not needed at launch: a subpackage keeps the main package small.
  subPackages: [
    { root: 'packages/ledger', pages: ['dispute/index'] },
    { root: 'packages/supervisor', pages: ['summary/index'] },
  ],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: '法治台账',
    navigationBarTextStyle: 'black',
    backgroundColor: '#f5f6f7',
  },
});
