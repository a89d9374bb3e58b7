import { Text, View } from '@tarojs/components';
import { memo } from 'react';
import type { RosterLine } from '../services/training';

interface Props {
  p: RosterLine;
  /** Its unit's name. */
  unit: string;
  /** Attendance: shows a tick box, ticked or not. Left out on the plain roster. */
  on?: boolean;
  onTap: (p: RosterLine) => void;
}

/**
 * One roster line (name, 法律明白人, unit, masked phone): plain views only, and re-rendered
 * only when its own props change, so a list of 500 stays quick to tick.
 */
export const PersonLine = memo(function PersonLineView({ p, unit, on, onTap }: Props) {
  return (
    <View id={`person-${p._id}`} className={`tick-row ${on ? 'tick-row--on' : ''}`} onClick={() => onTap(p)}>
      {on === undefined ? null : <View className='tick-box'>{on ? <Text>✓</Text> : null}</View>}
      <View className='tick-row__main'>
        <Text className='tick-row__name'>
          {p.name}
          {p.isLawPerson ? <Text className='badge badge--law'>法律明白人</Text> : null}
        </Text>
        <Text className='tick-row__meta'>
          {unit}
          {p.phone ? ` · ${p.phone}` : ''}
        </Text>
      </View>
    </View>
  );
});
