/** Typed calls for the pages: one function per thing a page asks of the back end. */
import type { Dispute, DisputeInput } from '../../types/dispute';
import type { DisputeList, DisputeListQuery } from '../../types/ledger';
import type { SummaryQuery, SummaryView } from '../../types/metrics';
import type { Me } from '../../types/org';
import { call } from './backend';

let me: Promise<Me> | undefined;

/** Cached for the session: roles and units change rarely; `forget` after switching user. */
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

export const saveDispute = (input: DisputeInput) => call<Dispute>('dispute', 'save', input);
export const listMyDisputes = (q: Partial<DisputeListQuery> = {}) => call<DisputeList>('dispute', 'list', q);
export const getSummary = (q: SummaryQuery = {}) => call<SummaryView>('rollup', 'summary', q);
