/**
 * Hostile files at the readers (issue 13): zip bombs, huge cells, too many columns or rows are
 * refused in Chinese naming the limit, quickly and without holding what they inflate to;
 * reading lets other requests run; and text that looks like a formula is written so that a
 * spreadsheet keeps it text, and reads back unchanged.
 */
import JSZip from 'jszip';
import { openLedger, type LedgerFile } from '../../cloudfunctions/core/files/ledger-read';
import { LIMITS } from '../../cloudfunctions/core/files/limits';
import { workbookBytes } from '../../cloudfunctions/core/files/workbook-write';
import { openXlsx } from '../../cloudfunctions/core/files/xlsx-read';
import { COLUMNS } from '../../types/import';
import { hugeCellWorkbook, part, repeatedPart, SHEET_HEAD, SHEET_TAIL, textCell, workbookOf } from '../support/hostile-xlsx';
import { ledgerCsv } from '../support/ledger';

const MB = 1 << 20;
const HEADER = `<row r="1">${COLUMNS.宣传活动.map((h, i) => textCell(`${String.fromCharCode(65 + i)}1`, h)).join('')}</row>`;

/** Every row of every sheet of a ledger, read to the end. */
async function readAll(files: LedgerFile[]): Promise<unknown[][]> {
  const ledger = await openLedger(files);
  try {
    const rows: unknown[][] = [];
    for (const source of ledger.sheets.values()) for await (const r of source.rows()) rows.push(r.cells);
    return rows;
  } finally {
    await ledger.close();
  }
}

const xlsx = (bytes: Uint8Array): LedgerFile[] => [{ name: '台账.xlsx', bytes }];

describe('zip bombs', () => {
  // Rows of shared strings, as a bomb repeats them: 1 MB compresses to about a kilobyte.
  const strings = (times: number) =>
    repeatedPart('xl/sharedStrings.xml', '<?xml version="1.0"?><sst>', '<si><t>法治台账</t></si>'.repeat(MB / 24), times, '</sst>');

  test('shared strings inflating to 1.6 GB are refused at once, naming the limit', async () => {
    const bomb = workbookOf('宣传活动', `${SHEET_HEAD}${HEADER}${SHEET_TAIL}`, [strings(1600)]);
    expect(bomb.length).toBeLessThan(5 * MB);
    await expect(readAll(xlsx(bomb))).rejects.toThrow('工作簿中的文字(共享字符串表)解压后超过 64 MB(每次导入的上限),请拆分后分批导入');
  });

  test('a sheet inflating past 200 MB is refused before it is read, naming the limit', async () => {
    const row = `<row>${textCell('A2', 'P-1')}</row>`;
    const sheet = repeatedPart('xl/worksheets/sheet1.xml', `${SHEET_HEAD}${HEADER}`, row.repeat(MB / row.length), 201, SHEET_TAIL);
    await expect(readAll(xlsx(workbookOf('宣传活动', sheet)))).rejects.toThrow('工作簿解压后超过 200 MB(每次导入的上限),请拆分后分批导入');
  });

  test('a part whose directory understates what it inflates to is refused as soon as it passes it', async () => {
    const lying = { ...strings(1600), declared: 1024 };
    const bomb = workbookOf('宣传活动', `${SHEET_HEAD}${HEADER}${SHEET_TAIL}`, [lying]);
    await expect(readAll(xlsx(bomb))).rejects.toThrow('不是有效的 Excel(.xlsx)文件:内容已损坏(解压后的大小与文件目录不符)');
  });
});

