/** The case the benches and the concurrency test (test/cloudbase) save; apart from common.ts so that test does not load the gateway. */
import { todayBeijing } from '../../types/dates';
import type { DisputeInput } from '../../types/dispute';

/** A valid closed 民调 case dated today, at the demo mediator's village unless `unitId` says which. */
export function benchCase(id: string, amountFen: number, summary = '压测案件', unitId = 'xhy-qj'): DisputeInput {
  const today = todayBeijing();
  return {
    id,
    unitId,
    acceptedDate: today,
    resolvedDate: today,
    type: '邻里',
    channel: '民调',
    outcome: '调解成功',
    agreementForm: '书面',
    amountFen,
    parties: 2,
    banners: 0,
    summary,
  };
}
