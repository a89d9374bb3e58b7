/**
 * 名册导入 (issue 16): a trainer uploads a 签到-shaped sheet (姓名, 手机号, 所属单位) on the 名册 page
 * and its people join the roster, each once: a row that is someone already on the roster (the
 * one-person rule of walk-ins, person-match.ts: phone first, then name, in the whole area) changes
 * nothing; a likely match is refused with the entry named, never a second entry made; a new
 * person's id follows from unit, name and phone, so the same file again adds no one. Read and
 * written by the 台账导入's machinery (files/ledger-read.ts, import-ledger.ts): the file is read
 * through before a row is written, rows land whole in batches, progress as `import.progress`.
 */
import { RECORDERS, type Unit } from '../../../types/org';
import { normalizePhone } from '../../../types/phone';
import { grantUnits, reaches } from '../../../types/reach';
import type { RosterImportInput, RosterImportResult } from '../../../types/roster-import';
import type { Person } from '../../../types/training';
import type { Row } from '../domain/ledger/columns';
import { personInputOf, rosterRow, type Mapped, type ResolveUnit } from '../domain/ledger/rows';
import { importedPerson, planPersonImport } from '../domain/ledger/records';
import { personKey } from '../domain/person';
import { Refusal } from '../domain/refusal';
import { assertOpenFor } from '../domain/tree';
import { unitRefOf, unitResolver } from '../domain/units';
import { openRoster } from '../files/ledger-read';
import { C, type Call } from '../platform/port';
import { writeBatch } from './batch';
import { eachBatch, importRows, problemOf, type Tally } from './import-ledger';
import { withProgress } from './import-progress';
import { matchInArea, personMatch } from './person-match';
import { unitInView } from './unit-in-view';
import { writeRecord } from './write';

/** Refused rows listed in the answer (the page shows them all up to this). */
const LISTED = 200;

/** A row to write: the new entry and its unit; null for someone already on the roster. */
type RosterItem = { unit: Unit; person: Person } | null;

/**
 * 所属单位 among the units the caller may add people at (their areas and all below): a name
 * unique there is that unit even if another township has one of that name. A unit elsewhere in
 * the district is refused as outside the area, not as unknown.
 */
function rosterResolver(units: readonly Unit[], inArea: (u: Unit) => boolean): ResolveUnit {
  const byId = new Map(units.map((u) => [u._id, u]));
  // With the areas' ancestors, so a path from the district ('杏花营镇/前进村') resolves too.
  const reachable = units.filter((u) => inArea(u) || units.some((x) => inArea(x) && x.path.includes(u._id)));
  const mine = unitResolver(reachable);
  const district = unitResolver(units);
  return (ref) => {
    let unit: Unit;
    try {
      unit = mine(ref);
    } catch (err) {
      let elsewhere: Unit | undefined;
      try {
        elsewhere = district(ref);
      } catch {
        throw err;
      }
      unit = elsewhere;
    }
    if (!inArea(unit)) throw new Refusal('FORBIDDEN', `「${unitRefOf(unit, byId)}」不在您的管辖范围内,不能加入您的名册`);
    return unit;
  };
}

export async function importRoster(call: Call, input: RosterImportInput): Promise<RosterImportResult> {
  const areas = grantUnits(call.caller, RECORDERS.person);
  const home = await unitInView(call, RECORDERS.person, input.unitId, '只有培训员、调解员或管理员可以导入名册');
  // The area a unit's people are looked for in: the caller's grant above it, as a walk-in's is the session's area.
  const areaOf = (u: Pick<Unit, 'path'>) => areas.find((a) => u.path.includes(a));
  return withProgress(call.store, call.caller._id, input.importId, call.now, async (onProgress) => {
    const bytes = await call.files.get(input.fileId).catch(() => {
      throw new Refusal('NOT_FOUND', '找不到上传的文件,请重新选择文件');
    });
    const ledger = await openRoster({ name: input.name, bytes });
    const source = ledger.sheets.get('签到')!;
    const resolve = rosterResolver(await call.store.find<Unit>(C.units, {}), (u) => reaches(call.caller, RECORDERS.person, u.path));
    const nowIso = call.now().toISOString();
    // The same person twice in one file: the row they first appeared on.
    const seen = new Map<string, number>();

    const map = async (row: Row, r: { row: number }): Promise<Mapped<RosterItem>> => {
      const m = rosterRow(row, resolve);
      if (!m.ok) return m;
      const { name, phone } = m.value;
      const unit = m.value.unit ?? home;
      const area = areaOf(unit)!;
      const key = personKey(area, name, phone);
      const first = seen.get(key);
      if (first !== undefined) return { ok: false, column: '姓名', reason: `与第${first}行是同一人,已跳过` };
      seen.set(key, r.row);
      const { exact, near } = await matchInArea(call.store, { unitId: area }, { name, phone, unitId: unit._id });
      if (exact) return { ok: true, value: null };
      if (near) {
        const p = await personMatch(call.store, near);
        // The cell that differs from the entry: its name when the phone is the same, else the phone.
        const column = near.phoneKey === normalizePhone(phone) ? '姓名' : '手机号';
        return { ok: false, column, reason: `名册中已有:${p.name} ${p.phone}(${p.unitName}),是同一人吗?请核对后在名册中修改或单独添加` };
      }
      return { ok: true, value: { unit, person: importedPerson(personInputOf(m.value, unit._id), unit.path, call.caller._id, nowIso) } };
    };

    const work = (tally: Tally) =>
      eachBatch(source, call.store, tally, { onProgress }, map, async (batch) => {
        const outcomes = await writeBatch(call.store, batch, async (tx, { item }) => {
          if (!item) return { value: null };
          const written = await writeRecord<Person>(tx, call.caller, {
            coll: C.people,
            id: item.person._id,
            plan: (existing) => {
              assertOpenFor(item.unit, existing, '所属单位');
              return planPersonImport(existing, item.person);
            },
            contributions: () => [],
          });
          return { value: written.action };
        });
        outcomes.forEach((o, i) => (o.ok ? tally.count('签到', o.value) : tally.reject(source, batch[i].source, problemOf('签到', o.refusal))));
      });

    const outcome = await importRows(ledger, work).finally(() => ledger.close());
    const sheet = outcome.sheets[0];
    return {
      added: sheet.created,
      matched: sheet.unchanged,
      refused: sheet.rejected,
      errors: outcome.rejected.slice(0, LISTED).map(({ row, column, reason }) => ({ row, column, reason })),
      warnings: outcome.warnings,
      ...(outcome.stopped ? { stopped: outcome.stopped } : {}),
    };
  });
}
