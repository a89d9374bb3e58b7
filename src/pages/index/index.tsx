import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useEffect } from 'react';
import { homeTiles, type HomeTile } from '../../../types/home';
import { ROLE_LABELS } from '../../../types/org';
import { OutboxBanner } from '../../components/OutboxBanner';
import { CasesToFixCard } from '../../components/CasesToFixCard';
import { FlaggedCard } from '../../components/FlaggedCard';
import { DueCard } from '../../components/DueCard';
import { ReportingCard } from '../../components/ReportingCard';
import { StateView } from '../../components/StateView';
import { useMe } from '../../hooks/useMe';
import { demoUser } from '../../services/demo-session';
import { signOutHere, useDeploymentMode } from '../../services/deployment';
import { PAGES } from '../../services/routes';
import { unitNamer } from '../../services/units';

/** What each tile says and opens; who gets it is `homeTiles` (types/home.ts). */
const TILES: Record<HomeTile, { title: string; hint: string; url: string }> = {
  disputeForm: { title: '登记纠纷', hint: '记录一起矛盾纠纷', url: PAGES.disputeForm },
  myLedger: { title: '我的台账', hint: '查看、修改我登记的案件', url: PAGES.myLedger },
  screening: { title: '矛盾纠纷排查', hint: '登记每次排查:发现纠纷、预防纠纷件数', url: PAGES.screeningList },
  trainings: { title: '培训', hint: '培训会登记、签到', url: PAGES.trainingList },
  roster: { title: '名册', hint: '法律明白人名册:查找、添加人员', url: PAGES.roster },
  publicity: { title: '宣传活动', hint: '登记普法宣传活动', url: PAGES.publicityList },
  summary: { title: '汇总', hint: '本辖区各项数字', url: PAGES.summary },
  report: { title: '年度报告', hint: '年度法治数据:复制报告段落,导出Excel、Word', url: PAGES.report },
  review: { title: '报送审核', hint: '各单位月报:审核通过、退回,提醒未上报单位,报送及时率', url: PAGES.review },
  stats: { title: '统计报表', hint: '人民调解月度、季度、年度统计表:同比环比,导出报送', url: PAGES.stats },
  ledgerImport: { title: '导入台账', hint: '导入已有的Excel台账:单位、纠纷、培训、签到、宣传活动', url: PAGES.ledgerImport },
  settings: { title: '区级设置', hint: '纠纷类型列表、案件修改权限', url: PAGES.settings },
  tree: { title: '组织架构', hint: '添加、改名、移动、撤销单位', url: PAGES.tree },
  invite: { title: '邀请成员', hint: '生成邀请链接、二维码,让新成员加入', url: PAGES.invite },
  users: { title: '用户管理', hint: '成员的角色、单位,停用账号,重设密码', url: PAGES.users },
};

export default function Home() {
  const me = useMe();
  const mode = useDeploymentMode();
  useDidShow(() => {
    if (process.env.TARO_ENV === 'h5' && !demoUser()) Taro.redirectTo({ url: PAGES.signIn });
  });
  // npm run serve: a session that ended (30 days unused, signed out elsewhere) signed this browser out (backend.ts): sign in again.
  useEffect(() => {
    if (process.env.TARO_ENV === 'h5' && me.error && !demoUser()) Taro.redirectTo({ url: PAGES.signIn });
  }, [me.error]);
  const signOut = async () => {
    const r = await Taro.showModal({ title: '退出登录', content: '退出后需用手机号和密码重新登录。', confirmText: '退出' });
    if (!r.confirm) return;
    await signOutHere();
    Taro.reLaunch({ url: PAGES.signIn });
  };
  const unitName = unitNamer(me.data);
  const tiles = homeTiles(me.data?.user.roles.map((g) => g.role) ?? []).map((t) => TILES[t]);

  return (
    <View className='page'>
      {mode === 'demo' ? (
        <View className='notice' id='demo-mark'>
          <Text>演示模式:示范区演示数据,任何人都可以选择任一演示用户。正式使用请运行 npm run serve。</Text>
        </View>
      ) : null}
      <StateView loading={me.loading && !me.data} error={me.error} onRetry={me.retry} />
      {me.data ? (
        <View className='card who'>
          <Text className='who__name'>{me.data.user.name}</Text>
          <Text className='who__roles'>
            {me.data.user.roles.map((g) => `${ROLE_LABELS[g.role]} · ${unitName(g.unitId)}`).join(';')}
          </Text>
          {mode === 'demo' ? (
            <Text className='link' onClick={() => Taro.navigateTo({ url: PAGES.signIn })}>切换演示用户</Text>
          ) : null}
          {mode === 'session' ? (
            <Text className='link' id='sign-out' onClick={signOut}>退出登录</Text>
          ) : null}
        </View>
      ) : null}
      <OutboxBanner />
      {me.data ? <ReportingCard /> : null}
      {me.data ? <FlaggedCard /> : null}
      {me.data ? <CasesToFixCard /> : null}
      {me.data ? <DueCard /> : null}
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
