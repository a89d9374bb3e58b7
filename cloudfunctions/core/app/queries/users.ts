/** Users (C.users) and what 用户管理 counts of them: their roles within a subtree, by phone, their records. */
import type { User } from '../../../../types/org';
import { C, containsText, type Filter, type Store, type Tx } from '../../platform/port';

export function getUser(store: Store | Tx, id: string): Promise<User | null> {
  return store.get<User>(C.users, id);
}

/** Who is registered with this (normalised) phone, if anyone. */
export async function userByPhone(store: Store, phone: string): Promise<User | null> {
  return (await store.find<User>(C.users, { phone }, { limit: 1 }))[0] ?? null;
}

/**
 * Users holding a role at one of `unitIds`, by name. `$elemMatch` rather than `roles.unitId`:
 * the embedded adapter reads a dotted path into an array of objects as no value.
 */
export async function usersAt(store: Store, unitIds: string[], q: { q?: string; skip: number; limit: number }): Promise<{ items: User[]; total: number }> {
  const filter: Filter = { roles: { $elemMatch: { unitId: { $in: unitIds } } } };
  if (q.q) filter.$or = [{ name: containsText(q.q) }, { phone: containsText(q.q) }];
  const [items, total] = await Promise.all([
    store.find<User>(C.users, filter, { sort: { name: 1, _id: 1 }, skip: q.skip, limit: q.limit }),
    store.count(C.users, filter),
  ]);
  return { items, total };
}

/** Cases, sessions and activities the user recorded (not deleted), wherever they were made. */
export async function recordsBy(store: Store, userId: string): Promise<number> {
  const [cases, sessions, activities] = await Promise.all([
    store.count(C.disputes, { mediatorId: userId, deleted: false }),
    store.count(C.trainings, { createdBy: userId, deleted: false }),
    store.count(C.publicity, { createdBy: userId, deleted: false }),
  ]);
  return cases + sessions + activities;
}
