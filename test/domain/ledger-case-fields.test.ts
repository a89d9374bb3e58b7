/**
 * The 矛盾纠纷 columns the monthly statistics need (issue 14): 来源, 涉及人数 and one column per
 * prevention kind holding its people. Optional: a ledger without them reads as it always did;
 * a bad value is rejected at its column with a Chinese reason; an export writes them back.
 */
import { readHeader } from '../../cloudfunctions/core/domain/ledger/columns';
import { disputeCells } from '../../cloudfunctions/core/domain/ledger/export';
import { disputeRow } from '../../cloudfunctions/core/domain/ledger/rows';
import type { Cell } from '../../cloudfunctions/core/domain/ledger/cells';
import type { Dispute } from '../../types/dispute';
import { COLUMNS } from '../../types/import';
import type { Unit } from '../../types/org';

const unit: Unit = { _id: 'xhy-qj', name: '前进村', kind: '村社区', parentId: 'xhy', path: ['sfq', 'xhy', 'xhy-qj'] };

/** The columns an older ledger has: the contract's before issue 14. */
const OLD_COLUMNS = ['编号', '单位', '调解员', '受理日期', '调结日期', '纠纷类型', '渠道', '调解结果', '协议形式', '涉及金额(元)', '当事人数', '锦旗(面)', '简要情况'];

const CASE: Record<string, Cell> = {
  编号: 'L-001', 单位: '前进村', 调解员: '李调解', 受理日期: '2024-03-07', 调结日期: '2024-03-09', 纠纷类型: '邻里', 渠道: '诉调',
  调解结果: '调解成功', 协议形式: '书面', '涉及金额(元)': 1200, 当事人数: 2, '锦旗(面)': 0, 简要情况: '宅前排水沟纠纷',
};

/** A data row under `columns` (a header as the file has it), read through the header as an import reads it. */
function rowUnder(columns: readonly string[], cells: Record<string, Cell>) {
  const header = readHeader('矛盾纠纷', columns);
  return { header, row: (c: string) => (header.index.has(c) ? (cells[c] ?? null) : null) };
}

const inputOf = (r: ReturnType<typeof disputeRow>) => (r.ok ? r.value.input : r);

const read = (cells: Record<string, Cell>, columns: readonly string[] = COLUMNS.矛盾纠纷) => disputeRow(rowUnder(columns, cells).row, () => unit);

describe('an older ledger without the columns', () => {
  test('reads without a word about them, and its case has none of the fields (来源 follows the channel)', () => {
    const { header } = rowUnder(OLD_COLUMNS, CASE);
    expect(header.warnings).toEqual([]);
    const r = read(CASE, OLD_COLUMNS);
    expect(r.ok).toBe(true);
    const input = r.ok ? r.value.input : undefined;
    expect(input?.source).toBeUndefined();
    expect(input?.involvedPeople).toBeUndefined();
    expect(input?.prevention).toBeUndefined();
  });

  test('blank cells in the new columns are the same as no columns', () => {
    const blank = { ...CASE, 来源: '', 涉及人数: '', '防止民转刑(人)': '', '防止群体性上访(人)': null };
    expect(inputOf(read(blank))).toEqual(inputOf(read(CASE, OLD_COLUMNS)));
  });
});

describe('the new columns, read', () => {
  test('来源, 涉及人数 and the people of each flagged kind; 0 leaves a kind unflagged', () => {
    const r = read({ ...CASE, 来源: '主动调解', 涉及人数: '1,200', '防止民转刑(人)': 3, '防止群体性上访(人)': '45', '防止群体性械斗(人)': 0 });
    expect(r).toMatchObject({ ok: true });
    const input = r.ok ? r.value.input : undefined;
    expect(input?.source).toBe('主动调解');
    expect(input?.involvedPeople).toBe(1200);
    expect(input?.prevention).toEqual({ 防止民转刑: 3, 防止群体性上访: 45 });
  });

  test('column order is free', () => {
    const columns = [...COLUMNS.矛盾纠纷].reverse();
    const r = read({ ...CASE, 来源: '申请调解', '防止民间纠纷引起自杀(人)': 1 }, columns);
    expect(r.ok && [r.value.input.source, r.value.input.prevention]).toEqual(['申请调解', { 防止民间纠纷引起自杀: 1 }]);
  });

  test.each([
    ['来源', '法院移送', '来源只能是主动调解、申请调解或接受委托移送'],
    ['涉及人数', '许多', '涉及人数须为数字'],
    ['涉及人数', -5, '涉及人数不能为负数'],
    ['涉及人数', 2.5, '涉及人数须为整数'],
    ['防止民转刑(人)', '三人', '防止民转刑人数须为数字'],
    ['防止群体性械斗(人)', -2, '防止群体性械斗人数不能为负数'],
    ['防止民间纠纷引起自杀(人)', 1.5, '防止民间纠纷引起自杀人数须为整数'],
    ['防止群体性上访(人)', 200_000, '防止群体性上访人数超出合理范围'],
  ])('a refused %s (%j) is reported at that column: %s', (column, cell, reason) => {
    expect(read({ ...CASE, [column]: cell })).toEqual({ ok: false, column, reason });
  });
});

describe('the export writes them where the import reads them', () => {
  const stored = {
    _id: 'case0042', unitId: 'xhy-qj', unitPath: unit.path, acceptedDate: '2024-03-07', resolvedDate: '2024-03-09', type: '邻里',
    channel: '诉调', outcome: '调解成功', agreementForm: '书面', amountFen: 120000, parties: 2, banners: 0, summary: '宅前排水沟纠纷',
    mediatorId: 'm', mediatorName: '李调解', version: 1, deleted: false, createdAt: '', updatedAt: '',
  } as Dispute;

  test.each([
    ['with every field', { source: '主动调解', involvedPeople: 30, prevention: { 防止民转刑: 3, 防止群体性上访: 30 } }],
    ['with none (来源 left to its default)', {}],
  ] as const)('a case %s comes back as the same input', (_, fields) => {
    const d = { ...stored, ...fields } as Dispute;
    const cells = disputeCells(d, '前进村');
    expect(cells).toHaveLength(COLUMNS.矛盾纠纷.length);
    const r = read(Object.fromEntries(COLUMNS.矛盾纠纷.map((c, i) => [c, cells[i]])));
    expect(r.ok).toBe(true);
    const input = r.ok ? r.value.input : undefined;
    expect({ source: input?.source, involvedPeople: input?.involvedPeople, prevention: input?.prevention }).toEqual({
      source: d.source, involvedPeople: d.involvedPeople, prevention: d.prevention,
    });
  });
});
