/** Who am I: my roles, the units I can record for, and form defaults (my unit, my last channel and type). */
import type { Dispute } from '../../types/dispute';
import { RECORDERS, type Unit } from '../../types/org';
import { disputeTypesOf } from '../../types/settings';
import { MY_CASES_ORDER, myCasesFilter } from '../core/app/queries/disputes';
import { grantUnits } from '../../types/reach';
import { C } from '../core/platform/port';
import { readSettings } from '../core/app/write';
import type { CloudFunction } from '../core/platform/runtime';

export const me: CloudFunction = {
  async whoami(_payload, { caller, store }) {
    const tops = [...new Set(caller.roles.map((g) => g.unitId))];
    const reach = await Promise.all(tops.map((id) => store.find<Unit>(C.units, { path: id })));
    const units = [...new Map(reach.flat().map((u) => [u._id, u])).values()].sort((a, b) =>
      a.path.join('/').localeCompare(b.path.join('/'), 'zh'),
    );
    // The newest case of 我的台账: not deleted, in a unit I still reach, so the form never starts where saving is refused.
    const [last] = await store.find<Dispute>(C.disputes, myCasesFilter(caller, {}), { sort: MY_CASES_ORDER, limit: 1 });
    const mediatorUnit = grantUnits(caller, RECORDERS.dispute)[0];
    const disputeTypes = disputeTypesOf(await readSettings(store));
    return {
      user: { name: caller.name, roles: caller.roles },
      units,
      disputeTypes,
      defaults: {
        unitId: last?.unitId ?? mediatorUnit ?? tops[0],
        channel: last?.channel,
        // A type the district has since dropped is no default.
        type: last && disputeTypes.includes(last.type) ? last.type : undefined,
      },
    };
  },
};
