/** Typed calls for the pages: one function per thing a page asks of the back end. */
import type { Dispute, DisputeInput } from '../../types/dispute';
import { LIST_MAX, type AuditEntry, type DisputeList, type DisputeListQuery, type DisputeView } from '../../types/ledger';
import type { Me } from '../../types/org';
import { call, OfflineError } from './backend';
import { userScope } from './demo-session';
import { findKept, offlineSince, shownFromPhone } from './read-cache';
import { readLocal, writeLocal } from './storage';
import { submitWrite } from './sync';

/** How long an answer stands before the next page asks again: a district's settings can change meanwhile. */
const FRESH_MS = 10 * 60_000;
let me: { at: number; answer: Promise<Me> } | undefined;

/** The last answer, kept on the phone per user. */
const meKey = () => `fazhi.me.${userScope()}`;

/**
 * Cached for a few minutes: roles, units and the district's lists change rarely; `forgetMe`
 * after switching user. With no network, the last answer kept on the phone stands in, so a
 * mediator who opens the app where there is no signal can still log a case (it waits in the outbox).
 */
export function whoami(): Promise<Me> {
  if (!me || Date.now() - me.at > FRESH_MS) {
    const answer = call<Me>('me', 'whoami').then(
      (data) => {
        writeLocal(meKey(), data);
        return data;
      },
      (err) => {
        me = undefined;
        const kept = err instanceof OfflineError ? readLocal<Me>(meKey()) : undefined;
        if (kept) return kept;
        throw err;
      },
    );
    me = { at: Date.now(), answer };
  }
  return me.answer;
}

export function forgetMe(): void {
  me = undefined;
}

/**
 * A new case's unit, channel and type are my defaults for the next one, as `me` answers once
 * it is stored: in the answer cached here, and in the copy kept on the phone, which is what
 * stands in for `me` offline (where nothing is cached, so that the next page asks again).
 */
function rememberDefaults(input: DisputeInput): void {
  if (input.baseVersion) return;
  const withDefaults = (m: Me): Me => ({ ...m, defaults: { unitId: input.unitId, channel: input.channel, type: input.type } });
  const kept = readLocal<Me>(meKey());
  if (kept) writeLocal(meKey(), withDefaults(kept));
  if (!me) return;
  const answer = me.answer.then((m) => {
    const next = withDefaults(m);
    writeLocal(meKey(), next);
    return next;
  });
  me = { ...me, answer };
}

/** The outbox writes that are cases (the `dispute` function carries 排查 rounds too): 我的台账's waiting rows. */
export const isCaseWrite = (w: { fn: string; action: string }) => w.fn === 'dispute' && w.action === 'save';

/** Through the outbox: offline, the case waits on the phone and is sent later, once. */
export async function saveDispute(input: DisputeInput) {
  const result = await submitWrite('dispute', 'save', input, `${input.type} · ${input.acceptedDate}`);
  rememberDefaults(input);
  return result;
}

/**
 * My newest `count` cases matching `q`, and how many match in all (a search: whether more do). More than one answer holds
 * is asked for in parts (`skip`) at once; a case seen in two parts (one logged meanwhile
 * pushes the rest down) is listed once.
 */
export async function listMyDisputes(q: Omit<Partial<DisputeListQuery>, 'skip' | 'limit'>, count: number): Promise<DisputeList> {
  const skips = Array.from({ length: Math.max(1, Math.ceil(count / LIST_MAX)) }, (_, i) => i * LIST_MAX);
  const parts = await Promise.all(
    skips.map((skip) => call<DisputeList>('dispute', 'list', { ...q, skip, limit: Math.min(LIST_MAX, count - skip) })),
  );
  const seen = new Set<string>();
  const items = parts.flatMap((p) => p.items).filter((d) => !seen.has(d._id) && !!seen.add(d._id));
  const list = { items, total: parts[0].total, more: parts[parts.length - 1].more };
  // With no signal, parts come from the phone: the list is as old as its oldest part.
  const kept = parts.map(offlineSince).filter((at): at is string => !!at).sort()[0];
  return kept ? shownFromPhone(list, kept) : list;
}

/** 我的台账's count line: '共 120 件,已显示 50 件'; a search, which is not counted: '找到 50 件以上'. */
export function ledgerCountLine({ items, total, more }: DisputeList): string {
  if (total === undefined) return `找到 ${items.length} 件${more ? '以上' : ''}`;
  return `共 ${total} 件${more ? `,已显示 ${items.length} 件` : ''}`;
}
/**
 * One case. With no signal, the case as last opened; or, never opened here, as 我的台账 last
 * listed it (its parties masked, as lists are), to read only.
 */
export async function getDispute(id: string): Promise<DisputeView> {
  try {
    return await call<DisputeView>('dispute', 'get', { id });
  } catch (err) {
    const listed = err instanceof OfflineError ? findKept<DisputeList, Dispute>('dispute', 'list', (l) => l.items.find((d) => d._id === id)) : undefined;
    if (!listed) throw err;
    return shownFromPhone({ record: listed.found, canSeePrivate: false, canEdit: false, canSeeHistory: false, photoUrls: [] }, listed.at);
  }
}
export const removeDispute = (d: Pick<Dispute, '_id' | 'version'>) =>
  call<{ id: string }>('dispute', 'remove', { id: d._id, baseVersion: d.version });
export const disputeHistory = (id: string) => call<AuditEntry[]>('dispute', 'history', { id });
