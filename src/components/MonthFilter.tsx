import { Text, View } from '@tarojs/components';
import { DateField } from './DateField';
import { Field } from './Field';

interface Props {
  /** The month box's id; its clear link is `${id}-clear`. */
  id: string;
  label?: string;
  /** 'YYYY-MM', or '' for all months. */
  value: string;
  onChange: (month: string) => void;
}

/**
 * A list's month filter, labelled. With no month chosen it reads 全部月份 (WeChat's picker shows it
 * in its box; the browser's month box cannot hold a placeholder, so it stands beside it); with
 * one chosen, 全部月份 is the link back.
 */
export function MonthFilter({ id, label = '月份', value, onChange }: Props) {
  return (
    <Field label={label}>
      <View className='filter-month'>
        <DateField id={id} fields='month' value={value} placeholder='全部月份' onChange={onChange} />
        {value ? (
          <Text id={`${id}-clear`} className='link' onClick={() => onChange('')}>全部月份</Text>
        ) : process.env.TARO_ENV === 'h5' ? (
          <Text className='muted'>全部月份</Text>
        ) : null}
      </View>
    </Field>
  );
}
