/** The pure account rules: an invitation's state, the code alphabet, who may grant what. */
import { CODE_ALPHABET, codeFromBytes, invitationState } from '../../cloudfunctions/core/domain/accounts';
import { grantableRoles, INVITATION_CODE } from '../../types/account';

test('every byte value maps into the code alphabet, which is exactly INVITATION_CODE\'s', () => {
  expect(CODE_ALPHABET).toHaveLength(32);
  expect(new Set(CODE_ALPHABET).size).toBe(32);
  for (let b = 0; b < 256; b += 10) expect(codeFromBytes(new Uint8Array(10).fill(b))).toMatch(INVITATION_CODE);
  expect([...CODE_ALPHABET].every((c) => INVITATION_CODE.test(c.repeat(10)))).toBe(true);
  expect(INVITATION_CODE.test('0'.repeat(10)) || INVITATION_CODE.test('O'.repeat(10)) || INVITATION_CODE.test('I'.repeat(10))).toBe(false);
});

test('revoked, then used up, then expired: the first reason shown', () => {
  const base = { joined: [], uses: 1, expiresAt: '2025-06-08T00:00:00.000Z' };
  const now = '2025-06-01T00:00:00.000Z';
  expect(invitationState(base, now)).toBe('有效');
  expect(invitationState(base, '2025-06-08T00:00:00.000Z')).toBe('已过期');
  const full = { ...base, joined: [{ userId: 'u', name: 'n', at: now }] };
  expect(invitationState(full, '2025-07-01T00:00:00.000Z')).toBe('已用完');
  expect(invitationState({ ...full, revokedAt: now }, now)).toBe('已撤销');
});

test('an admin grants anything where they reach; a supervisor all but admin, only in their subtree', () => {
  const admin = { roles: [{ role: 'admin' as const, unitId: 'd' }] };
  const sup = { roles: [{ role: 'supervisor' as const, unitId: 't' }] };
  expect(grantableRoles(admin, ['d', 't', 'v'])).toEqual(['mediator', 'trainer', 'supervisor', 'admin']);
  expect(grantableRoles(sup, ['d', 't', 'v'])).toEqual(['mediator', 'trainer', 'supervisor']);
  expect(grantableRoles(sup, ['d'])).toEqual([]);
  expect(grantableRoles(sup, ['d', 'x'])).toEqual([]);
  expect(grantableRoles({ roles: [{ role: 'mediator', unitId: 'v' }] }, ['d', 't', 'v'])).toEqual([]);
});
