/** DOMAIN.md "Time": business dates are Beijing calendar dates; functions run in UTC. */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { addDays, beijingDateTime, isRealDate, periodRange, periodsOf, todayBeijing } from '../../types/dates';

/** What the zone tests call; todayBeijing's argument is an ISO instant, so that a call travels as JSON. */
const ZONED = {
  todayBeijing: (iso: string) => todayBeijing(new Date(iso)),
  beijingDateTime,
  addDays,
  periodRange,
};
type Call = { [F in keyof typeof ZONED]: [F, ...Parameters<(typeof ZONED)[F]>] }[keyof typeof ZONED];

const callHere = (calls: Call[]) => calls.map(([fn, ...args]) => (ZONED[fn] as (...a: unknown[]) => unknown)(...args));

/**
 * The same calls in a Node process, once in each zone. Not by setting process.env.TZ in this
 * test: jest gives each test file its own copy of process.env, so the clock never sees it.
 */
function inZones(zones: string[], calls: Call[]): Promise<Record<string, unknown[]>> {
  const child = `
    const d = require('./types/dates');
    const { zones, calls } = JSON.parse(require('node:fs').readFileSync(0, 'utf8'));
    const out = {};
    for (const tz of zones) {
      process.env.TZ = tz;
      const dst = new Date(Date.UTC(2024, 0)).getTimezoneOffset() !== new Date(Date.UTC(2024, 6)).getTimezoneOffset();
      // A zone whose offset never changes would prove nothing about daylight saving.
      if (!dst && tz !== 'Asia/Shanghai') throw new Error(tz + ': no daylight saving in this Node');
      out[tz] = calls.map(([fn, ...args]) => (fn === 'todayBeijing' ? d.todayBeijing(new Date(args[0])) : d[fn](...args)));
    }
    process.stdout.write(JSON.stringify(out));`;
  return new Promise((resolve, reject) => {
    const proc = execFile(
      process.execPath,
      ['--import', 'tsx', '-e', child],
      { cwd: path.join(__dirname, '../..'), maxBuffer: 1 << 24 },
      (err, stdout) => (err ? reject(err) : resolve(JSON.parse(stdout) as Record<string, unknown[]>)),
    );
    proc.stdin!.end(JSON.stringify({ zones, calls }));
  });
}

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

  test('does not depend on the zone of the machine (TZ is not read)', async () => {
    const { 'America/Los_Angeles': la } = await inZones(['America/Los_Angeles'], [['todayBeijing', '2024-12-31T16:30:00Z']]);
    expect(la).toEqual(['2025-01-01']);
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

describe('periodRange: first and last calendar date of a period', () => {
  test.each([
    ['2024-01', '2024-01-01', '2024-01-31'],
    ['2024-02', '2024-02-01', '2024-02-29'],
    ['2023-02', '2023-02-01', '2023-02-28'],
    ['2000-02', '2000-02-01', '2000-02-29'],
    ['2100-02', '2100-02-01', '2100-02-28'],
    ['2024-03', '2024-03-01', '2024-03-31'],
    ['2024-04', '2024-04-01', '2024-04-30'],
    ['2024-05', '2024-05-01', '2024-05-31'],
    ['2024-06', '2024-06-01', '2024-06-30'],
    ['2024-07', '2024-07-01', '2024-07-31'],
    ['2024-08', '2024-08-01', '2024-08-31'],
    ['2024-09', '2024-09-01', '2024-09-30'],
    ['2024-10', '2024-10-01', '2024-10-31'],
    ['2024-11', '2024-11-01', '2024-11-30'],
    ['2024-12', '2024-12-01', '2024-12-31'],
    ['2024Q1', '2024-01-01', '2024-03-31'],
    ['2024Q2', '2024-04-01', '2024-06-30'],
    ['2024Q3', '2024-07-01', '2024-09-30'],
    ['2024Q4', '2024-10-01', '2024-12-31'],
    ['2024', '2024-01-01', '2024-12-31'],
    ['2023', '2023-01-01', '2023-12-31'],
  ])('%s is %s … %s', (period, from, to) => {
    expect(periodRange(period)).toEqual({ from, to });
  });

  test('every period from 1999 to 2101 starts and ends on real dates, and holds exactly the days periodsOf counts in it', () => {
    for (let y = 1999; y <= 2101; y++) {
      const periods = [String(y), ...[1, 2, 3, 4].map((q) => `${y}Q${q}`), ...Array.from({ length: 12 }, (_, m) => `${y}-${String(m + 1).padStart(2, '0')}`)];
      for (const period of periods) {
        const { from, to } = periodRange(period);
        expect([period, isRealDate(from), isRealDate(to)]).toEqual([period, true, true]);
        expect(periodsOf(from)).toContain(period);
        expect(periodsOf(to)).toContain(period);
        expect(periodsOf(addDays(from, -1))).not.toContain(period);
        expect(periodsOf(addDays(to, 1))).not.toContain(period);
      }
    }
  });

  test.each(['', '24', '2024Q5', '2024-13', '2024-3', '2024-03-01', 'Q1'])('%j is not a period key: an error, not a made-up range', (period) => {
    expect(() => periodRange(period)).toThrow('not a period key');
  });
});

describe('addDays', () => {
  test.each([
    ['2024-02-28', 1, '2024-02-29'],
    ['2024-02-29', 1, '2024-03-01'],
    ['2023-02-28', 1, '2023-03-01'],
    ['2024-12-31', 1, '2025-01-01'],
    ['2025-01-01', -1, '2024-12-31'],
    ['2024-03-01', -1, '2024-02-29'],
    ['2024-01-31', 30, '2024-03-01'],
    ['2024-01-01', 366, '2025-01-01'],
    ['2024-03-07', 0, '2024-03-07'],
  ])('%s + %i days is %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });
});

describe('beijingDateTime: an audit instant as Beijing wall-clock time', () => {
  test.each([
    ['2024-12-31T15:30:00.000Z', '2024-12-31 23:30'],
    ['2024-12-31T16:00:00.000Z', '2025-01-01 00:00'],
    ['2024-02-28T16:59:59.999Z', '2024-02-29 00:59'],
    ['2024-03-10T02:30:00.000Z', '2024-03-10 10:30'],
  ])('%s is %s', (iso, text) => {
    expect(beijingDateTime(iso)).toBe(text);
  });
});

describe('the machine\'s zone is never read', () => {
  const hours = Array.from({ length: 366 * 24 }, (_, i) => new Date(Date.UTC(2024, 0, 1) + i * 3_600_000).toISOString());
  const calls: Call[] = [
    ...hours.map((iso): Call => ['todayBeijing', iso]),
    ...hours.map((iso): Call => ['beijingDateTime', iso]),
    ...Array.from({ length: 366 }, (_, i): Call => ['addDays', '2024-01-01', i]),
    ...Array.from({ length: 366 }, (_, i): Call => ['addDays', '2024-12-31', -i]),
    ...['2024', '2024Q1', '2024Q4', '2024-02', '2024-03', '2024-10', '2024-11'].map((p): Call => ['periodRange', p]),
  ];

  // Zones with daylight saving in March/April and October/November (Lord Howe's is 30
  // minutes), and Beijing's own.
  test('every hour of 2024, a year of days and the periods come out the same in zones with daylight saving', async () => {
    const zones = ['America/Los_Angeles', 'Europe/Berlin', 'Australia/Lord_Howe', 'Asia/Shanghai'];
    const here = callHere(calls);
    expect(await inZones(zones, calls)).toEqual(Object.fromEntries(zones.map((tz) => [tz, here])));
  }, 30_000);
});
