/**
 * 名册: one real person is one roster entry. A new entry with the same unit, name and
 * phone (however the phone is spelled) is offered back instead of created.
 */
import { C } from '../../cloudfunctions/core/platform/port';
import type { AttendResult, Person, PersonInput, PersonSaveResult, Roster, Training } from '../../types/training';
import { demoWorld, expectError, expectOk, snapshot, type World } from '../support/world';

const TRAINER = 'demo-trainer';

let w: World;
beforeEach(async () => {
  w = await demoWorld(6);
});
afterEach(() => w.store.close());

let serial = 0;
function input(overrides: Partial<PersonInput> = {}): PersonInput {
  serial += 1;
  return { id: `test-person-${serial}`, unitId: 'xhy-qj', name: '张三', phone: '13800138000', isLawPerson: true, ...overrides };
}

async function save(p: PersonInput, as = TRAINER): Promise<PersonSaveResult> {
  return expectOk(await w.call<PersonSaveResult>(as, 'person', 'save', p));
}

async function saved(p: PersonInput): Promise<Person> {
  const r = await save(p);
  if (r.kind !== 'saved') throw new Error('expected a new entry');
  return r.person;
}

describe('duplicate detection', () => {
  test.each(['13800138000', '138 0013 8000', '138-0013-8000', '+86 13800138000'])(
    'same unit, same name, phone %p → the existing entry is offered, nothing written',
    async (spelling) => {
      const first = await saved(input());
      const before = await snapshot(w.store);
      const r = await save(input({ phone: spelling }));
      expect(r.kind).toBe('duplicate');
      expect(r.kind === 'duplicate' && r.existing._id).toBe(first._id);
      expect(await snapshot(w.store)).toEqual(before);
    },
  );

  test('the stored phone key is the same for every spelling', async () => {
    const keys = await Promise.all(
      ['13800138000', '138 0013 8000', '138-0013-8000', '+86 13800138000'].map(async (phone, i) =>
        (await saved(input({ phone, unitId: ['xhy-qj', 'xhy-sl', 'xhy-zz', 'xhy'][i] }))).phoneKey,
      ),
    );
    expect(new Set(keys)).toEqual(new Set(['13800138000']));
  });

  test('spaces inside the name are spelling too', async () => {
    const first = await saved(input());
    const r = await save(input({ name: '张 三', phone: '138 0013 8000' }));
    expect(r.kind === 'duplicate' && r.existing._id).toBe(first._id);
  });

  test('another unit, another name or another phone is another person', async () => {
    await saved(input());
    for (const other of [input({ unitId: 'xhy-sl' }), input({ name: '张四' }), input({ phone: '13800138001' })]) {
      expect((await save(other)).kind).toBe('saved');
    }
  });

  test('confirmNew creates the second entry anyway; resending it is still one entry', async () => {
    await saved(input());
    const again = input({ phone: '138-0013-8000', confirmNew: true });
    const second = await saved(again);
    expect((await saved(again))._id).toBe(second._id);
    expect(await w.store.count(C.people, { unitId: 'xhy-qj', phoneKey: '13800138000' })).toBe(2);
  });

  test('resending a saved entry (same id) returns it rather than calling it a duplicate of itself', async () => {
    const p = input();
    const first = await saved(p);
    const r = await save(p);
    expect(r).toEqual({ kind: 'saved', person: first });
  });

  test('after an edit of the phone, duplicates are found by the new phone, not the old one', async () => {
    const first = await saved(input());
    const edited = await saved({ ...input(), id: first._id, phone: '139 0013 9000', baseVersion: first.version });
    expect(edited.phoneKey).toBe('13900139000');
    const r = await save(input({ phone: '+86 13900139000' }));
    expect(r.kind === 'duplicate' && r.existing._id).toBe(first._id);
    expect((await save(input({ phone: '13800138000' }))).kind).toBe('saved');
  });

  test('a walk-in who is already on the roster is ticked as that person, not added again', async () => {
    const first = await saved(input());
    const t = expectOk(
      await w.call<Training>(TRAINER, 'training', 'save', {
        id: 'test-training-walkin', unitId: 'xhy', category: '专题培训', date: '2025-03-07', topic: '人民调解实务',
      }),
    );
    const peopleBefore = await w.store.count(C.people, {});
    const r = expectOk(
      await w.call<AttendResult & { person: Person }>(TRAINER, 'training', 'walkIn', { trainingId: t._id, person: input({ phone: '138-0013-8000' }) }),
    );
    expect(r.person._id).toBe(first._id);
    expect(r.attendeeCount).toBe(1);
    expect(await w.store.count(C.people, {})).toBe(peopleBefore);
  });
});

describe('roster', () => {
  test('lists the area with masked phones, searches by name, narrows to a village', async () => {
    await saved(input({ name: '欧阳娜娜', phone: '+86 138 0013 8000' }));
    const all = expectOk(await w.call<Roster>(TRAINER, 'person', 'roster', {}));
    expect(all.total).toBe(36 + 1);
    for (const p of all.items) {
      expect(p.phone).toMatch(/^(\d{3}\*{4}\d{4})?$/);
      expect(p.phoneKey).toBe('');
    }
    const found = expectOk(await w.call<Roster>(TRAINER, 'person', 'roster', { q: '娜娜' }));
    expect(found.items.map((p) => [p.name, p.phone])).toEqual([['欧阳娜娜', '138****8000']]);
    // Search text is text, not a pattern.
    expect(expectOk(await w.call<Roster>(TRAINER, 'person', 'roster', { q: '.*' })).total).toBe(0);
    const village = expectOk(await w.call<Roster>(TRAINER, 'person', 'roster', { villageId: 'xhy-sl', limit: 1000 }));
    expect(village.total).toBe(12);
    expect(village.items.every((p) => p.unitId === 'xhy-sl')).toBe(true);
  });

  test('people of the same name page in a fixed order (name, then id): none skipped or repeated', async () => {
    const ids = ['test-person-same-3', 'test-person-same-1', 'test-person-same-2'];
    for (const [i, id] of ids.entries()) await saved(input({ id, name: '同名人', phone: `1390000000${i}` }));
    const paged: string[] = [];
    for (let skip = 0; skip < 3; skip++) {
      const page = expectOk(await w.call<Roster>(TRAINER, 'person', 'roster', { q: '同名人', skip, limit: 1 }));
      paged.push(...page.items.map((p) => p._id));
    }
    expect(paged).toEqual([...ids].sort());
  });

  test('a roster outside my area is refused', async () => {
    expectError(await w.call(TRAINER, 'person', 'roster', { unitId: 'jy' }), 'FORBIDDEN');
    expectError(await w.call(TRAINER, 'person', 'save', input({ unitId: 'jy-hx' })), 'FORBIDDEN');
  });
});
