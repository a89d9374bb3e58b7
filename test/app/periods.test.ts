/** Periods as the summary and report pages pick them. */
import { currentPeriods, joinPeriod, lockedPeriod, monthNumber, recentYears, splitPeriod, yearLabels } from '../../src/services/periods';

test('this year, quarter and month; the years a page offers, newest first', () => {
  expect(currentPeriods('2024-05-31')).toEqual({ year: '2024', quarter: '2024Q2', month: '2024-05' });
  expect(recentYears(3, '2024-01-01')).toEqual(['2024', '2023', '2022']);
  expect(yearLabels(['2024', '2023'])).toEqual({ 2024: '2024年', 2023: '2023年' });
});

test('a period key splits into its year and the part a picker shows, and joins back', () => {
  for (const [key, part] of [['2024', '全年'], ['2024Q2', 'Q2'], ['2024-03', '03']]) {
    expect(splitPeriod(key)).toEqual({ year: '2024', part });
    expect(joinPeriod('2024', part)).toBe(key);
  }
  expect(monthNumber('2024-03')).toBe('3');
});

test('未报送 for a whole year is this month\'s; a lock closes a month, else the whole year', () => {
  expect(lockedPeriod('2024-03')).toBe('2024-03');
  expect(lockedPeriod('2024Q1')).toBe('2024');
  expect(lockedPeriod('2024')).toBe('2024');
});
