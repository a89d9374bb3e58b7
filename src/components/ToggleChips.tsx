import { Text, View } from '@tarojs/components';

interface Props {
  options: readonly string[];
  /** The options switched on. */
  on: readonly string[];
  onToggle: (option: string) => void;
}

/** ChoiceChips for a set of yes/no flags: each chip switches on and off by itself, several may be on. */
export function ToggleChips({ options, on, onToggle }: Props) {
  return (
    <View className='chips'>
      {options.map((o) => (
        <View key={o} className={`chip ${on.includes(o) ? 'chip--on' : ''}`} onClick={() => onToggle(o)}>
          <Text>{o}</Text>
        </View>
      ))}
    </View>
  );
}
