/**
 * The push channel on CloudBase: WeChat's 订阅消息, sent with the open API subscribeMessage.send
 * through the SDK's `callWxOpenApi` (the function's own credentials; no access token here).
 *
 * Which template each kind uses, and which of its keys carries which field, is the mini-program's
 * choice in the WeChat console, so it is configuration: FAZHI_PUSH_TEMPLATES, e.g.
 * `{"remind":{"id":"<template id>","keys":{"item":"thing1","due":"time2","note":"thing3"}}}`.
 */
import tcb from '@cloudbase/node-sdk';
import * as v from 'valibot';
import { PUSH_KINDS, type PushMessage } from '../../../../types/notify';
import type { Notifier } from '../port';

type App = ReturnType<typeof tcb.init>;

const FIELDS = ['item', 'due', 'note'] as const satisfies readonly (keyof PushMessage['fields'])[];

const PushTemplates = v.partial(
  v.object(
    Object.fromEntries(
      PUSH_KINDS.map((kind) => [kind, v.object({ id: v.pipe(v.string(), v.minLength(1)), keys: v.object(Object.fromEntries(FIELDS.map((f) => [f, v.pipe(v.string(), v.minLength(1))]))) })]),
    ),
  ),
);
export type PushTemplates = Partial<Record<(typeof PUSH_KINDS)[number], { id: string; keys: Record<(typeof FIELDS)[number], string> }>>;

/** FAZHI_PUSH_TEMPLATES read and checked: a malformed value stops the function at start, not at the first reminder. */
export function pushTemplatesOf(json: string | undefined): PushTemplates {
  if (!json) return {};
  return v.parse(PushTemplates, JSON.parse(json)) as PushTemplates;
}

/** WeChat refuses a value longer than its key's kind allows (thing: 20 characters, name: 10, phrase: 5, …): cut it to fit. */
const MAX_CHARS: Record<string, number> = { thing: 20, name: 10, phrase: 5, character_string: 32, letter: 32, symbol: 5 };
function fit(key: string, value: string): string {
  const max = MAX_CHARS[key.replace(/\d+$/, '')];
  const chars = [...value];
  return max && chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : value;
}

export class WechatNotifier implements Notifier {
  constructor(
    private readonly app: App,
    private readonly templates: PushTemplates,
    /** Which build a tap opens: formal (the default), trial or developer. */
    private readonly state?: 'formal' | 'trial' | 'developer',
  ) {}

  templateOf(kind: PushMessage['kind']): string | undefined {
    return this.templates[kind]?.id;
  }

  async push(userId: string, m: PushMessage): Promise<boolean> {
    const t = this.templates[m.kind];
    if (!t) return false;
    const data = Object.fromEntries(FIELDS.map((f) => [t.keys[f], { value: fit(t.keys[f], m.fields[f]) }]));
    try {
      const res = await this.app.callWxOpenApi({
        apiName: '/cgi-bin/message/subscribe/send',
        requestData: { touser: userId, template_id: t.id, page: m.page, data, ...(this.state ? { miniprogram_state: this.state } : {}) },
      });
      // The SDK answers a failed call with its code and message; WeChat's own answer is in result.
      const { code, message, result } = res as { code?: string; message?: string; result?: { errcode?: number; errmsg?: string } };
      if (!code && result?.errcode === 0) return true;
      // 43101: the user has no acceptance left (or withdrew it); anything else is the template's configuration.
      console.warn(`[push] ${m.kind} to ${userId.slice(0, 6)}… refused: ${code ?? result?.errcode} ${message ?? result?.errmsg ?? ''}`);
      return false;
    } catch (err) {
      // The in-app notice is already written: a failed push does not fail the reminder.
      console.warn(`[push] ${m.kind} failed: ${(err as Error).message}`);
      return false;
    }
  }
}
