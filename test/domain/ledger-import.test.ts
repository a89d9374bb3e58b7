/**
 * The ledger format's spellings and shapes, without a store: dates, amounts and phones as
 * ledgers write them, header rows, ids that follow from 编号, the CSV parser, and workbooks as
 * Excel saves them (shared strings, date cells, a title row above the header, blank cells).
 */
import { Workbook } from 'exceljs';
import { dateOf, fenOf, numberOf, textOf } from '../../cloudfunctions/core/domain/ledger/cells';
import { isHeaderRow, readHeader } from '../../cloudfunctions/core/domain/ledger/columns';
import { ledgerPersonId, ledgerRecordId } from '../../cloudfunctions/core/domain/ledger/ids';
import { mediatorFinder } from '../../cloudfunctions/core/domain/ledger/records';
import { publicityRow, trainingRow } from '../../cloudfunctions/core/domain/ledger/rows';
import { COLUMNS } from '../../types/import';
import { CsvParser } from '../../cloudfunctions/core/files/csv';
import { openLedger } from '../../cloudfunctions/core/files/ledger-read';
import { openXlsx } from '../../cloudfunctions/core/files/xlsx-read';
import { normalizePhone } from '../../types/phone';
import type { Unit, User } from '../../types/org';

describe('spellings', () => {
  test.each([
    ['2024-03-07', '2024-03-07'],
    ['2024/3/7', '2024-03-07'],
    ['2024.3.7', '2024-03-07'],
    ['2024年3月7日', '2024-03-07'],
    ['2024年03月07', '2024-03-07'],
    [' 2024/12/31 ', '2024-12-31'],
    ['2024/3/7 0:00', '2024-03-07'],
    ['2024-03-07T08:30:00', '2024-03-07'],
    // Left as written for the shared schema to refuse with its own message.
    ['3/7/2024', '3/7/2024'],
    ['2024-02-30', '2024-02-30'],
    ['', undefined],
  ])('date %j → %j', (cell, date) => {
    expect(dateOf(cell)).toBe(date);
  });

  test('Excel date cells: a date (read at UTC midnight) and a bare serial day', () => {
    expect(dateOf(new Date(Date.UTC(2024, 2, 7)))).toBe('2024-03-07');
    expect(dateOf(45358)).toBe('2024-03-07');
    expect(dateOf(20240307)).toBe('20240307');
  });

  test.each([
    ['12,345.67', 1_234_567],
    ['1，000', 100_000],
    [' 8000 ', 800_000],
    ['0.5', 50],
    ['', 0],
    ['-100', -10_000],
    ['1.234', 123.4],
    ['十元', NaN],
  ])('amount %j yuan → %j fen', (cell, fen) => {
    expect(fenOf(cell)).toBe(fen);
  });

  test('amount cells: floating point yuan become exact fen', () => {
    expect(fenOf(0.07)).toBe(7);
    expect(fenOf(12345.6)).toBe(1_234_560);
    expect(fenOf(1.005)).toBeCloseTo(100.5);
  });

  test('counts: thousands separators, blanks, numbers', () => {
    expect(numberOf('1,200')).toBe(1200);
    expect(numberOf('')).toBe(0);
    expect(numberOf(3)).toBe(3);
    expect(numberOf('三')).toBeNaN();
  });

  test('phones: spaces, hyphens and +86 are spelling; one person has one id', () => {
    const spellings = ['13800138000', '138 0013 8000', '138-0013-8000', '+86 138 0013 8000', '+8613800138000', '0086-13800138000'];
    expect(new Set(spellings.map(normalizePhone))).toEqual(new Set(['13800138000']));
    expect(new Set(spellings.map((p) => ledgerPersonId('xhy-qj', '王 小明', p))).size).toBe(1);
    expect(ledgerPersonId('xhy-qj', '王小明', '13800138000')).not.toBe(ledgerPersonId('xhy-sl', '王小明', '13800138000'));
  });

  test('cells as text', () => {
    expect(textOf(null)).toBe('');
    expect(textOf(' 前进村 ')).toBe('前进村');
    expect(textOf(13800138000)).toBe('13800138000');
  });
});

