/**
 * 组织架构 through the `org` function: units added and renamed with names unique under a parent,
 * retired (no new records, history stays in the figures), and moved with everything under them:
 * a village with 1,000 records changes township, the old and new townships' figures change by
 * exactly the village's, the district's not at all, and a recount finds nothing to correct, also
 * after a move that stopped halfway and was sent again. Only admins reaching the unit (and both
 * parents) may change the tree.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readRollups } from '../../cloudfunctions/core/app/queries/rollups';
import { recount } from '../../cloudfunctions/core/app/recount';
import { moveUnit } from '../../cloudfunctions/core/app/tree';
import { LocalFileStore } from '../../cloudfunctions/core/platform/adapters/files-local';
import { C, type Store } from '../../cloudfunctions/core/platform/port';
import type { Dispute } from '../../types/dispute';
import type { AuditEntry } from '../../types/ledger';
import type { Unit, User } from '../../types/org';
import { LAW_PERSON_TRAINING, type Person, type PersonSaveResult, type Publicity, type Training } from '../../types/training';
import type { MoveProgress, TreeView } from '../../types/tree';
import { caseInput, demoWorld, expectError, expectOk, type World } from '../support/world';

const ADMIN = 'demo-admin';
const MEDIATOR = 'demo-mediator';
const TRAINER = 'demo-trainer';
const TOWNSHIP = 'demo-township';
const DISTRICT_SUPERVISOR = 'demo-district';

let w: World;
beforeEach(async () => {
  w = await demoWorld(0);
});
afterEach(() => w.store.close());

const unit = async (id: string) => (await w.store.get<Unit>(C.units, id))!;
const add = (name: string, parentId: string, kind: Unit['kind'] = '村社区', id = `u-${name}-${parentId}`.replace(/[^A-Za-z0-9_-]/g, 'x').padEnd(8, 'x')) =>
  w.call<Unit>(ADMIN, 'org', 'add', { id, name, kind, parentId });
const move = (unitId: string, parentId: string, as = ADMIN) => w.call<MoveProgress>(as, 'org', 'move', { unitId, parentId });

let serial = 0;
const id = (kind: string) => `org-${kind}-${String(++serial).padStart(6, '0')}`;

/** 2025's counters of these units, by unit. */
async function year(...unitIds: string[]): Promise<Record<string, Record<string, number>>> {
  const read = await readRollups(w.store, unitIds, ['2025']);
  return Object.fromEntries(unitIds.map((u) => [u, read(u, '2025')]));
}

describe('adding and renaming', () => {
  test('an admin adds a village under a township; it is in the tree, audited, and sending it again adds nothing', async () => {
    const input = { id: 'new-village-01', name: '新建村', kind: '村社区', parentId: 'xhy' };
    const added = expectOk(await w.call<Unit>(ADMIN, 'org', 'add', input));
    expect(added).toEqual({ _id: 'new-village-01', name: '新建村', kind: '村社区', parentId: 'xhy', path: ['sfq', 'xhy', 'new-village-01'] });
    expect(expectOk(await w.call<Unit>(ADMIN, 'org', 'add', input))).toEqual(added);
    expect(await w.store.count(C.units, { name: '新建村' })).toBe(1);
    const audit = await w.store.find<AuditEntry>(C.audit, { coll: 'units', recordId: 'new-village-01' });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'create', by: ADMIN });
    const tree = expectOk(await w.call<TreeView>(ADMIN, 'org', 'tree'));
    expect(tree.roots).toEqual(['sfq']);
    expect(tree.units.map((u) => u._id)).toContain('new-village-01');
    // Records may go there at once.
    expectOk(await w.call(TRAINER, 'publicity', 'save', { id: id('pub'), unitId: 'new-village-01', date: '2025-04-01', title: '普法赶集', materials: 10, consulted: 2 }));
  });

  test('names are unique under a parent (trimmed, as typed), free under another', async () => {
    const dup = expectError(await add(' 前进村 ', 'xhy'), 'CONFLICT');
    expect(dup.message).toBe('「杏花营镇」下已有名为「前进村」的单位');
    expectOk(await add('前进村', 'sd'));
    expectOk(await add('前进社区', 'xhy'));
    expectError(await w.call(ADMIN, 'org', 'rename', { unitId: 'xhy-sl', name: '前进村' }), 'CONFLICT');
    expect((await unit('xhy-sl')).name).toBe('孙李唐村');
    // Another id under the same name is refused even when everything else matches.
    expectError(await w.call(ADMIN, 'org', 'add', { id: 'other-id-001', name: '张庄村', kind: '村社区', parentId: 'xhy' }), 'CONFLICT');
  });

  test('kinds: a village holds no units, a township only villages', async () => {
    expect(expectError(await add('小组', 'xhy-qj'), 'INVALID').message).toBe('「前进村」是村社区,其下不能再设单位');
    expect(expectError(await add('某镇', 'xhy', '乡镇街道'), 'INVALID').message).toBe('「杏花营镇」(乡镇街道)下只能设村社区');
    expectOk(await add('新镇', 'sfq', '乡镇街道'));
  });

  test('a rename keeps the id: records, figures and the name a lock shows follow', async () => {
    const c = expectOk(await w.call<Dispute>(MEDIATOR, 'dispute', 'save', caseInput({ id: id('case') })));
    expectOk(await w.call(DISTRICT_SUPERVISOR, 'rollup', 'lock', { unitId: 'xhy-qj', period: '2024' }));
    const renamed = expectOk(await w.call<Unit>(ADMIN, 'org', 'rename', { unitId: 'xhy-qj', name: ' 前进新村 ' }));
    expect(renamed).toMatchObject({ _id: 'xhy-qj', name: '前进新村', path: ['sfq', 'xhy', 'xhy-qj'] });
    expect((await w.store.get<Dispute>(C.disputes, c._id))!.unitPath).toEqual(['sfq', 'xhy', 'xhy-qj']);
    expect((await w.store.find<{ _id: string; unitName: string }>(C.locks, { unitId: 'xhy-qj' }))[0].unitName).toBe('前进新村');
    const audit = await w.store.find<AuditEntry>(C.audit, { coll: 'units', recordId: 'xhy-qj' });
    expect(audit.map((a) => a.changes)).toEqual([{ name: ['前进村', '前进新村'] }]);
  });
});

