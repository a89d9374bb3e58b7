/**
 * 台账导出: a unit's ledger for a year in the import format, so that an export imported into
 * an empty store gives the same figures. Records are read a page at a time and written a row
 * at a time. The 签到 sheet carries roster phones (a person's identity across sessions); party
 * names and phones of cases are never in it.
 */
import { VIEWERS, type Unit } from '../../../types/org';
import type { AnnualQuery, ExportedFile } from '../../../types/report';
import type { Person, Publicity, Training } from '../../../types/training';
import { COLUMNS, type SheetName } from '../../../types/import';
import type { Cell } from '../domain/ledger/cells';
import { checkinCells, disputeCells, publicityCells, trainingCells, unitCells } from '../domain/ledger/export';
import { unitNames, unitRefOf, unitResolver } from '../domain/units';
import type { SheetOut } from '../files/workbook-write';
import { C, type Call, type Store } from '../platform/port';
import { keepFile } from './kept-file';
import { casesOfYear } from './queries/disputes';
import { eachDoc } from './queries/paging';
import { unitInView } from './unit-in-view';

/** Depth first, then by name: the tree reads top down, and every parent comes before its children. */
function treeOrder(byId: ReadonlyMap<string, Unit>) {
  const key = (u: Unit) => unitNames(u, byId).join('/');
  return (a: Unit, b: Unit) => a.path.length - b.path.length || key(a).localeCompare(key(b), 'zh');
}

/**
 * The sheets of `unit`'s ledger for `year`: its tree (with the units above it, so the paths
 * read the same), the cases accepted or resolved in the year, the sessions and activities
 * dated in it, and who attended those sessions. `counts` fills in as the rows are written.
 */
export async function ledgerSheets(store: Store, unit: Unit, year: number, counts: Partial<Record<SheetName, number>> = {}): Promise<SheetOut[]> {
  const all = await store.find<Unit>(C.units, {});
  const byId = new Map(all.map((u) => [u._id, u]));
  const resolve = unitResolver(all);
  // The shortest name a unit goes by that names it alone (what an import resolves back).
  const refOf = (u: Unit) => {
    const short = unitRefOf(u, byId);
    try {
      if (resolve(short) === u) return short;
    } catch {
      // Not unique: the full path below.
    }
    return unitNames(u, byId).join('/');
  };
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;

  const sessions = (await store.find<Training>(C.trainings, { unitPath: unit._id, deleted: false, date: { $gte: from, $lte: to } }))
    .sort((a, b) => a.date.localeCompare(b.date) || a._id.localeCompare(b._id));
  const people = new Map<string, Person>();
  for (const id of new Set(sessions.flatMap((t) => t.attendees))) {
    const p = await store.get<Person>(C.people, id);
    if (p) people.set(id, p);
  }
  // The unit's subtree, the units above it, and the units of everyone who attended.
  const wanted = new Set([...unit.path, ...all.filter((u) => u.path.includes(unit._id)).map((u) => u._id)]);
  for (const p of people.values()) p.unitPath.forEach((id) => wanted.add(id));
  const tree = [...wanted].map((id) => byId.get(id)).filter((u): u is Unit => !!u).sort(treeOrder(byId));

  const counted = (sheet: SheetName, rows: AsyncIterable<Cell[]> | Iterable<Cell[]>): SheetOut => ({
    name: sheet,
    columns: COLUMNS[sheet],
    rows: (async function* () {
      counts[sheet] = 0;
      for await (const r of rows) {
        counts[sheet]!++;
        yield r;
      }
    })(),
  });
  const unitRef = (id: string) => refOf(byId.get(id)!);

  return [
    counted('单位', tree.map((u) => unitCells(u, u.parentId ? refOf(byId.get(u.parentId)!) : ''))),
    counted('矛盾纠纷', (async function* () {
      for await (const d of casesOfYear(store, unit._id, year)) yield disputeCells(d, unitRef(d.unitId));
    })()),
    counted('培训', sessions.map((t) => trainingCells(t, unitRef(t.unitId)))),
    counted('签到', sessions.flatMap((t) =>
      t.attendees.filter((id) => people.has(id)).map((id) => checkinCells(t, people.get(id)!, unitRef(people.get(id)!.unitId))),
    )),
    counted('宣传活动', (async function* () {
      for await (const p of eachDoc<Publicity>(store, C.publicity, { unitPath: unit._id, deleted: false, date: { $gte: from, $lte: to } })) {
        yield publicityCells(p, unitRef(p.unitId));
      }
    })()),
  ];
}

/** 台账导出 in the app: the unit in view's records of the year as a ledger workbook, by the same code as `npm run export`. */
export async function exportLedger(call: Call, q: AnnualQuery): Promise<ExportedFile> {
  const unit = await unitInView(call, VIEWERS, q.unitId, '只有主管或管理员可以导出台账');
  // exceljs, as for the report files: loaded on first export only.
  const { workbookBytes } = await import('../files/workbook-write');
  const bytes = await workbookBytes(await ledgerSheets(call.store, unit, q.year));
  return keepFile(call, { dir: `exports/${q.year}`, tag: unit._id, tail: '-ledger.xlsx' }, bytes, `${unit.name}${q.year}年台账.xlsx`);
}
