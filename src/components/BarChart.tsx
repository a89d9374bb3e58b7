import { Text, View } from '@tarojs/components';

export interface Bar {
  key: string;
  label: string;
  value: number;
  /** What to print beside the bar (worded figure); defaults to the value. */
  text?: string;
}

interface Props {
  bars: Bar[];
  onTap?: (key: string) => void;
  /** 'row': one labelled bar per line (sub-units); 'column': a compact column chart (months). */
  layout?: 'row' | 'column';
}

/**
 * Charts from plain views: they render the same in WeChat and the browser and cost the
 * main package nothing (no canvas, no chart library).
 */
export function BarChart({ bars, onTap, layout = 'row' }: Props) {
  const max = Math.max(1, ...bars.map((b) => b.value));
  if (layout === 'column') {
    return (
      <View className='columns'>
        {bars.map((b) => (
          <View key={b.key} className='columns__item' onClick={() => onTap?.(b.key)}>
            <Text className='columns__value'>{b.value ? (b.text ?? b.value) : ''}</Text>
            <View className='columns__track'>
              <View className='columns__bar' style={{ height: `${(b.value / max) * 100}%` }} />
            </View>
            <Text className='columns__label'>{b.label}</Text>
          </View>
        ))}
      </View>
    );
  }
  return (
    <View className='bars'>
      {bars.map((b) => (
        <View key={b.key} className='bars__row' onClick={() => onTap?.(b.key)}>
          <Text className='bars__label'>{b.label}</Text>
          <View className='bars__track'>
            <View className='bars__bar' style={{ width: `${(b.value / max) * 100}%` }} />
          </View>
          <Text className='bars__value'>{b.text ?? b.value}</Text>
        </View>
      ))}
    </View>
  );
}
