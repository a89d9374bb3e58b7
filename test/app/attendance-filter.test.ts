/** The session page's 全部 / 已签到 / 未签到 filter and its counts, out of its JSX. */
import { byTick, tickCounts } from '../../src/services/attendance-filter';
import type { RosterLine } from '../../src/services/training';

const line = (_id: string): RosterLine => ({ _id, name: _id, phone: '', isLawPerson: true, unitId: 'xhy-qj' });
const [A, B, C] = [line('a'), line('b'), line('c')];
const present = new Set(['b', 'x']);

test('each filter narrows the list by tick, keeping its order; the counts are of the list given', () => {
  expect(byTick([A, B, C], present, '全部')).toEqual([A, B, C]);
  expect(byTick([A, B, C], present, '已签到')).toEqual([B]);
  expect(byTick([A, B, C], present, '未签到')).toEqual([A, C]);
  // Someone ticked but not in the list (another village) is not counted here.
  expect(tickCounts([A, B, C], present)).toEqual({ 全部: 3, 已签到: 1, 未签到: 2 });
  expect(tickCounts([], present)).toEqual({ 全部: 0, 已签到: 0, 未签到: 0 });
});
