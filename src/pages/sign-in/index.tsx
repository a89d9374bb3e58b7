import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { ROLE_LABELS, type Role } from '../../../types/org';
import { StateView } from '../../components/StateView';
import { useRemote } from '../../hooks/useRemote';
import { fetchDemoUsers } from '../../services/backend';
import { demoUser, signInAs } from '../../services/demo-session';
import { forgetMe } from '../../services/ledger';
import { PAGES } from '../../services/routes';

/** Local build only: pick who you are. In WeChat the platform knows. */
export default function SignIn() {
  const users = useRemote(fetchDemoUsers);
  const current = demoUser();
  const choose = (openid: string) => {
    signInAs(openid);
    forgetMe();
    Taro.reLaunch({ url: PAGES.home });
  };
  return (
    <View className='page'>
      <View className='notice'>
        <Text>本机演示环境:请选择以哪位用户的身份使用。微信小程序中由微信识别身份,没有此页面。</Text>
      </View>
      <StateView loading={users.loading} error={users.error} onRetry={users.reload} />
      {users.data?.map((u) => (
        <View key={u.openid} className={`tile ${u.openid === current ? 'tile--on' : ''}`} onClick={() => choose(u.openid)}>
          <Text className='tile__title'>{u.name}</Text>
          <Text className='tile__hint'>
            {u.roles.map((r, i) => `${ROLE_LABELS[r as Role] ?? r} · ${u.units[i]}`).join(';')}
          </Text>
        </View>
      ))}
    </View>
  );
}
