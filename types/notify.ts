/**
 * Messages pushed outside the app (WeChat's 订阅消息): a user accepts a kind's template on the
 * phone, which lets the functions send that user one message of the kind; each acceptance is
 * one grant, used up by one message. Without a push channel (the browser build, npm run serve)
 * the in-app notices are all there is.
 */
import * as v from 'valibot';
import { RecordId } from './dispute';

/** What can be pushed: 提醒报送 (the reporting cycle); a 重大/群体性 case, to the supervisors above it. */
export const PUSH_KINDS = ['remind', 'flag'] as const;
export type PushKind = (typeof PUSH_KINDS)[number];

/** One acceptance of the kind's template, under an id the phone made: sent again, it is the same grant. */
export const SubscribeInput = v.object({ id: RecordId, kind: v.picklist(PUSH_KINDS, '提醒类型不正确') });
export type SubscribeInput = v.InferOutput<typeof SubscribeInput>;

/** What the phone needs to ask for more: the template to accept, and how many messages the user can still receive. */
export interface PushOffer {
  templateId: string;
  remaining: number;
}

/** A grant, stored until a message uses it. `unitIds`: the units the user belonged to when accepting (who to remind). */
export interface PushGrant {
  _id: string;
  userId: string;
  kind: PushKind;
  unitIds: string[];
  at: string;
}

/** A message for one user: its fields by name (the adapter maps them onto the template's keys), and the page a tap opens. */
export interface PushMessage {
  kind: PushKind;
  fields: { item: string; due: string; note: string };
  page: string;
}
