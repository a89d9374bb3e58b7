/** The session page's rules, out of its JSX: who is shown ticked, the attendance list, a walk-in's line. */
import { attendanceLines, shownAttendees, walkInLine, type RosterLine } from '../../src/services/training';
import { outbox } from '../../src/services/sync';

const line = (_id: string, name: string, unitId: string): RosterLine => ({ _id, name, phone: '', isLawPerson: true, unitId });
const ZS = line('p1', '张三', 'xhy-qj');
const LS = line('p2', '李四', 'xhy-sl');
const WW = line('p3', '王五', 'xhy-qj');

test('walk-ins the roster answer does not hold yet come first; village and name narrow the list', () => {
  expect(attendanceLines([ZS, LS], [WW, ZS], undefined, '')).toEqual([WW, ZS, LS]);
  expect(attendanceLines([ZS, LS], [WW], 'xhy-qj', '')).toEqual([WW, ZS]);
  expect(attendanceLines([ZS, LS], [WW], undefined, ' 李 ')).toEqual([LS]);
});

test('a walk-in\'s line: the stored entry when sent, what was entered while queued; the phone masked', () => {
  const input = { id: 'p9', unitId: 'xhy-qj', name: '赵六', phone: '13800138000', isLawPerson: false };
  expect(walkInLine({ outcome: 'queued' }, input)).toEqual({ _id: 'p9', name: '赵六', phone: '138****8000', isLawPerson: false, unitId: 'xhy-qj' });
  const stored = { ...input, _id: 'p1', name: '赵六', phone: '13900139000', isLawPerson: true } as never;
  const sent = walkInLine({ outcome: 'sent', data: { kind: 'ticked', present: true, attendeeCount: 1, person: stored } }, input);
  expect(sent).toEqual({ _id: 'p1', name: '赵六', phone: '139****9000', isLawPerson: true, unitId: 'xhy-qj' });
});

test('the server\'s attendees, with ticks still waiting on this phone on top', () => {
  expect([...shownAttendees({ _id: 't1', attendees: ['p1', 'p2'] })]).toEqual(['p1', 'p2']);
  outbox.add({ id: 't1:p2', fn: 'training', action: 'attend', payload: { trainingId: 't1', personId: 'p2', present: false }, label: '取消签到 李四', queuedAt: '2024-03-07T00:00:00.000Z' });
  outbox.add({ id: 't1:p3', fn: 'training', action: 'attend', payload: { trainingId: 't1', personId: 'p3', present: true }, label: '签到 王五', queuedAt: '2024-03-07T00:00:00.000Z' });
  outbox.add({ id: 't2:p4', fn: 'training', action: 'attend', payload: { trainingId: 't2', personId: 'p4', present: true }, label: '签到', queuedAt: '2024-03-07T00:00:00.000Z' });
  expect([...shownAttendees({ _id: 't1', attendees: ['p1', 'p2'] })].sort()).toEqual(['p1', 'p3']);
});
