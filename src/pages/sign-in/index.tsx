import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { ROLE_LABELS, type Role } from '../../../types/org';
import { StateView } from '../../components/StateView';
import { useRemote } from '../../hooks/useRemote';
import { fetchDemoUsers } from '../../services/backend';
import { demoUser, signInAs } from '../../services/demo-session';
import { forgetMe } from '../../services/ledger';
import { PAGES } from '../../services/routes';
import { outbox } from '../../services/sync';

/** Local build only: pick who you are. In WeChat the platform knows. */
export default function SignIn() {
  const users = useRemote(fetchDemoUsers);
  const current = demoUser();
  const choose = async (openid: string) => {
    // Queued writes keep the identity that made them, but the user should know they wait.
    const waiting = outbox.pending();
    if (waiting && openid !== current) {
      const r = await Taro.showModal({
        title: `还有 ${waiting} 条待上传`,
        content: '这些记录保存在本机,联网后仍以原登记人身份上传,不会丢失。确定切换用户吗?',
        confirmText: '切换',
      });
      if (!r.confirm) return;
    }
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
