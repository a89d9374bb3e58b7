export default definePageConfig({ navigationBarTitleText: '名册', enablePullDownRefresh: true });
