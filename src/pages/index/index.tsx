import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { ROLE_LABELS, type Role } from '../../../types/org';
import { OutboxBanner } from '../../components/OutboxBanner';
import { StateView } from '../../components/StateView';
import { useRemote } from '../../hooks/useRemote';
import { demoUser } from '../../services/demo-session';
import { whoami } from '../../services/ledger';
import { PAGES } from '../../services/routes';

interface Tile {
  title: string;
  hint: string;
  url: string;
  roles: Role[];
}

const TILES: Tile[] = [
  { title: '登记纠纷', hint: '记录一起矛盾纠纷', url: PAGES.disputeForm, roles: ['mediator'] },
  { title: '我的台账', hint: '查看、修改我登记的案件', url: PAGES.myLedger, roles: ['mediator'] },
  { title: '培训', hint: '培训会登记、签到', url: PAGES.trainingList, roles: ['trainer'] },
  { title: '名册', hint: '法律明白人名册:查找、添加人员', url: PAGES.roster, roles: ['trainer', 'mediator'] },
  { title: '宣传活动', hint: '登记普法宣传活动', url: PAGES.publicityList, roles: ['trainer', 'mediator'] },
  { title: '汇总', hint: '本辖区各项数字', url: PAGES.summary, roles: ['supervisor', 'admin'] },
  { title: '年度报告', hint: '年度法治数据:复制报告段落,导出Excel、Word', url: PAGES.report, roles: ['supervisor', 'admin'] },
  { title: '导入台账', hint: '导入已有的Excel台账:单位、纠纷、培训、签到、宣传活动', url: PAGES.ledgerImport, roles: ['admin', 'supervisor'] },
  { title: '区级设置', hint: '纠纷类型列表、案件修改权限', url: PAGES.settings, roles: ['admin'] },
];

export default function Home() {
  const me = useRemote(whoami);
  useDidShow(() => {
    if (process.env.TARO_ENV === 'h5' && !demoUser()) Taro.redirectTo({ url: PAGES.signIn });
  });
  const roles = new Set(me.data?.user.roles.map((g) => g.role));
  const unitName = (id: string) => me.data?.units.find((u) => u._id === id)?.name ?? id;
  const tiles = TILES.filter((t) => t.roles.some((r) => roles.has(r)));

  return (
    <View className='page'>
      <StateView loading={me.loading && !me.data} error={me.error} onRetry={me.reload} />
      {me.data ? (
        <View className='card who'>
          <Text className='who__name'>{me.data.user.name}</Text>
          <Text className='who__roles'>
            {me.data.user.roles.map((g) => `${ROLE_LABELS[g.role]} · ${unitName(g.unitId)}`).join(';')}
          </Text>
          {process.env.TARO_ENV === 'h5' ? (
            <Text className='link' onClick={() => Taro.navigateTo({ url: PAGES.signIn })}>切换演示用户</Text>
          ) : null}
        </View>
      ) : null}
      <OutboxBanner />
      {tiles.map((t) => (
        <View key={t.url} className='tile' onClick={() => Taro.navigateTo({ url: t.url })}>
          <Text className='tile__title'>{t.title}</Text>
          <Text className='tile__hint'>{t.hint}</Text>
        </View>
      ))}
      {me.data && !tiles.length ? <StateView empty='您的角色暂无可用功能' /> : null}
    </View>
  );
}