describe('retiring', () => {
  test('a retired village takes no new record, its old ones can still be corrected, and its figures stay', async () => {
    const old = expectOk(await w.call<Dispute>(MEDIATOR, 'dispute', 'save', caseInput({ id: id('case') })));
    const before = await year('xhy-qj', 'xhy', 'sfq');
    expectOk(await w.call(ADMIN, 'org', 'retire', { unitId: 'xhy-qj', retired: true }));
    expect((await unit('xhy-qj')).retired).toBe(true);

    const refused = expectError(await w.call(MEDIATOR, 'dispute', 'save', caseInput({ id: id('case') })), 'INVALID');
    expect(refused.message).toBe('该单位已撤销,不能新增记录');
    expect(refused.fields).toEqual({ unitId: '该单位已撤销,不能新增记录' });
    expectError(await w.call(TRAINER, 'training', 'save', { id: id('tr'), unitId: 'xhy-qj', category: LAW_PERSON_TRAINING, date: '2025-05-01', topic: '宪法', trainer: '王', place: '村部', hours: 1 }), 'INVALID');
    expectError(await w.call(TRAINER, 'publicity', 'save', { id: id('pub'), unitId: 'xhy-qj', date: '2025-05-01', title: '宣传', materials: 1, consulted: 1 }), 'INVALID');
    expectError(await w.call(TRAINER, 'person', 'save', { id: id('p'), unitId: 'xhy-qj', name: '王五', phone: '13700000001', isLawPerson: true }), 'INVALID');
    expect(await year('xhy-qj', 'xhy', 'sfq')).toEqual(before);

    // Correcting a case already recorded there is not a new record.
    expectOk(await w.call(MEDIATOR, 'dispute', 'save', caseInput({ id: old._id, amountFen: 100, baseVersion: 1 })));
    expect((await year('xhy-qj'))['xhy-qj'].D2).toBe(100);

    expectOk(await w.call(ADMIN, 'org', 'retire', { unitId: 'xhy-qj', retired: false }));
    expect((await unit('xhy-qj')).retired).toBeUndefined();
    expectOk(await w.call(MEDIATOR, 'dispute', 'save', caseInput({ id: id('case') })));
    const audit = await w.store.find<AuditEntry>(C.audit, { coll: 'units', recordId: 'xhy-qj' });
    expect(audit.map((a) => a.changes)).toEqual(expect.arrayContaining([{ retired: [false, true] }, { retired: [true, false] }]));
  });

  test('the district cannot be retired; a township only once its villages are moved or retired; nothing opens under a retired unit', async () => {
    expect(expectError(await w.call(ADMIN, 'org', 'retire', { unitId: 'sfq', retired: true }), 'INVALID').message).toBe('区级单位不能撤销');
    expect(expectError(await w.call(ADMIN, 'org', 'retire', { unitId: 'jy', retired: true }), 'INVALID').message).toContain('还有2个未撤销的单位');
    for (const v of ['jy-hx', 'jy-xf']) expectOk(await w.call(ADMIN, 'org', 'retire', { unitId: v, retired: true }));
    expectOk(await w.call(ADMIN, 'org', 'retire', { unitId: 'jy', retired: true }));
    expectError(await add('新社区', 'jy'), 'INVALID');
    expectError(await move('xhy-qj', 'jy'), 'INVALID');
    expect(expectError(await w.call(ADMIN, 'org', 'retire', { unitId: 'jy-hx', retired: false }), 'INVALID').message).toContain('请先恢复上级单位');
  });
});

