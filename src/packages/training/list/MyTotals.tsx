import { Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { RECORDERS, type Me } from '../../../../types/org';
import { useRemote } from '../../../hooks/useRemote';
import { myTotals, totalsText } from '../../../services/trainer-work';
import { unitsFor } from '../../../services/units';

/** 今年:培训 N 场,覆盖 M 人, for whoever records sessions; read again each time the list shows (after ticking). */
export function MyTotals({ me }: { me?: Me }) {
  const records = !!me && unitsFor(me, RECORDERS.training).length > 0;
  const totals = useRemote(() => (records ? myTotals() : Promise.resolve(undefined)), [records]);
  useDidShow(() => totals.reload());
  if (!totals.data) return null;
  return (
    <View className='card'>
      <Text id='my-totals' className='section-title'>{totalsText(totals.data)}</Text>
    </View>
  );
}
