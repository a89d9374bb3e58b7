import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { beijingDateTime, periodLabel } from '../../types/dates';
import { useRemote } from '../hooks/useRemote';
import { acceptReminders, dueText, getMyReporting, stateText, submitMonth } from '../services/reporting';
import { toastError } from '../services/toast';

/**
 * The home page's 月报 card for the people of a unit that reports: where last month stands
 * (未上报 / 待审核 / 审核通过 / 已退回 with the reason), 上报 and 本月无纠纷 in one tap, and the
 * unit's notices (提醒报送, 退回), and on WeChat 接收微信提醒 (a 订阅消息 for the next reminder).
 * Shows nothing for those whose units do not report.
 */
export function ReportingCard() {
  const view = useRemote(() => getMyReporting(), []);
  const [busy, setBusy] = useState(false);
  const v = view.data;
  if (!v?.units.length) return null;

  const submit = async (unitId: string, zero: boolean) => {
    if (zero) {
      const r = await Taro.showModal({ title: '本月无纠纷', content: `确认${periodLabel(v.period)}没有受理纠纷,上报零报告?`, confirmText: '确认上报' });
      if (!r.confirm) return;
    }
    setBusy(true);
    try {
      await submitMonth(unitId, v.period, zero);
      Taro.showToast({ title: '已上报', icon: 'success' });
      view.reload();
    } catch (err) {
      toastError(err);
    } finally {
      setBusy(false);
    }
  };

  const subscribe = async (templateId: string) => {
    try {
      const offer = await acceptReminders(templateId);
      if (offer) {
        Taro.showToast({ title: '已开启微信提醒', icon: 'success' });
        view.reload();
      }
    } catch (err) {
      toastError(err);
    }
  };

  return (
    <View className='card reporting' id='reporting-card'>
      <Text className='section-title'>{periodLabel(v.period)}月报 · 请于{dueText(v.dueDate)}上报</Text>
      {v.units.map((u) => (
        <View key={u.unitId} className='reporting__unit'>
          <Text className='reporting__state' id={`reporting-state-${u.unitId}`}>
            {v.units.length > 1 ? `${u.name}:` : ''}
            {stateText(u)}
            {u.state === 'none' || u.state === 'returned' ? ` · 本月受理 ${u.accepted} 件` : ''}
          </Text>
          {u.state === 'returned' && u.reason ? (
            <Text className='reporting__reason field__error' id={`reporting-reason-${u.unitId}`}>退回原因:{u.reason}</Text>
          ) : null}
          {u.state === 'none' || u.state === 'returned' ? (
            <View className='reporting__actions'>
              <Button className='btn btn--primary' id={`submit-month-${u.unitId}`} disabled={busy || undefined} onClick={() => submit(u.unitId, false)}>
                {u.state === 'returned' ? '修改后重新上报' : '上报'}
              </Button>
              {u.accepted === 0 ? (
                <Button className='btn btn--plain' id={`zero-month-${u.unitId}`} disabled={busy || undefined} onClick={() => submit(u.unitId, true)}>本月无纠纷</Button>
              ) : null}
            </View>
          ) : null}
        </View>
      ))}
      {v.notices.map((n) => (
        <View key={n._id} className='notice reporting__notice'>
          <Text>{n.text}</Text>
          <Text className='muted'>{n.byName} · {beijingDateTime(n.at)}</Text>
        </View>
      ))}
      {v.push ? (
        <View className='reporting__push'>
          <Button className='btn btn--plain' id='accept-reminders' onClick={() => subscribe(v.push!.templateId)}>接收微信提醒</Button>
          <Text className='muted'>{v.push.remaining ? `可再收到 ${v.push.remaining} 次提醒;` : ''}每同意一次,可在微信里收到一次提醒报送</Text>
        </View>
      ) : null}
    </View>
  );
}
