export default definePageConfig({ navigationBarTitleText: '人员信息' });
