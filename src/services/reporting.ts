/** Typed calls for the reporting cycle (上报 · 审核 · 退回), and how its pages word a unit's month. */
import Taro from '@tarojs/taro';
import {
  STATE_LABELS, type CompletenessQuery, type CompletenessView, type MyReportingView, type RemindView, type ReviewLine, type ReviewQuery,
  type ReviewView, type Submission,
} from '../../types/reporting';
import type { PushKind, PushOffer } from '../../types/notify';
import { call } from './backend';
import { newRecordId } from './ids';

export const getMyReporting = (period?: string) => call<MyReportingView>('reporting', 'mine', period ? { period } : {});
export const submitMonth = (unitId: string, period: string, zero = false) => call<Submission>('reporting', 'submit', { unitId, period, zero });
export const getReview = (q: ReviewQuery) => call<ReviewView>('reporting', 'review', q);
export const approveMonth = (unitId: string, period: string) => call<Submission>('reporting', 'approve', { unitId, period });
export const returnMonth = (unitId: string, period: string, reason: string) => call<Submission>('reporting', 'return', { unitId, period, reason });
export const unapproveMonth = (unitId: string, period: string, reason: string) => call<Submission>('reporting', 'unapprove', { unitId, period, reason });
export const getCompleteness = (q: CompletenessQuery) => call<CompletenessView>('reporting', 'completeness', q);
export const remindSilent = (unitId: string | undefined, period: string) => call<RemindView>('reporting', 'remind', { unitId, period });
/**
 * 接收微信提醒: WeChat asks the user to accept the reminder's template (one acceptance, one message);
 * an acceptance is recorded under an id of its own, so a resend is the same one. Undefined when declined.
 */
export async function acceptReminders(templateId: string, kind: PushKind = 'remind'): Promise<PushOffer | undefined> {
  const answer = (await Taro.requestSubscribeMessage({ tmplIds: [templateId] } as Taro.requestSubscribeMessage.Option)) as unknown as Record<string, string>;
  if (answer[templateId] !== 'accept') return undefined;
  return call<PushOffer>('reporting', 'subscribe', { id: newRecordId(), kind });
}
export const setExpected = (unitId: string, expected: boolean) => call('reporting', 'expected', { unitId, expected });

/** '已上报,待审核 · 零报告', '已退回', … */
export function stateText(l: Pick<ReviewLine, 'state' | 'zero'>): string {
  return l.zero && l.state !== 'none' ? `${STATE_LABELS[l.state]} · 零报告` : STATE_LABELS[l.state];
}

/** 'x月' of a due date: '12月25日前'. */
export function dueText(dueDate: string): string {
  return `${Number(dueDate.slice(5, 7))}月${Number(dueDate.slice(8, 10))}日前`;
}
