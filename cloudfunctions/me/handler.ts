/** Who am I: my roles, the units I can record for, and form defaults (my unit, my last channel and type). */
import type { Dispute } from '../../types/dispute';
import type { Unit } from '../../types/org';
import { disputeTypesOf } from '../../types/settings';
import { C } from '../core/port';
import { readSettings } from '../core/records';
import type { CloudFunction } from '../core/runtime';

export const me: CloudFunction = {
  async whoami(_payload, { caller, store }) {
    const tops = [...new Set(caller.roles.map((g) => g.unitId))];
    const reach = await Promise.all(tops.map((id) => store.find<Unit>(C.units, { path: id })));
    const units = [...new Map(reach.flat().map((u) => [u._id, u])).values()].sort((a, b) =>
      a.path.join('/').localeCompare(b.path.join('/'), 'zh'),
    );
    const [last] = await store.find<Dispute>(C.disputes, { mediatorId: caller._id }, { sort: { createdAt: -1 }, limit: 1 });
    const mediatorUnit = caller.roles.find((g) => g.role === 'mediator')?.unitId;
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
