export default definePageConfig({ navigationBarTitleText: '报送审核' });