describe('moving', () => {
  /** 前进村 with 1,000 records: 880 cases, 60 people, 30 “法律明白人” sessions attended (some people also at 杏花营镇's own), 30 activities. */
  async function seedVillage(): Promise<Person[]> {
    for (let i = 0; i < 880; i++) {
      const month = String((i % 12) + 1).padStart(2, '0');
      const closed = i % 3 !== 0;
      expectOk(
        await w.call(MEDIATOR, 'dispute', 'save', caseInput({
          id: id('case'), acceptedDate: `2025-${month}-02`, resolvedDate: closed ? `2025-${month}-20` : undefined,
          outcome: closed ? '调解成功' : '在办', channel: i % 5 === 0 ? '警调' : '民调', type: i % 2 ? '邻里' : '婚姻家庭', amountFen: 1000 * i,
        })),
      );
    }
    const people: Person[] = [];
    for (let i = 0; i < 60; i++) {
      const r = expectOk(await w.call<PersonSaveResult>(TRAINER, 'person', 'save', { id: id('p'), unitId: 'xhy-qj', name: `村民${i}`, phone: `1370000${String(i).padStart(4, '0')}`, isLawPerson: true }));
      if (r.kind === 'saved') people.push(r.person);
    }
    const session = async (unitId: string, month: string, attendees: Person[]) => {
      const t = expectOk(await w.call<Training>(TRAINER, 'training', 'save', {
        id: id('tr'), unitId, category: LAW_PERSON_TRAINING, date: `2025-${month}-10`, topic: '民法典', trainer: '王培训', place: '村部', hours: 2,
      }));
      for (const p of attendees) expectOk(await w.call(TRAINER, 'training', 'attend', { trainingId: t._id, personId: p._id, present: true }));
    };
    for (let i = 0; i < 30; i++) await session('xhy-qj', String((i % 6) + 1).padStart(2, '0'), people.slice(i % 20, (i % 20) + 8));
    // The same people at the township's own session: 杏花营镇 keeps counting them after 前进村 leaves.
    await session('xhy', '03', people.slice(0, 10));
    for (let i = 0; i < 30; i++) {
      expectOk(await w.call<Publicity>(TRAINER, 'publicity', 'save', { id: id('pub'), unitId: 'xhy-qj', date: `2025-0${(i % 9) + 1}-15`, title: '普法宣传', materials: 100 + i, consulted: i }));
    }
    return people;
  }

  const without = (a: Record<string, number>, b: Record<string, number>, sign: 1 | -1) => {
    const out: Record<string, number> = { ...a };
    for (const [k, n] of Object.entries(b)) {
      if (k === 'T2') continue;
      out[k] = (out[k] ?? 0) + sign * n;
      if (!out[k]) delete out[k];
    }
    delete out.T2;
    return out;
  };

  test('a village with 1,000 records moves to another township: both townships change by exactly its figures, the district not at all, recount clean', async () => {
    const inVillage = async () => {
      let n = 0;
      for (const coll of [C.disputes, C.people, C.trainings, C.publicity]) n += await w.store.count(coll, { unitPath: 'xhy-qj' });
      return n;
    };
    const seeded = await inVillage();
    await seedVillage();
    expect(await inVillage()).toBe(seeded + 1000);
    const before = await year('xhy-qj', 'xhy', 'sd', 'sfq');
    expect((await recount(w.store, false)).differences).toEqual([]);
    // Who may fetch a kept file or use an invitation is decided by the unitPath they keep.
    await w.store.set(C.files, { _id: 'exports/f1.xlsx', by: ADMIN, unitPath: ['sfq', 'xhy', 'xhy-qj'], at: '2025-06-01T00:00:00.000Z' });
    await w.store.set(C.invitations, { _id: 'inv-000001', unitId: 'xhy-qj', unitPath: ['sfq', 'xhy', 'xhy-qj'] });

    const done = expectOk(await move('xhy-qj', 'sd'));
    expect(done).toEqual({ unitId: 'xhy-qj', toParentId: 'sd', state: 'done', done: seeded + 1002, total: seeded + 1002 });
    expect(await unit('xhy-qj')).toMatchObject({ parentId: 'sd', path: ['sfq', 'sd', 'xhy-qj'] });
    for (const [coll, docId] of [[C.files, 'exports/f1.xlsx'], [C.invitations, 'inv-000001']]) {
      expect((await w.store.get<{ _id: string; unitPath: string[] }>(coll, docId))!.unitPath).toEqual(['sfq', 'sd', 'xhy-qj']);
    }
    for (const coll of [C.disputes, C.people, C.trainings, C.publicity]) {
      expect(await w.store.count(coll, { $and: [{ unitPath: 'xhy' }, { unitPath: 'xhy-qj' }] })).toBe(0);
      expect(await w.store.count(coll, { $and: [{ unitPath: 'sd' }, { unitPath: 'xhy-qj' }] })).toBe(await w.store.count(coll, { unitPath: 'xhy-qj' }));
    }

    const after = await year('xhy-qj', 'xhy', 'sd', 'sfq');
    expect(after['xhy-qj']).toEqual(before['xhy-qj']);
    expect(after.sfq).toEqual(before.sfq);
    expect(without(after.xhy, {}, 1)).toEqual(without(before.xhy, before['xhy-qj'], -1));
    expect(without(after.sd, {}, 1)).toEqual(without(before.sd, before['xhy-qj'], 1));
    // Distinct people: 水稻乡 gains everyone who attended at 前进村; 杏花营镇 keeps the ten who also attended its own session.
    expect(after.sd.T2 ?? 0).toBe((before.sd.T2 ?? 0) + before['xhy-qj'].T2);
    expect(after.xhy.T2).toBe(10);
    expect((await recount(w.store, false)).differences).toEqual([]);

    // Records and figures then follow the unit's new place.
    expectOk(await w.call(MEDIATOR, 'dispute', 'save', caseInput({ id: id('case') })));
    expect((await year('sd')).sd.accepted).toBe(after.sd.accepted + 1);
    expect((await recount(w.store, false)).differences).toEqual([]);
    const progress = expectOk(await w.call<MoveProgress>(ADMIN, 'org', 'moveProgress', { unitId: 'xhy-qj' }));
    expect(progress.state).toBe('done');
  });

  test('a move that dies halfway leaves exact figures, and sending it again finishes it', async () => {
    for (let i = 0; i < 40; i++) expectOk(await w.call(MEDIATOR, 'dispute', 'save', caseInput({ id: id('case') })));
    const before = await year('xhy', 'sd');
    const admin = (await w.store.get<User>(C.users, ADMIN))!;
    let transactions = 0;
    const dying: Store = Object.create(w.store, {
      batchSize: { value: 7 },
      transaction: {
        value: <R>(fn: Parameters<Store['transaction']>[0]) => {
          // From the fourth on: a process that died writes nothing more (batch.ts retries a failed batch row by row).
          if (++transactions >= 4) throw new Error('process died');
          return w.store.transaction(fn) as Promise<R>;
        },
      },
    });
    const files = new LocalFileStore(fs.mkdtempSync(path.join(os.tmpdir(), 'fazhi-org-')));
    await expect(moveUnit({ store: dying, files, now: () => new Date(), caller: admin }, { unitId: 'xhy-qj', parentId: 'sd' })).rejects.toThrow('process died');
    // Half moved: some cases already count at 水稻乡, the rest still at 杏花营镇; none twice.
    const half = await year('xhy', 'sd');
    expect(half.sd.accepted).toBeGreaterThan(0);
    expect(half.xhy.accepted + half.sd.accepted).toBe(before.xhy.accepted + (before.sd.accepted ?? 0));
    expect((await recount(w.store, false)).differences).toEqual([]);
    // Another move waits for this one; this one goes on to the same parent only.
    expectError(await move('xhy-sl', 'sd'), 'CONFLICT');
    expectError(await move('xhy-qj', 'jy'), 'CONFLICT');

    expect(expectOk(await move('xhy-qj', 'sd')).state).toBe('done');
    const after = await year('xhy', 'sd');
    expect(after.xhy.accepted ?? 0).toBe(before.xhy.accepted - 40);
    expect(after.sd.accepted).toBe((before.sd.accepted ?? 0) + 40);
    expect((await recount(w.store, false)).differences).toEqual([]);
    expect(await unit('xhy-qj')).toMatchObject({ parentId: 'sd', path: ['sfq', 'sd', 'xhy-qj'] });
  });

  test('a township cannot go under another; a village moves on and back and its figures follow', async () => {
    expectOk(await w.call(MEDIATOR, 'dispute', 'save', caseInput({ id: id('case') })));
    expect(expectError(await move('xhy', 'sd'), 'INVALID').message).toBe('「水稻乡」(乡镇街道)下只能设村社区');
    expectOk(await move('xhy-qj', 'jy'));
    expectOk(await move('xhy-qj', 'xhy'));
    expect(await unit('xhy-qj')).toMatchObject({ parentId: 'xhy', path: ['sfq', 'xhy', 'xhy-qj'] });
    expect((await recount(w.store, false)).differences).toEqual([]);
  });

  test('where a unit may not go: the district, under itself, a name taken there, a locked period it would change', async () => {
    expectOk(await w.call(MEDIATOR, 'dispute', 'save', caseInput({ id: id('case') })));
    expect(expectError(await move('sfq', 'xhy'), 'INVALID').message).toBe('区级单位不能移动');
    expect(expectError(await move('xhy', 'xhy-qj'), 'INVALID').message).toBe('不能把「杏花营镇」移到它自己或它的下级单位之下');
    expectOk(await add('前进村', 'sd'));
    expect(expectError(await move('xhy-qj', 'sd'), 'CONFLICT').message).toBe('「水稻乡」下已有名为「前进村」的单位');

    // 前进村 has 2025 cases: 杏花营镇's locked 2025 would lose them. A lock of a year it has nothing in does not stand in the way.
    expectOk(await w.call(DISTRICT_SUPERVISOR, 'rollup', 'lock', { unitId: 'xhy', period: '2025' }));
    expectOk(await w.call(DISTRICT_SUPERVISOR, 'rollup', 'lock', { unitId: 'jy', period: '2024' }));
    const locked = expectError(await move('xhy-qj', 'jy'), 'LOCKED');
    expect(locked.message).toContain('「杏花营镇」2025年已锁定');
    expect(await unit('xhy-qj')).toMatchObject({ parentId: 'xhy' });
    expectOk(await w.call(DISTRICT_SUPERVISOR, 'rollup', 'unlock', { unitId: 'xhy', period: '2025', reason: '调整区划' }));
    expectOk(await move('xhy-qj', 'jy'));
    expect((await recount(w.store, false)).differences).toEqual([]);
  });
});

