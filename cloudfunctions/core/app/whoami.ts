/** Who am I: my roles, the units I reach, and form defaults (my unit, my last channel and type). */
import { RECORDERS, type Me } from '../../../types/org';
import { grantUnits } from '../../../types/reach';
import { disputeTypesOf } from '../../../types/settings';
import type { Call } from '../platform/port';
import { lastCase } from './queries/disputes';
import { readSettings } from './queries/settings';
import { unitsReached } from './queries/units';

export async function whoami({ caller, store }: Call): Promise<Me> {
  const [units, last, settings] = await Promise.all([unitsReached(store, caller), lastCase(store, caller), readSettings(store)]);
  const disputeTypes = disputeTypesOf(settings);
  return {
    user: { name: caller.name, roles: caller.roles },
    units,
    disputeTypes,
    defaults: {
      // The newest case's unit: one I still reach, so the form never starts where saving is refused.
      unitId: last?.unitId ?? grantUnits(caller, RECORDERS.dispute)[0] ?? caller.roles[0]?.unitId,
      channel: last?.channel,
      // A type the district has since dropped is no default.
      type: last && disputeTypes.includes(last.type) ? last.type : undefined,
    },
  };
}
