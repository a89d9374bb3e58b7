/** 汇总: figures for a unit subtree and period, with the same for each sub-unit (drill-down). */
import { todayBeijing } from '../../types/dates';
import { SummaryQuery } from '../../types/metrics';
import { summarize } from '../core/domain/figures';
import { authorize, grantUnits } from '../core/domain/reach';
import { Refusal } from '../core/domain/refusal';
import { childUnits, readRollup, requireUnit } from '../core/records';
import { parse, type CloudFunction } from '../core/runtime';

const VIEWERS = ['supervisor', 'admin'] as const;

export const rollup: CloudFunction = {
  async summary(payload, call) {
    const q = parse(SummaryQuery, payload ?? {});
    const unitId = q.unitId ?? grantUnits(call.caller, VIEWERS)[0];
    if (!unitId) throw new Refusal('FORBIDDEN', '只有主管可以查看汇总');
    const unit = await requireUnit(call.store, unitId);
    authorize(call.caller, VIEWERS, unit);
    const period = q.period ?? todayBeijing(call.now()).slice(0, 4);
    const children = await childUnits(call.store, unit._id);
    const [scope, ...rows] = await Promise.all(
      [unit, ...children].map(async (u) => summarize(u, period, await readRollup(call.store, u._id, period))),
    );
    return { scope, children: rows, parentId: unit.parentId };
  },
};
