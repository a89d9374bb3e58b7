/**
 * 重大/群体性 cases (issue 15): a case flagged 群体性 or 可能激化 tells the supervisors above its
 * unit at once (a notice on their home page, and a 订阅消息 where they accepted one), and stays
 * in their 重大/群体性纠纷 list until it is closed.
 */
import type { Dispute } from './dispute';
import type { PushOffer } from './notify';

/** The notice a flagged case leaves on a unit's home page: once per case and unit, whatever is saved after. */
export interface FlagNotice {
  _id: string;
  unitId: string;
  unitPath: string[];
  kind: 'flag';
  disputeId: string;
  text: string;
  byName: string;
  at: string;
}

/** A supervisor's 重大/群体性纠纷: the flagged cases still 在办 in their reach, newest first (parties masked). */
export interface FlaggedView {
  total: number;
  items: Dispute[];
  /** The latest notices of cases still in the list. */
  notices: FlagNotice[];
  /** On WeChat: the template 接收微信通知 asks to accept. */
  push?: PushOffer;
}

/** The most flagged cases the home page lists (the count says how many there are). */
export const FLAGGED_MAX = 50;
