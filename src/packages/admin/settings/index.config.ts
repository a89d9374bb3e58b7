export default definePageConfig({ navigationBarTitleText: '区级设置' });
