/**
 * 订阅消息 through the platform's push channel (the port's Notifier): grants the users accepted
 * on their phones, and messages that each use one. Without a channel nothing here sends, and
 * the in-app notice is the reminder.
 */
import type { PushGrant, PushKind, PushMessage, PushOffer, SubscribeInput } from '../../../types/notify';
import { ROLES } from '../../../types/org';
import { grantUnits } from '../../../types/reach';
import { C, type Call, type Deps } from '../platform/port';
import { getUser } from './queries/users';

/** WeChat keeps a user's one-time acceptances; more than this many unused ones would never be needed. */
const MAX_GRANTS = 20;

function remaining(deps: Deps, userId: string, kind: PushKind): Promise<number> {
  return deps.store.count(C.subscriptions, { userId, kind });
}

/** The template to offer this caller, with their unused grants; undefined without a channel or template. */
export async function pushOffer(call: Call, kind: PushKind): Promise<PushOffer | undefined> {
  const templateId = call.notifier?.templateOf(kind);
  return templateId ? { templateId, remaining: await remaining(call, call.caller._id, kind) } : undefined;
}

/** The caller accepted the kind's template once: one more message may reach them. */
export async function recordGrant(call: Call, input: SubscribeInput): Promise<PushOffer | undefined> {
  if ((await remaining(call, call.caller._id, input.kind)) < MAX_GRANTS) {
    const grant: PushGrant = { _id: input.id, userId: call.caller._id, kind: input.kind, unitIds: grantUnits(call.caller, ROLES), at: call.now().toISOString() };
    await call.store.transaction(async (tx) => {
      // A resent acceptance, or someone else's id: nothing changes.
      const existing = await tx.get<PushGrant>(C.subscriptions, grant._id);
      if (!existing) await tx.set(C.subscriptions, grant);
    });
  }
  return pushOffer(call, input.kind);
}

/**
 * Pushes `message` once to every user who still belongs to one of `unitIds` and holds a grant of
 * the kind, using one grant each (taken in a transaction first, so two reminders at once cannot
 * both use it). Returns how many the platform took.
 */
export async function pushToUnits(deps: Deps, unitIds: readonly string[], message: PushMessage): Promise<number> {
  const notifier = deps.notifier;
  if (!notifier || !unitIds.length || !notifier.templateOf(message.kind)) return 0;
  const wanted = new Set(unitIds);
  const grants = await deps.store.find<PushGrant>(C.subscriptions, { kind: message.kind, unitIds: { $in: [...wanted] } }, { sort: { at: 1 } });
  const oldestOf = new Map<string, PushGrant>();
  for (const g of grants) if (!oldestOf.has(g.userId)) oldestOf.set(g.userId, g);
  let pushed = 0;
  for (const [userId, grant] of oldestOf) {
    // The units are those of the acceptance: a user since moved elsewhere is not reminded for the old one.
    const user = await getUser(deps.store, userId);
    if (!user?.roles.some((r) => wanted.has(r.unitId))) continue;
    const taken = await deps.store.transaction(async (tx) => {
      if (!(await tx.get<PushGrant>(C.subscriptions, grant._id))) return false;
      await tx.remove(C.subscriptions, grant._id);
      return true;
    });
    if (taken && (await notifier.push(userId, message))) pushed += 1;
  }
  return pushed;
}
