/** DOMAIN.md "How numbers are worded": what the report and the 汇总 page print. */
import { figuresOf } from '../../cloudfunctions/core/domain/figures/figures';
import { wordFigure } from '../../cloudfunctions/core/domain/figures/wording';
import { fenToYuanText, yuanToFen } from '../../types/money';

describe('wordFigure: activity counts, materials, person-times (round down, 余 when cut)', () => {
  test.each([
    [183, '场', '180余场'],
    [180, '场', '180场'],
    [99, '场', '99场'],
    [100, '场', '100场'],
    [999, '场', '990余场'],
    [1000, '人次', '1000人次'],
    [1530, '人次', '1500余人次'],
    [9999, '人次', '9900余人次'],
    [10000, '份', '10000份'],
    [36420, '份', '36000余份'],
    [36000, '份', '36000份'],
    [0, '场', '0场'],
  ])('%i %s → %s', (n, unit, text) => {
    const f = wordFigure(n, unit, 'round');
    expect(f.text).toBe(text);
    // The exact figure is always available beside the worded one.
    expect(f.exactText).toBe(`${n}${unit}`);
    expect(f.value).toBe(n);
  });
});

describe('wordFigure: cases and people are exact', () => {
  test.each([
    [4454, '件', '4454件'],
    [446, '人', '446人'],
    [1453, '件', '1453件'],
    [183, '件', '183件'],
  ])('%i %s → %s', (n, unit, text) => {
    const f = wordFigure(n, unit, 'exact');
    expect(f.text).toBe(text);
    expect(f.exactText).toBe(text);
  });
});

describe('wordFigure: money in 万元, rounded down, 余 when cut; exact yuan beside it', () => {
  test('68,357,200.37 yuan → 6835余万元', () => {
    const f = wordFigure(6_835_720_037, '万元', 'money');
    expect(f.text).toBe('6835余万元');
    expect(f.exactText).toBe('68357200.37元');
    expect(f.value).toBe(6_835_720_037);
  });

  test('68,350,000 yuan → 6835万元 (already round: no 余)', () => {
    const f = wordFigure(68_350_000 * 100, '万元', 'money');
    expect(f.text).toBe('6835万元');
    expect(f.exactText).toBe('68350000.00元');
  });

  test('one fen over a whole 万 is cut, so it gets 余', () => {
    expect(wordFigure(68_350_000 * 100 + 1, '万元', 'money').text).toBe('6835余万元');
  });

  test('below 1万元 the yuan are said, not 0余万元', () => {
    expect(wordFigure(5000 * 100, '万元', 'money').text).toBe('5000元');
    expect(wordFigure(5000 * 100 + 50, '万元', 'money').text).toBe('5000余元');
    expect(wordFigure(0, '万元', 'money').text).toBe('0元');
    expect(wordFigure(9999 * 100 + 99, '万元', 'money').text).toBe('9999余元');
    expect(wordFigure(10_000 * 100, '万元', 'money').text).toBe('1万元');
  });
});

describe('figuresOf: each report line worded by its kind', () => {
  test('the seed report’s figures come out as the report words them', () => {
    const f = figuresOf({ D1: 4454, D2: 6_835_720_037, D3: 1453, D4: 20, T1: 4, T2: 446, P1: 183, P2: 36420, P3: 412 });
    expect(f.D1.text).toBe('4454件');
    expect(f.D2.text).toBe('6835余万元');
    expect(f.D3.text).toBe('1453件');
    expect(f.D4.text).toBe('20面');
    expect(f.T1.text).toBe('4次');
    expect(f.T2.text).toBe('446人');
    expect(f.P1.text).toBe('180余场');
    expect(f.P2.text).toBe('36000余份');
    expect(f.P3.text).toBe('410余人次');
    expect(f.P1.exactText).toBe('183场');
  });

  test('a line with no records is zero, not missing', () => {
    const f = figuresOf({});
    expect(f.D1).toEqual({ value: 0, text: '0件', exactText: '0件' });
    expect(f.P1.text).toBe('0场');
  });
});

describe('money at the edges: yuan text ↔ integer fen', () => {
  test.each([
    ['68357200.37', 6_835_720_037],
    ['68,357,200.37', 6_835_720_037],
    ['1234.5', 123_450],
    ['0', 0],
    [' 12 ', 1200],
  ])('%s yuan → %i fen', (text, fen) => {
    expect(yuanToFen(text)).toBe(fen);
  });

  test.each(['-1', '1.234', 'abc', '', '1e5'])('%s is refused', (text) => {
    expect(yuanToFen(text)).toBeNull();
  });

  test('no floating-point drift: 0.29 yuan is 29 fen and prints back as 0.29', () => {
    expect(yuanToFen('0.29')).toBe(29);
    expect(fenToYuanText(29)).toBe('0.29');
    expect(fenToYuanText(100)).toBe('1.00');
  });
});
