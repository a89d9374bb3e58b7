import { View } from '@tarojs/components';
import { todayBeijing } from '../../types/dates';
import { ChoiceChips } from './ChoiceChips';

const WHOLE_YEAR = '全年';
const QUARTERS = ['Q1', 'Q2', 'Q3', 'Q4'];
const MONTHS = Array.from({ length: 12 }, (_, i) => String(i + 1).padStart(2, '0'));

/** Splits '2024', '2024Q2', '2024-03' into its year and the part within it. */
export function splitPeriod(period: string): { year: string; part: string } {
  const year = period.slice(0, 4);
  return { year, part: period.length === 4 ? WHOLE_YEAR : period.includes('Q') ? period.slice(4) : period.slice(5) };
}

function joinPeriod(year: string, part: string): string {
  return part === WHOLE_YEAR ? year : part.startsWith('Q') ? `${year}${part}` : `${year}-${part}`;
}

/** Year, then whole year / a quarter / a month: the periods the rollups keep. */
export function PeriodPicker({ value, onChange }: { value: string; onChange: (period: string) => void }) {
  const thisYear = Number(todayBeijing().slice(0, 4));
  const years = [thisYear, thisYear - 1, thisYear - 2].map(String);
  const { year, part } = splitPeriod(value);
  return (
    <View className='period'>
      <ChoiceChips options={years} value={year} labels={Object.fromEntries(years.map((y) => [y, `${y}年`]))} onChange={(y) => onChange(joinPeriod(y, part))} />
      <ChoiceChips
        options={[WHOLE_YEAR, ...QUARTERS, ...MONTHS]}
        value={part}
        labels={Object.fromEntries([...QUARTERS.map((q) => [q, `${q.slice(1)}季度`]), ...MONTHS.map((m) => [m, `${Number(m)}月`])])}
        onChange={(p) => onChange(joinPeriod(year, p))}
      />
    </View>
  );
}
