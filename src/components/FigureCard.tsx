import { Text, View } from '@tarojs/components';
import type { Figure } from '../../types/metrics';

interface Props {
  id?: string;
  label: string;
  figure: Figure;
  /** A line under the figure: what it compares with (同比). */
  compare?: string;
  onClick?: () => void;
}

/** A report figure as the report words it, with the exact value beside it. */
export function FigureCard({ id, label, figure, compare, onClick }: Props) {
  return (
    <View id={id} className='figure' onClick={onClick}>
      <Text className='figure__label'>{label}</Text>
      <Text className='figure__text'>{figure.text}</Text>
      {figure.exactText !== figure.text ? <Text className='figure__exact'>精确值 {figure.exactText}</Text> : null}
      {compare ? <Text className='figure__yoy'>{compare}</Text> : null}
    </View>
  );
}
