/**
 * Reading offline (issue 16): the answers of the reads field work needs (我的台账, a case, a
 * session and its roster, the lists of trainings, activities and 排查 rounds) are
 * kept on the phone, per user. With no signal the last answer is shown, marked with when it was
 * fetched (`offlineSince`); a refusal or a server fault is never hidden behind an old answer.
 * The newest KEEP answers are kept, so the phone's storage stays bounded.
 */
import { readLocal, removeLocal, writeLocal } from './storage';
import { userScope } from './demo-session';

/** fn.action of the reads kept (`me.whoami` keeps its own copy, which learns the form's defaults offline: ledger.ts). */
const KEPT = new Set([
  'dispute.list', 'dispute.get', 'dispute.screenings', 'training.list', 'training.get', 'person.roster', 'publicity.list',
]);
/** Answers kept per user: a page of 我的台账 is one, a case another (10 MB of wx storage holds far more). */
const KEEP = 300;

interface Kept<T> {
  /** When the answer came (ISO time). */
  at: string;
  data: T;
}

const SYNCED_AT = Symbol('syncedAt');

const indexKey = () => `reads:${userScope()}`;
const keyOf = (fn: string, action: string, payload: unknown) => `read:${userScope()}:${fn}.${action}:${JSON.stringify(payload ?? {})}`;

/** The kept keys, oldest first. */
const keptKeys = (): string[] => readLocal<string[]>(indexKey()) ?? [];

function keep(key: string, data: unknown, now: Date): void {
  const keys = [...keptKeys().filter((k) => k !== key), key];
  for (const old of keys.splice(0, Math.max(0, keys.length - KEEP))) removeLocal(old);
  writeLocal<Kept<unknown>>(key, { at: now.toISOString(), data });
  writeLocal(indexKey(), keys);
}

/** An answer shown from the phone: the data, marked with when it was fetched. */
function fromPhone<T>(kept: Kept<T>): T {
  const data = kept.data;
  if (data && typeof data === 'object') Object.defineProperty(data, SYNCED_AT, { value: kept.at });
  return data;
}

/**
 * Runs `fetch` for `fn.action(payload)`; its answer is kept when it is a read that is. When
 * `isOffline(err)` says there was no answer at all, the kept one is shown instead, if any.
 */
export async function keptRead<T>(fn: string, action: string, payload: unknown, fetch: () => Promise<T>, isOffline: (err: unknown) => boolean): Promise<T> {
  if (!KEPT.has(`${fn}.${action}`)) return fetch();
  const key = keyOf(fn, action, payload);
  try {
    const data = await fetch();
    keep(key, data, new Date());
    return data;
  } catch (err) {
    const kept = isOffline(err) ? readLocal<Kept<T>>(key) : undefined;
    if (!kept) throw err;
    return fromPhone(kept);
  }
}

/** When an answer shown from the phone was fetched; undefined for a fresh one. */
export function offlineSince(data: unknown): string | undefined {
  return data && typeof data === 'object' ? (data as { [SYNCED_AT]?: string })[SYNCED_AT] : undefined;
}

/** The first kept answer of `fn.action` (any payload) in which `pick` finds something, newest first. */
export function findKept<T, R>(fn: string, action: string, pick: (data: T) => R | undefined): { found: R; at: string } | undefined {
  const prefix = keyOf(fn, action, '').slice(0, -2);
  for (const key of keptKeys().reverse()) {
    if (!key.startsWith(prefix)) continue;
    const kept = readLocal<Kept<T>>(key);
    const found = kept && pick(kept.data);
    if (found !== undefined && kept) return { found, at: kept.at };
  }
  return undefined;
}

/** Marks `data` as shown from the phone, fetched `at` (an answer put together from kept ones). */
export function shownFromPhone<T>(data: T, at: string): T {
  return fromPhone({ data, at });
}

/** Signing out: this user's kept answers (party names among them) leave the phone. */
export function forgetKeptReads(): void {
  for (const key of keptKeys()) removeLocal(key);
  removeLocal(indexKey());
}
