import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import './FlaggedCard.css';
import { beijingDateTime } from '../../types/dates';
import { useRemote } from '../hooks/useRemote';
import { flaggedLine, getFlagged } from '../services/alerts';
import { acceptReminders } from '../services/reporting';
import { PAGES } from '../services/routes';
import { toastError } from '../services/toast';

/**
 * A supervisor's 重大/群体性纠纷 on the home page: how many flagged cases are still 在办 in their
 * reach, the latest notices, and (tap) the list, each line opening the case. On WeChat,
 * 接收微信通知 lets the next flagged case reach them as a 订阅消息. Nothing when there are none.
 */
export function FlaggedCard() {
  const view = useRemote(getFlagged, []);
  const [open, setOpen] = useState(false);
  const v = view.data;
  if (!v || (!v.total && !v.push)) return null;

  const subscribe = async (templateId: string) => {
    try {
      if (await acceptReminders(templateId, 'flag')) {
        Taro.showToast({ title: '已开启微信通知', icon: 'success' });
        view.reload();
      }
    } catch (err) {
      toastError(err);
    }
  };

  return (
    <View className='card' id='flagged-card'>
      <View className='kv' id='flagged-count' onClick={() => setOpen(!open)}>
        <Text className='flagged__title'>重大/群体性纠纷 {v.total} 件</Text>
        <Text className='link'>{open ? '收起' : '查看'}</Text>
      </View>
      <Text className='muted'>辖区内在办的群体性、可能激化纠纷,结案后移出</Text>
      {v.notices.map((n) => (
        <View key={n._id} className='notice' onClick={() => Taro.navigateTo({ url: `${PAGES.disputeDetail}?id=${n.disputeId}` })}>
          <Text>{n.text}</Text>
          <Text className='muted'>{beijingDateTime(n.at)}</Text>
        </View>
      ))}
      {open
        ? v.items.map((d) => (
            <View key={d._id} className='flagged__item kv' onClick={() => Taro.navigateTo({ url: `${PAGES.disputeDetail}?id=${d._id}` })}>
              <Text>{flaggedLine(d)}</Text>
              <Text className='link'>查看</Text>
            </View>
          ))
        : null}
      {open && v.total > v.items.length ? <Text className='muted'>仅列出最近 {v.items.length} 件</Text> : null}
      {v.push ? (
        <View>
          <Button className='btn btn--plain' id='accept-flag-push' onClick={() => subscribe(v.push!.templateId)}>接收微信通知</Button>
          <Text className='muted'>{v.push.remaining ? `可再收到 ${v.push.remaining} 次通知;` : ''}每同意一次,可在微信里收到一次重大纠纷通知</Text>
        </View>
      ) : null}
    </View>
  );
}
