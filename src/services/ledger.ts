/** Typed calls for the pages: one function per thing a page asks of the back end. */
import type { Dispute, DisputeInput } from '../../types/dispute';
import type { AuditEntry, DisputeList, DisputeListQuery, DisputeView } from '../../types/ledger';
import type { Me } from '../../types/org';
import { call } from './backend';
import { submitWrite } from './sync';

let me: Promise<Me> | undefined;

/** Cached for the session: roles and units change rarely; `forgetMe` after switching user. */
export function whoami(): Promise<Me> {
  me ??= call<Me>('me', 'whoami').catch((err) => {
    me = undefined;
    throw err;
  });
  return me;
}

export function forgetMe(): void {
  me = undefined;
}

/** Through the outbox: offline, the case waits on the phone and is sent later, once. */
export const saveDispute = (input: DisputeInput) =>
  submitWrite('dispute', 'save', input, `${input.type} · ${input.acceptedDate}`);

export const listMyDisputes = (q: Partial<DisputeListQuery> = {}) => call<DisputeList>('dispute', 'list', q);
export const getDispute = (id: string) => call<DisputeView>('dispute', 'get', { id });
export const removeDispute = (d: Pick<Dispute, '_id' | 'version'>) =>
  call<{ id: string }>('dispute', 'remove', { id: d._id, baseVersion: d.version });
export const disputeHistory = (id: string) => call<AuditEntry[]>('dispute', 'history', { id });
