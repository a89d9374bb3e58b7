/** Invitations (C.invitations): by code, and a subtree's. */
import type { Invitation } from '../../../../types/account';
import { C, type Store, type Tx } from '../../platform/port';

export function getInvitation(store: Store | Tx, id: string): Promise<Invitation | null> {
  return store.get<Invitation>(C.invitations, id);
}

export async function invitationByCode(store: Store, code: string): Promise<Invitation | null> {
  return (await store.find<Invitation>(C.invitations, { code }, { limit: 1 }))[0] ?? null;
}

export async function codeTaken(store: Store, code: string): Promise<boolean> {
  return (await store.count(C.invitations, { code })) > 0;
}

/** The newest `limit` invitations at the unit or below it. */
export function invitationsUnder(store: Store, unitId: string, limit = 200): Promise<Invitation[]> {
  return store.find<Invitation>(C.invitations, { unitPath: unitId }, { sort: { createdAt: -1 }, limit });
}
