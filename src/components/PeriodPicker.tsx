import { View } from '@tarojs/components';
import { joinPeriod, recentYears, splitPeriod, WHOLE_YEAR, yearLabels } from '../services/periods';
import { ChoiceChips } from './ChoiceChips';

const QUARTERS = ['Q1', 'Q2', 'Q3', 'Q4'];
const MONTHS = Array.from({ length: 12 }, (_, i) => String(i + 1).padStart(2, '0'));

/** Year, then whole year / a quarter / a month: the periods the rollups keep. */
export function PeriodPicker({ value, onChange }: { value: string; onChange: (period: string) => void }) {
  const years = recentYears(3);
  const { year, part } = splitPeriod(value);
  return (
    <View className='period'>
      <ChoiceChips options={years} value={year} labels={yearLabels(years)} onChange={(y) => onChange(joinPeriod(y, part))} />
      <ChoiceChips
        options={[WHOLE_YEAR, ...QUARTERS, ...MONTHS]}
        value={part}
        labels={Object.fromEntries([...QUARTERS.map((q) => [q, `${q.slice(1)}季度`]), ...MONTHS.map((m) => [m, `${Number(m)}月`])])}
        onChange={(p) => onChange(joinPeriod(year, p))}
      />
    </View>
  );
}
