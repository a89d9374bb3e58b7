/**
 * 案号 on a new case, inside its write's transaction (write.ts `onCreate`): the counter of its
 * unit × year moves with the case or not at all, so numbers are consecutive and none is given
 * twice. Only a create numbers: an edit, a resend and a delete leave the number and the counter
 * alone, so a deleted case keeps its number and the next case gets the one after.
 */
import { formatCaseNo, parseCaseNo, shortCodeOf } from '../../../types/case-no';
import type { Dispute } from '../../../types/dispute';
import type { Unit } from '../../../types/org';
import { C, type Doc, type Tx } from '../platform/port';
import { requireUnit } from './queries/units';

interface CounterDoc extends Doc {
  /** The last N given in this unit and year. */
  n: number;
}

const counterId = (unitId: string, year: string) => `caseNo:${unitId}:${year}`;

/**
 * The case with its number. One that comes with one (an imported ledger's) keeps it; when that
 * number is of this year's series the counter moves past it, so later cases never repeat it.
 */
export async function numberCase(tx: Tx, d: Dispute): Promise<Dispute> {
  const year = d.acceptedDate.slice(0, 4);
  const id = counterId(d.unitId, year);
  if (d.caseNo) {
    const given = parseCaseNo(d.caseNo);
    const last = (await tx.get<CounterDoc>(C.counters, id))?.n ?? 0;
    if (given && given.year === year && given.n > last) await tx.set<CounterDoc>(C.counters, { _id: id, n: given.n });
    return d;
  }
  const unit = await requireUnit(tx, d.unitId);
  const parent = unit.parentId ? await tx.get<Unit>(C.units, unit.parentId) : null;
  // The counter last, read and written together: concurrent saves of one unit conflict on it, and so at once.
  const n = ((await tx.get<CounterDoc>(C.counters, id))?.n ?? 0) + 1;
  await tx.set<CounterDoc>(C.counters, { _id: id, n });
  return { ...d, caseNo: formatCaseNo(year, shortCodeOf(unit, parent), n) };
}
