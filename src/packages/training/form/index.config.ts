export default definePageConfig({ navigationBarTitleText: '培训登记' });
