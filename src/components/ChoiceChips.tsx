import { Text, View } from '@tarojs/components';

interface Props {
  options: readonly string[];
  value: string;
  onChange: (value: string) => void;
  /** Shown on the chip instead of the raw value, when they differ. */
  labels?: Partial<Record<string, string>>;
}

/** Large tap targets instead of a scroll picker: one tap, visible choices, kind to older eyes. */
export function ChoiceChips({ options, value, onChange, labels }: Props) {
  return (
    <View className='chips'>
      {options.map((o) => (
        <View key={o} className={`chip ${o === value ? 'chip--on' : ''}`} onClick={() => onChange(o)}>
          <Text>{labels?.[o] ?? o}</Text>
        </View>
      ))}
    </View>
  );
}