describe('ids follow from 编号', () => {
  test('plain 编号 stay readable; others are hashed under their own prefix; all are valid record ids', () => {
    expect(ledgerRecordId('矛盾纠纷', 'D2024-001')).toBe('imp-d-D2024-001');
    expect(ledgerRecordId('培训', 'T1')).toBe('imp-t-T1');
    const chinese = ledgerRecordId('矛盾纠纷', '杏调〔2024〕1号');
    expect(chinese).toMatch(/^imp-dx-[A-Za-z0-9_-]{24}$/);
    expect(ledgerRecordId('矛盾纠纷', '杏调〔2024〕1号')).toBe(chinese);
    expect(ledgerRecordId('矛盾纠纷', '1')).toMatch(/^imp-dx-/);
    for (const id of [chinese, ledgerRecordId('宣传活动', 'x'.repeat(57)), ledgerRecordId('宣传活动', 'x'.repeat(58))]) {
      expect(id).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    }
  });
});

describe('header rows', () => {
  test('column order is free; unknown columns are a warning; missing optional ones read as blank', () => {
    const h = readHeader('签到', ['手机号', '姓名', '备注', '培训编号']);
    expect(h.index.get('培训编号')).toBe(3);
    expect(h.warnings).toEqual(['「签到」忽略未知列:备注', '「签到」没有列 所属单位,按空白处理']);
  });

  test('a missing required column stops the sheet, naming the columns it needs', () => {
    expect(() => readHeader('培训', ['编号', '单位', '日期'])).toThrow('「培训」缺少列:类别、主题(列名须与模板一致:编号、单位、类别、日期、主题、培训人、地点、学时)');
  });

  test('a title row above the header is not the header', () => {
    expect(isHeaderRow('矛盾纠纷', ['2024年矛盾纠纷台账'])).toBe(false);
    expect(isHeaderRow('矛盾纠纷', [...COLUMNS.矛盾纠纷])).toBe(true);
  });
});

describe('record rows', () => {
  const unit: Unit = { _id: 'u1', name: '杏花营镇', kind: '乡镇街道', parentId: null, path: ['u1'] };
  const training = { 编号: 'T-1', 单位: '杏花营镇', 类别: '“法律明白人”培训', 日期: '2024-05-10', 主题: '民法典进乡村', 培训人: '王培训', 地点: '镇司法所', 学时: 2 };
  const publicity = { 编号: 'P-1', 单位: '杏花营镇', 日期: '2024-12-04', 名称: '宪法宣传日', '发放资料(份)': 1200, '现场咨询(人次)': 35 };
  const rowOf = (cells: Record<string, string | number>, column: string, cell: string | number) => (c: string) => (c === column ? cell : cells[c]) ?? null;

  test.each([
    ['类别', ''],
    ['日期', '3/7/2024'],
    ['主题', ''],
    ['培训人', '王'.repeat(31)],
    ['地点', '所'.repeat(61)],
    ['学时', -1],
  ])('培训: a refused %s is reported at that column', (column, cell) => {
    expect(trainingRow(rowOf(training, column, cell), () => unit)).toMatchObject({ ok: false, column });
  });

  test.each([
    ['日期', '2024-02-30'],
    ['名称', ''],
    ['发放资料(份)', -1],
    ['现场咨询(人次)', 1.5],
  ])('宣传活动: a refused %s is reported at that column', (column, cell) => {
    expect(publicityRow(rowOf(publicity, column, cell), () => unit)).toMatchObject({ ok: false, column });
  });

  test('a row with every cell fine is the input the app would send', () => {
    expect(trainingRow(rowOf(training, '', ''), () => unit)).toEqual({
      ok: true,
      value: { no: 'T-1', unit, input: { id: 'imp-t-T-1', unitId: 'u1', category: '“法律明白人”培训', date: '2024-05-10', topic: '民法典进乡村', trainer: '王培训', place: '镇司法所', hours: 2 } },
    });
  });
});

describe('CSV (RFC 4180)', () => {
  test('quotes, doubled quotes, commas and line breaks inside quotes; CRLF, LF and CR; chunks split anywhere', () => {
    const text = 'a,"b,1","say ""hi""",d\r\n"line\nbreak",,x\ry\n"last"';
    const whole = new CsvParser();
    const expected = [['a', 'b,1', 'say "hi"', 'd'], ['line\nbreak', '', 'x'], ['y'], ['last']];
    expect([...whole.push(text), ...whole.end()]).toEqual(expected);
    // The same text in one-character chunks.
    const split = new CsvParser();
    const rows = [...text].flatMap((c) => split.push(c));
    expect([...rows, ...split.end()]).toEqual(expected);
  });

  test('a trailing line break adds no empty record', () => {
    const p = new CsvParser();
    expect([...p.push('a,b\r\n'), ...p.end()]).toEqual([['a', 'b']]);
  });
});

