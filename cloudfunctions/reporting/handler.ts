/**
 * The reporting cycle: 上报 (or 本月无纠纷), 审核通过 / 退回 / 撤销审核 by the supervisor above, 报送审核
 * and 报送情况 views, 提醒报送 (and 接收微信提醒, its 订阅消息), units marked 不需报送, and the home page's card.
 */
import {
  CompletenessQuery, ExpectedInput, MyReportingQuery, RemindInput, ReturnInput, ReviewInput, ReviewQuery, SubmitInput,
} from '../../types/reporting';
import { SubscribeInput } from '../../types/notify';
import { approve, completeness, mine, remind, returnSubmission, review, setExpected, submit, unapprove } from '../core/app/reporting';
import { recordGrant } from '../core/app/push';
import { parse, type CloudFunction } from '../core/platform/runtime';

export const reporting: CloudFunction = {
  mine: (payload, call) => mine(call, parse(MyReportingQuery, payload ?? {})),
  submit: (payload, call) => submit(call, parse(SubmitInput, payload)),
  review: (payload, call) => review(call, parse(ReviewQuery, payload)),
  approve: (payload, call) => approve(call, parse(ReviewInput, payload)),
  return: (payload, call) => returnSubmission(call, parse(ReturnInput, payload)),
  unapprove: (payload, call) => unapprove(call, parse(ReturnInput, payload)),
  completeness: (payload, call) => completeness(call, parse(CompletenessQuery, payload)),
  remind: (payload, call) => remind(call, parse(RemindInput, payload)),
  expected: (payload, call) => setExpected(call, parse(ExpectedInput, payload)),
  subscribe: (payload, call) => recordGrant(call, parse(SubscribeInput, payload)),
};
