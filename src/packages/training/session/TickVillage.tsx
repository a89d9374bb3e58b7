import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { byTick } from '../../../services/attendance-filter';
import type { RosterLine } from '../../../services/training';

interface Props {
  villageName: string;
  /** Everyone of the village on this page (search aside). */
  people: readonly RosterLine[];
  present: ReadonlySet<string>;
  /** The single tick's path (outbox, idempotent): called once per unticked person. */
  tick: (p: RosterLine) => void;
}

/** 全村签到: after a modal naming the count, every unticked person of the village picked is ticked, one tick each. */
export function TickVillage({ villageName, people, present, tick }: Props) {
  const unticked = byTick(people, present, '未签到');

  const tickAll = async () => {
    const { confirm } = await Taro.showModal({
      title: '全村签到',
      content: `为「${villageName}」未签到的 ${unticked.length} 人签到?`,
      confirmText: '签到',
    });
    if (confirm) unticked.forEach(tick);
  };

  return (
    <View className='count-bar'>
      <Text id='village-count' className='count-bar__n'>
        {villageName} 已签到 {people.length - unticked.length} / {people.length} 人
      </Text>
      {unticked.length ? (
        <Button id='tick-village' className='btn btn--primary' onClick={tickAll}>全村签到</Button>
      ) : null}
    </View>
  );
}