describe('workbooks as Excel saves them', () => {
  async function excelBook(): Promise<Uint8Array> {
    // exceljs's non-streaming writer uses shared strings and a styles table, as Excel does.
    const wb = new Workbook();
    const ws = wb.addWorksheet('宣传活动');
    ws.addRow(['2024年宣传活动台账']);
    ws.addRow([...COLUMNS.宣传活动]);
    const row = ws.addRow(['P-1', '杏花营镇/前进村', new Date(Date.UTC(2024, 11, 4)), '宪法宣传日 & 法治 <讲座>', 1200, 35]);
    row.getCell(3).numFmt = 'yyyy"年"m"月"d"日"';
    ws.addRow(['P-2', '杏花营镇', null, '', 3]);
    wb.addWorksheet('说明').addRow(['填表说明']);
    return new Uint8Array(await wb.xlsx.writeBuffer());
  }

  test('shared strings, date cells by their format, escaped text, blank cells, rows by number', async () => {
    const book = await openXlsx({ bytes: await excelBook() });
    expect(book.sheets).toEqual(['宣传活动', '说明']);
    const rows = [];
    for await (const r of book.rows('宣传活动')) rows.push(r);
    expect(rows.map((r) => r.row)).toEqual([1, 2, 3, 4]);
    expect(rows[2].cells).toEqual(['P-1', '杏花营镇/前进村', new Date(Date.UTC(2024, 11, 4)), '宪法宣传日 & 法治 <讲座>', 1200, 35]);
    expect(rows[3].cells).toEqual(['P-2', '杏花营镇', null, '', 3]);
    await book.close();
  });

  test('opening a ledger finds the header under a title row and warns about other sheets', async () => {
    const ledger = await openLedger([{ name: '台账.xlsx', bytes: await excelBook() }]);
    expect([...ledger.sheets.keys()]).toEqual(['宣传活动']);
    expect(ledger.warnings).toEqual(['「台账.xlsx」忽略工作表:说明']);
    const rows = [];
    for await (const r of ledger.sheets.get('宣传活动')!.rows()) rows.push(r.row);
    expect(rows).toEqual([3, 4]);
    await ledger.close();
  });

  test('what cannot be read is refused in Chinese', async () => {
    await expect(openLedger([{ name: '台账.xlsx', bytes: new TextEncoder().encode('not a zip') }])).rejects.toThrow('不是有效的 Excel(.xlsx)文件');
    await expect(openLedger([{ name: '台账.xls', bytes: new Uint8Array() }])).rejects.toThrow('不支持的文件「台账.xls」');
    await expect(openLedger([{ name: '案件.csv', bytes: new Uint8Array() }])).rejects.toThrow('无法识别的文件「案件.csv」');
    const gbk = Uint8Array.from([0xb1, 0xe0, 0xba, 0xc5, 0x0a]); // "编号" in GBK
    await expect(openLedger([{ name: '培训.csv', bytes: gbk }])).rejects.toThrow('「培训.csv」不是 UTF-8 编码');
  });
});

describe('mediatorFinder', () => {
  const users: User[] = [
    { _id: 'u-li', name: '李调解(前进村调解员)', roles: [{ role: 'mediator', unitId: 'qj' }] },
    { _id: 'u-wang', name: '王 芳（和谐社区）', roles: [{ role: 'mediator', unitId: 'hx' }] },
    { _id: 'u-zhao', name: '赵所长', roles: [{ role: 'supervisor', unitId: 'xhy' }] },
  ];
  const find = mediatorFinder(users);

  test('the name, a bracketed note and spaces aside, of a mediator whose role reaches the unit', () => {
    expect(find('李调解', ['sfq', 'xhy', 'qj'])).toBe('u-li');
    expect(find('王芳', ['sfq', 'jy', 'hx'])).toBe('u-wang');
    expect(find('王 芳（和谐社区）', ['sfq', 'jy', 'hx'])).toBe('u-wang');
  });

  test('no link outside the mediator’s reach, for someone who is no mediator, or for an unknown name', () => {
    expect(find('李调解', ['sfq', 'jy', 'hx'])).toBeUndefined();
    expect(find('赵所长', ['sfq', 'xhy', 'qj'])).toBeUndefined();
    expect(find('李四', ['sfq', 'xhy', 'qj'])).toBeUndefined();
  });
});
