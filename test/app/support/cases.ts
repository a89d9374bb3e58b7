/**
 * What a plain case is in the app's tests, in the fields its form and its input spell alike: a
 * 邻里 case at 前进村 by 民调, settled (口头) the day after it was accepted.
 */
import type { DisputeInput } from '../../../types/dispute';

export const SETTLED_CASE = {
  unitId: 'xhy-qj',
  acceptedDate: '2024-03-07',
  resolvedDate: '2024-03-08',
  type: '邻里',
  channel: '民调',
  outcome: '调解成功',
  agreementForm: '口头',
} as const satisfies Partial<DisputeInput>;