describe('who may change the tree', () => {
  test('only admins, only where they reach: a township admin cannot move a village to another township', async () => {
    await w.store.set<User>(C.users, { _id: 'xhy-admin', name: '镇管理员', roles: [{ role: 'admin', unitId: 'xhy' }] });
    for (const who of [TOWNSHIP, DISTRICT_SUPERVISOR, MEDIATOR]) {
      expectError(await w.call(who, 'org', 'add', { id: 'refused-001', name: '新村', kind: '村社区', parentId: 'xhy' }), 'FORBIDDEN');
      expectError(await w.call(who, 'org', 'rename', { unitId: 'xhy-qj', name: '改名村' }), 'FORBIDDEN');
      expectError(await w.call(who, 'org', 'retire', { unitId: 'xhy-qj', retired: true }), 'FORBIDDEN');
      expectError(await move('xhy-qj', 'sd', who), 'FORBIDDEN');
      expectError(await w.call(who, 'org', 'tree'), 'FORBIDDEN');
    }
    expect(expectError(await move('xhy-qj', 'sd', 'xhy-admin'), 'FORBIDDEN').message).toBe('您没有在「水稻乡」进行此操作的权限');
    expectError(await w.call('xhy-admin', 'org', 'add', { id: 'refused-002', name: '新村', kind: '村社区', parentId: 'sd' }), 'FORBIDDEN');
    expectOk(await w.call('xhy-admin', 'org', 'add', { id: 'allowed-001', name: '新村', kind: '村社区', parentId: 'xhy' }));
    expect(expectOk(await w.call<TreeView>('xhy-admin', 'org', 'tree')).units.every((u) => u.path.includes('xhy'))).toBe(true);
    expect(await unit('xhy-qj')).toMatchObject({ name: '前进村', parentId: 'xhy' });
    expect(await w.store.count(C.moves, {})).toBe(0);
  });
});
