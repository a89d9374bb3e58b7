/** The account pages' rules, out of their JSX: units and roles I may hand out, the invitation form, links, a scanned code. */
import type { Me, Unit } from '../../types/org';
import { blankInviteForm, checkInviteForm, codeFromRoute, joinTarget, managedUnits, rolesAt } from '../../src/services/accounts';

const unit = (_id: string, kind: Unit['kind'], path: string[]): Unit => ({ _id, name: _id, kind, parentId: path[path.length - 2] ?? null, path });
const DISTRICT = unit('sfq', '区', ['sfq']);
const TOWNSHIP = unit('xhy', '乡镇街道', ['sfq', 'xhy']);
const QJ = unit('xhy-qj', '村社区', ['sfq', 'xhy', 'xhy-qj']);
const me = (roles: Me['user']['roles']): Pick<Me, 'user' | 'units'> => ({ user: { name: '某', roles }, units: [DISTRICT, TOWNSHIP, QJ] });

test('a supervisor manages their unit and below, and may hand out any role but admin; a mediator nothing', () => {
  const supervisor = me([{ role: 'supervisor', unitId: 'xhy' }, { role: 'mediator', unitId: 'sfq' }]);
  expect(managedUnits(supervisor).map((u) => u._id)).toEqual(['xhy', 'xhy-qj']);
  expect(rolesAt(supervisor, QJ)).toEqual(['mediator', 'trainer', 'supervisor']);
  expect(rolesAt(supervisor, DISTRICT)).toEqual([]);
  expect(rolesAt(me([{ role: 'admin', unitId: 'sfq' }]), QJ)).toEqual(['mediator', 'trainer', 'supervisor', 'admin']);
  expect(managedUnits(me([{ role: 'mediator', unitId: 'sfq' }]))).toEqual([]);
});

test('the invitation form: numbers as typed, blanks take the defaults, each wrong field named', () => {
  const form = { ...blankInviteForm('xhy-qj', 'mediator'), uses: ' 3 ', days: '' };
  const ok = checkInviteForm(form);
  expect(ok).toEqual({ ok: true, input: { id: form.id, unitId: 'xhy-qj', role: 'mediator', uses: 3, days: 7 } });
  const bad = checkInviteForm({ ...form, role: '', uses: '0', days: '100' });
  expect(bad.ok).toBe(false);
  if (!bad.ok) expect(bad.errors).toEqual({ role: '请选择角色', uses: '至少1人', days: '最长90天' });
  // Each new form is a new invitation.
  expect(blankInviteForm('xhy', 'trainer').id).not.toBe(blankInviteForm('xhy', 'trainer').id);
});

test('the link an invitee opens: the join page with its code on H5, the path with the scene on WeChat; both read back', () => {
  const inv = { code: 'ABCDE23456', scene: 'c=ABCDE23456' };
  const h5 = joinTarget(inv, 'h5', 'http://localhost:8080');
  expect(h5).toBe('http://localhost:8080/#/pages/join/index?code=ABCDE23456');
  const weapp = joinTarget(inv, 'weapp', '');
  expect(weapp).toBe('pages/join/index?scene=c%3DABCDE23456');
  expect(codeFromRoute({ code: 'ABCDE23456' })).toBe('ABCDE23456');
  expect(codeFromRoute({ scene: 'c%3DABCDE23456' })).toBe('ABCDE23456');
  expect(codeFromRoute({ scene: 'c=ABCDE23456' })).toBe('ABCDE23456');
  expect(codeFromRoute({ scene: 't=xyz' })).toBeUndefined();
  expect(codeFromRoute({})).toBeUndefined();
});
