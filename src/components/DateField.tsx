import { Picker, Text, View } from '@tarojs/components';
import { todayBeijing } from '../../types/dates';

interface Props {
  value: string;
  onChange: (date: string) => void;
  id?: string;
}

/**
 * A date, never later than today. WeChat gets its native date picker; the browser
 * build gets the phone browser's own date input, which is just as native there.
 */
export function DateField({ value, onChange, id }: Props) {
  const today = todayBeijing();
  if (process.env.TARO_ENV === 'h5') {
    return (
      <input
        id={id}
        className='input date-input'
        type='date'
        value={value}
        max={today}
        onChange={(e) => onChange(e.target.value)}
      />
    );
  }
  return (
    <Picker mode='date' value={value} end={today} onChange={(e) => onChange(String(e.detail.value))}>
      <View className='input picker-value'>
        <Text>{value || '请选择日期'}</Text>
      </View>
    </Picker>
  );
}
