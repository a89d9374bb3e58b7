/** The near-match rules (domain/person.ts): a phone one slip away, a name one character apart, a name spelled otherwise. */
import { nameKey, nearName, phoneTypos } from '../../cloudfunctions/core/domain/person';

test('a mobile\'s slips: each digit but the leading 1 wrong once, and each adjacent pair swapped', () => {
  const typos = phoneTypos('13800138001');
  expect(typos).toContain('13800138007');
  expect(typos).toContain('13800183001');
  expect(typos).toContain('18300138001');
  expect(typos).not.toContain('13800138001');
  expect(typos).not.toContain('31800138001');
  expect(typos).not.toContain('13800131101');
  // 10 digits × 9 others, and the 7 swaps of unequal neighbours (3-8, 8-0, 0-1, 1-3, 3-8, 8-0, 0-1).
  expect(typos).toHaveLength(97);
  expect(phoneTypos('')).toEqual([]);
  expect(phoneTypos('03712345678')).toEqual([]);
});

test.each([
  ['刘明白', '刘名白', true],
  ['刘明白', '留明白', true],
  ['刘明白', '刘白', true],
  ['刘明', '刘明白', true],
  ['欧阳明白', '欧阳名白', true],
  ['刘明白', '刘明白', false],
  ['刘明白', '王建国', false],
  ['刘明白', '刘白明', false],
  ['张伟', '李伟', false],
  ['张伟', '张', false],
])('%s and %s one character apart: %s', (a, b, near) => {
  expect(nearName(a, b)).toBe(near);
  expect(nearName(b, a)).toBe(near);
});

test('spaces, full-width letters and the 间隔号 are how a name was typed', () => {
  expect(nameKey('刘　明 白')).toBe('刘明白');
  expect(nameKey('ＡＬＩ·买买提')).toBe('ALI买买提');
  expect(nameKey('阿里・买买提')).toBe('阿里买买提');
});
