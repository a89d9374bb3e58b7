/** Which unit a read is about: one rule for every list, figure and report. */
import type { Role, Unit } from '../../../types/org';
import { grantUnits } from '../../../types/reach';
import { authorize } from '../domain/reach';
import { Refusal } from '../domain/refusal';
import type { Call } from '../platform/port';
import { requireUnit } from './queries/units';

/**
 * The unit asked for, or by default the top of the caller's reach for `roles` (my unit), after
 * checking the caller reaches it. `refusal` says, in the page's words, who may look at all, to a
 * caller with no such grant who named no unit; one who named a unit is told which unit they do not reach.
 */
export async function unitInView(call: Call, roles: readonly Role[], unitId: string | undefined, refusal: string): Promise<Unit> {
  const id = unitId ?? grantUnits(call.caller, roles)[0];
  if (!id) throw new Refusal('FORBIDDEN', refusal);
  const unit = await requireUnit(call.store, id);
  authorize(call.caller, roles, unit);
  return unit;
}
