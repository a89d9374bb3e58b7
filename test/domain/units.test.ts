/** Naming a unit in text: by its path from the district, or by its name alone where unique. */
import { Refusal } from '../../cloudfunctions/core/domain/refusal';
import { resolveUnitRef, unitRefOf, unitResolver } from '../../cloudfunctions/core/domain/units';
import type { Unit, UnitKind } from '../../types/org';

function tree(): Unit[] {
  const out: Unit[] = [];
  const add = (_id: string, name: string, kind: UnitKind, parent?: Unit): Unit => {
    const u = { _id, name, kind, parentId: parent?._id ?? null, path: [...(parent?.path ?? []), _id] };
    out.push(u);
    return u;
  };
  const sfq = add('sfq', '示范区', '区');
  add('sdzx', '区诉调联动中心', '区直', sfq);
  const xhy = add('xhy', '杏花营镇', '乡镇街道', sfq);
  add('xhy-qj', '前进村', '村社区', xhy);
  add('xhy-zz', '张庄村', '村社区', xhy);
  const sd = add('sd', '水稻乡', '乡镇街道', sfq);
  add('sd-zz', '张庄村', '村社区', sd);
  add('sd-mz', '马庄村', '村社区', sd);
  add('xhf', '杏花营农场', '乡镇街道', sfq);
  return out;
}

const units = tree();

function refusal(ref: string): Refusal {
  try {
    resolveUnitRef(units, ref);
  } catch (err) {
    if (err instanceof Refusal) return err;
    throw err;
  }
  throw new Error(`expected a refusal for ${JSON.stringify(ref)}`);
}

describe('resolveUnitRef', () => {
  test.each([
    ['杏花营镇/前进村', 'xhy-qj'],
    ['示范区/杏花营镇/前进村', 'xhy-qj'],
    [' 杏花营镇 / 前进村 ', 'xhy-qj'],
    ['杏花营镇／前进村', 'xhy-qj'],
    ['前进村', 'xhy-qj'],
    ['水稻乡/张庄村', 'sd-zz'],
    ['示范区/水稻乡/张庄村', 'sd-zz'],
    ['杏花营镇', 'xhy'],
    ['示范区/杏花营镇', 'xhy'],
    ['示范区', 'sfq'],
    ['区诉调联动中心', 'sdzx'],
  ])('%s → %s', (ref, id) => {
    expect(resolveUnitRef(units, ref)._id).toBe(id);
  });

  test('a name shared by several units is refused, listing each by its path', () => {
    const r = refusal('张庄村');
    expect(r.code).toBe('INVALID');
    expect(r.message).toBe('有2个单位名为「张庄村」,请写出上级单位,如:水稻乡/张庄村、杏花营镇/张庄村');
  });

  test('an unknown unit is refused, suggesting the units of that name elsewhere', () => {
    const r = refusal('杏花营镇/马庄村');
    expect(r.code).toBe('NOT_FOUND');
    expect(r.message).toBe('找不到单位「杏花营镇/马庄村」,是否指:水稻乡/马庄村');
  });

  test('an unknown unit is refused, suggesting units whose names contain it', () => {
    expect(refusal('杏花营').message).toBe('找不到单位「杏花营」,是否指:杏花营农场、杏花营镇');
  });

  test('a path in the wrong order, or from below the district, is not a path', () => {
    expect(refusal('前进村/杏花营镇').code).toBe('NOT_FOUND');
    expect(refusal('区/杏花营镇/前进村').code).toBe('NOT_FOUND');
  });

  test('nothing like it: says so in Chinese', () => {
    expect(refusal('不存在村').message).toBe('找不到单位「不存在村」,请检查单位名称');
  });

  test('an empty reference is refused', () => {
    expect(refusal(' / ').code).toBe('INVALID');
    expect(refusal('').message).toMatch(/[\u4e00-\u9fff]/);
  });

  test('one resolver serves many lookups (as the ledger import uses it)', () => {
    const resolve = unitResolver(units);
    expect(['前进村', '水稻乡/张庄村', '示范区'].map((r) => resolve(r)._id)).toEqual(['xhy-qj', 'sd-zz', 'sfq']);
  });

  test('unitRefOf gives back what resolveUnitRef accepts', () => {
    const byId = new Map(units.map((u) => [u._id, u]));
    for (const u of units) expect(resolveUnitRef(units, unitRefOf(u, byId))).toBe(u);
    expect(unitRefOf(byId.get('sd-zz')!, byId)).toBe('水稻乡/张庄村');
    expect(unitRefOf(byId.get('sfq')!, byId)).toBe('示范区');
  });
});