describe('cells past Excel’s 32,767 characters', () => {
  test('one 64 MB cell (an 85 KB upload) is refused at its row, without reading it all', async () => {
    const bomb = hugeCellWorkbook('宣传活动', COLUMNS.宣传活动, 64 * MB);
    expect(bomb.length).toBeLessThan(100 * 1024);
    await expect(readAll(xlsx(bomb))).rejects.toThrow('工作表「宣传活动」第 2 行有单元格超过 32,767 个字符(Excel 单元格的上限),请删减后再导入');
  });

  test('a cell of exactly 32,767 characters is read whole, also when every one is escaped', async () => {
    const plain = 'a'.repeat(LIMITS.cellChars);
    const sheet = `${SHEET_HEAD}${HEADER}<row r="2">${textCell('A2', plain)}${textCell('B2', '&amp;'.repeat(LIMITS.cellChars))}</row>${SHEET_TAIL}`;
    const [row] = await readAll(xlsx(workbookOf('宣传活动', sheet)));
    expect(row).toEqual([plain, '&'.repeat(LIMITS.cellChars)]);
  });

  test('one character more is refused, in a sheet, in the shared strings, and in rich-text runs', async () => {
    const over = 'a'.repeat(LIMITS.cellChars + 1);
    const inSheet = `${SHEET_HEAD}${HEADER}<row r="2">${textCell('A2', over)}</row>${SHEET_TAIL}`;
    await expect(readAll(xlsx(workbookOf('宣传活动', inSheet)))).rejects.toThrow('工作表「宣传活动」第 2 行有单元格超过 32,767 个字符');
    const runs = `${SHEET_HEAD}${HEADER}<row r="2"><c r="A2" t="inlineStr"><is>${'<r><t>aaaaaaaa</t></r>'.repeat(LIMITS.cellChars / 8 + 1)}</is></c></row>${SHEET_TAIL}`;
    await expect(readAll(xlsx(workbookOf('宣传活动', runs)))).rejects.toThrow('工作表「宣传活动」第 2 行有单元格超过 32,767 个字符');
    const shared = part('xl/sharedStrings.xml', `<sst><si><t>${over}</t></si></sst>`);
    await expect(openXlsx({ bytes: workbookOf('宣传活动', `${SHEET_HEAD}${SHEET_TAIL}`, [shared]) })).rejects.toThrow('工作簿中有单元格超过 32,767 个字符');
  });

  test('a CSV field past it is refused at its row', async () => {
    const csv = ledgerCsv('宣传活动', [['P-1', '杏花营镇', '2024-03-01', '普法'], ['P-2', 'x'.repeat(LIMITS.cellChars + 1)]]);
    await expect(readAll([{ name: '宣传活动.csv', bytes: new TextEncoder().encode(csv) }])).rejects.toThrow(
      '「宣传活动.csv」第 3 行有单元格超过 32,767 个字符(Excel 单元格的上限),请删减后再导入',
    );
  });
});

describe('columns past Excel’s 16,384', () => {
  test('a cell referenced beyond XFD is refused, not padded with millions of blanks', async () => {
    const sheet = `${SHEET_HEAD}${HEADER}<row r="2">${textCell('ZZZZZ2', 'x')}</row>${SHEET_TAIL}`;
    await expect(readAll(xlsx(workbookOf('宣传活动', sheet)))).rejects.toThrow('工作表「宣传活动」第 2 行超过 16,384 列(Excel 的上限)');
  });

  test('a CSV record with more fields is refused', async () => {
    const csv = ledgerCsv('宣传活动', [Array.from({ length: LIMITS.columns + 1 }, () => 'x')]);
    await expect(readAll([{ name: '宣传活动.csv', bytes: new TextEncoder().encode(csv) }])).rejects.toThrow('「宣传活动.csv」第 2 行超过 16,384 列');
  });
});

describe('rows per import', () => {
  const rows = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => [`${prefix}-${i}`, '杏花营镇']);
  const csvFile = (sheet: '培训' | '宣传活动', n: number): LedgerFile => ({ name: `${sheet}.csv`, bytes: new TextEncoder().encode(ledgerCsv(sheet, rows(n, sheet))) });

  test(`${LIMITS.rows.toLocaleString('en-US')} rows are read; one more, over all the import’s sheets, is refused naming the limit`, async () => {
    expect(await readAll([csvFile('宣传活动', LIMITS.rows)])).toHaveLength(LIMITS.rows);
    await expect(readAll([csvFile('培训', 150_000), csvFile('宣传活动', LIMITS.rows - 150_000 + 1)])).rejects.toThrow(
      '本次导入超过 200,000 行(每次导入的上限),请拆分后分批导入',
    );
  }, 30_000);

  test('blank rows, and a sheet read again, do not count twice', async () => {
    const withBlanks = ledgerCsv('宣传活动', [...rows(LIMITS.rows, 'P'), ...Array.from({ length: 1000 }, () => ['', ''])]);
    const ledger = await openLedger([{ name: '宣传活动.csv', bytes: new TextEncoder().encode(withBlanks) }]);
    const source = ledger.sheets.get('宣传活动')!;
    for (let pass = 0; pass < 2; pass++) {
      let n = 0;
      for await (const _ of source.rows()) n++;
      expect(n).toBe(LIMITS.rows + 1000);
    }
    await ledger.close();
  }, 30_000);
});

