export default definePageConfig({ navigationBarTitleText: '登记排查' });
