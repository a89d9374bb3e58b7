export default definePageConfig({ navigationBarTitleText: '数字明细' });
