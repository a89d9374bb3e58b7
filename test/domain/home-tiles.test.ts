/** Rules both sides need (types/): which home tiles a user gets, and who acts for the district. */
import { homeTiles } from '../../types/home';
import { DISTRICT_ACTS, listersOf, RECORDERS, type Unit } from '../../types/org';
import { districtGrant, grantUnits, reaches } from '../../types/reach';

test('each role gets the tiles of what it may record or see', () => {
  expect(homeTiles(['mediator'])).toEqual(['disputeForm', 'myLedger', 'screening', 'roster', 'publicity']);
  expect(homeTiles(['trainer'])).toEqual(['trainings', 'roster', 'publicity']);
  // 名册: supervisors merge two entries of one person there.
  expect(homeTiles(['supervisor'])).toEqual(['roster', 'summary', 'report', 'stats', 'review', 'ledgerImport', 'invite', 'users']);
  expect(homeTiles([])).toEqual([]);
});

test('an admin, who may record trainings, publicity and roster entries, gets their tiles too', () => {
  expect(RECORDERS.training).toContain('admin');
  expect(homeTiles(['admin'])).toEqual(['trainings', 'roster', 'publicity', 'summary', 'report', 'stats', 'ledgerImport', 'settings', 'tree', 'invite', 'users']);
});

test('roles held together: each tile once, in the home page\'s order', () => {
  expect(homeTiles(['trainer', 'mediator'])).toEqual(['disputeForm', 'myLedger', 'screening', 'trainings', 'roster', 'publicity']);
});

const unit = (_id: string, parentId: string | null, path: string[]): Unit => ({ _id, name: _id, kind: parentId ? '乡镇街道' : '区', parentId, path });
const DISTRICT = unit('sfq', null, ['sfq']);
const TOWNSHIP = unit('xhy', 'sfq', ['sfq', 'xhy']);

test('the district is acted for only by a grant at the top of the tree', () => {
  const district = { roles: [{ role: 'supervisor' as const, unitId: 'sfq' }] };
  const township = { roles: [{ role: 'supervisor' as const, unitId: 'xhy' }] };
  const admin = { roles: [{ role: 'admin' as const, unitId: 'sfq' }] };
  expect(districtGrant(district, DISTRICT_ACTS.lock, [DISTRICT, TOWNSHIP])).toBe(DISTRICT);
  expect(districtGrant(township, DISTRICT_ACTS.lock, [DISTRICT, TOWNSHIP])).toBeUndefined();
  expect(districtGrant(admin, DISTRICT_ACTS.lock, [DISTRICT, TOWNSHIP])).toBeUndefined();
  expect(districtGrant(admin, DISTRICT_ACTS.settings, [DISTRICT, TOWNSHIP])).toBe(DISTRICT);
  // The district's unit must be among those given (the app: the units `me` lists).
  expect(districtGrant(district, DISTRICT_ACTS.lock, [TOWNSHIP])).toBeUndefined();
});

test('reach: a grant reaches its unit and everything below; grant units in grant order, once each', () => {
  const u = { roles: [{ role: 'mediator' as const, unitId: 'xhy' }, { role: 'trainer' as const, unitId: 'jy' }, { role: 'mediator' as const, unitId: 'xhy' }] };
  expect(reaches(u, ['mediator'], TOWNSHIP.path)).toBe(true);
  expect(reaches(u, ['mediator'], DISTRICT.path)).toBe(false);
  expect(reaches(u, ['supervisor'], TOWNSHIP.path)).toBe(false);
  expect(grantUnits(u, listersOf('person'))).toEqual(['xhy', 'jy']);
  expect(listersOf('training')).toEqual(['trainer', 'admin', 'supervisor']);
});
