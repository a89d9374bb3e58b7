import { Picker, Text, View } from '@tarojs/components';
import { addDays, todayBeijing } from '../../types/dates';

interface Props {
  value: string;
  onChange: (date: string) => void;
  id?: string;
  /** 'month' picks 'YYYY-MM'. */
  fields?: 'day' | 'month';
  placeholder?: string;
  /** A date agreed for later (a 履行期限): the future may be picked too; a number: up to that many days ahead (a session prepared ahead). */
  ahead?: boolean | number;
}

/**
 * A date, never later than today (unless `ahead`). WeChat gets its native date picker; the browser
 * build gets the phone browser's own date input, which is just as native there.
 */
export function DateField({ value, onChange, id, fields = 'day', placeholder = '请选择日期', ahead }: Props) {
  const latest = ahead === true ? undefined : addDays(todayBeijing(), ahead || 0).slice(0, fields === 'month' ? 7 : 10);
  if (process.env.TARO_ENV === 'h5') {
    return (
      <input
        id={id}
        className='input date-input'
        type={fields === 'month' ? 'month' : 'date'}
        value={value}
        max={latest}
        onChange={(e) => onChange(e.target.value)}
      />
    );
  }
  return (
    <Picker mode='date' fields={fields} value={value} end={latest} onChange={(e) => onChange(String(e.detail.value))}>
      <View className='input picker-value'>
        <Text>{value || placeholder}</Text>
      </View>
    </Picker>
  );
}
