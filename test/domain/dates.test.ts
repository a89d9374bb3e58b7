/** DOMAIN.md "Time": business dates are Beijing calendar dates; functions run in UTC. */
import { isRealDate, periodsOf, todayBeijing } from '../../types/dates';

describe('todayBeijing', () => {
  test('23:30 on 31 December in Beijing (15:30 UTC) is still 2024-12-31', () => {
    expect(todayBeijing(new Date('2024-12-31T15:30:00Z'))).toBe('2024-12-31');
  });

  test('00:30 on 1 January in Beijing (16:30 UTC the day before) is 2025-01-01', () => {
    expect(todayBeijing(new Date('2024-12-31T16:30:00Z'))).toBe('2025-01-01');
  });

  test('the Beijing day starts at 16:00 UTC', () => {
    expect(todayBeijing(new Date('2024-03-06T15:59:59.999Z'))).toBe('2024-03-06');
    expect(todayBeijing(new Date('2024-03-06T16:00:00Z'))).toBe('2024-03-07');
  });

  test('does not depend on the zone of the machine (TZ is not read)', () => {
    const instant = new Date('2024-12-31T16:30:00Z');
    const before = process.env.TZ;
    try {
      process.env.TZ = 'America/Los_Angeles';
      expect(todayBeijing(instant)).toBe('2025-01-01');
    } finally {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    }
  });
});

describe('periodsOf: the year, quarter and month a business date counts in', () => {
  test.each([
    ['2024-12-31', ['2024', '2024Q4', '2024-12']],
    ['2025-01-01', ['2025', '2025Q1', '2025-01']],
    ['2024-03-31', ['2024', '2024Q1', '2024-03']],
    ['2024-04-01', ['2024', '2024Q2', '2024-04']],
    ['2024-06-30', ['2024', '2024Q2', '2024-06']],
    ['2024-07-01', ['2024', '2024Q3', '2024-07']],
    ['2024-09-30', ['2024', '2024Q3', '2024-09']],
    ['2024-10-01', ['2024', '2024Q4', '2024-10']],
  ])('%s → %j', (date, periods) => {
    expect(periodsOf(date)).toEqual(periods);
  });
});

describe('isRealDate', () => {
  test.each(['2024-02-29', '2024-12-31', '2023-01-01'])('%s is a date', (s) => expect(isRealDate(s)).toBe(true));
  test.each(['2023-02-29', '2024-02-30', '2024-04-31', '2024-13-01', '2024-3-7', '2024/03/07', '', '2024-03-07T00:00'])(
    '%j is not',
    (s) => expect(isRealDate(s)).toBe(false),
  );
});