describe('reading lets other requests run', () => {
  /** How often a 1 ms interval fired while the rows were read (once opened): zero means nobody else was answered. */
  async function ticksWhileReading(files: LedgerFile[]): Promise<number> {
    const ledger = await openLedger(files);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    try {
      for (const source of ledger.sheets.values()) for await (const _ of source.rows());
    } finally {
      clearInterval(timer);
      await ledger.close();
    }
    return ticks;
  }

  test('an uploaded CSV in memory', async () => {
    const csv = ledgerCsv('宣传活动', Array.from({ length: 60_000 }, (_, i) => [`P-${i}`, '杏花营镇', '2024-03-01', '宪法宣传', 100, 3]));
    expect(await ticksWhileReading([{ name: '宣传活动.csv', bytes: new TextEncoder().encode(csv) }])).toBeGreaterThan(0);
  });

  test('an uploaded workbook in memory, its sheet stored uncompressed (so no inflating waits)', async () => {
    const row = (i: number) => `<row r="${i}">${textCell(`A${i}`, `P-${i}`)}${textCell(`B${i}`, '杏花营镇')}</row>`;
    const sheet = part('xl/worksheets/sheet1.xml', `${SHEET_HEAD}${HEADER}${Array.from({ length: 60_000 }, (_, i) => row(i + 2)).join('')}${SHEET_TAIL}`, true);
    expect(await ticksWhileReading(xlsx(workbookOf('宣传活动', sheet)))).toBeGreaterThan(0);
  });
});

describe('text that looks like a formula', () => {
  const risky = ['=HYPERLINK("http://example.com","点我")', '+86 138 0013 8000', '-调解不成', '@SUM(A1)', '\t=1+1', '\r=1+1'];
  const cells = [...risky, '普通文字', -5, 12.5];

  async function written() {
    const bytes = await workbookBytes([{ name: '宣传活动', columns: COLUMNS.宣传活动, rows: [cells, ['P-2', '=1+1']] }]);
    const zip = await JSZip.loadAsync(bytes);
    const sheet = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    const styles = await zip.file('xl/styles.xml')!.async('string');
    const xfs = [...styles.replace(/^[\s\S]*<cellXfs[^>]*>|<\/cellXfs>[\s\S]*$/g, '').matchAll(/<xf\b[^>]*>/g)].map(([xf]) => xf);
    /** Whether the cell at `ref` is styled to keep its text on edit. */
    const quoted = (ref: string) => {
      const c = new RegExp(`<c r="${ref}"[^>]*>`).exec(sheet)?.[0] ?? '';
      return /quotePrefix="1"/.test(xfs[Number(/ s="(\d+)"/.exec(c)?.[1] ?? 0)] ?? '');
    };
    return { bytes, sheet, quoted };
  }

  test('is written with quotePrefix, as text, never as a formula; other text and numbers are not', async () => {
    const { sheet, quoted } = await written();
    expect(sheet).not.toContain('<f>');
    expect(['A2', 'B2', 'C2', 'D2', 'E2', 'F2', 'B3'].map(quoted)).toEqual([true, true, true, true, true, true, true]);
    expect(['G2', 'H2', 'I2', 'A3'].map(quoted)).toEqual([false, false, false, false]);
    // A negative number stays a number.
    expect(/<c r="H2"[^>]*><v>-5<\/v>/.test(sheet)).toBe(true);
  });

  test('reads back exactly as written', async () => {
    const { bytes } = await written();
    expect(await readAll(xlsx(bytes))).toEqual([cells, ['P-2', '=1+1']]);
  });
});
