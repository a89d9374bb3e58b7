export default definePageConfig({ navigationBarTitleText: '法治台账' });
