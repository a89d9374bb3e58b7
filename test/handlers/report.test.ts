/**
 * The `report` function: the annual report lines and paragraph, and the same as .xlsx and
 * .docx files; and a unit's ledger for a year in the import format. Who may ask (supervisors
 * and admins reaching the unit), what the answer looks like, that the files parse back with
 * the figures (or records) and nothing personal in them, and that the ledger imported into an
 * empty store gives the same report.
 */
import { Workbook } from 'exceljs';
import JSZip from 'jszip';
import { EMBEDDED_INDEXES, EMBEDDED_MULTIKEY, EmbeddedStore } from '../../cloudfunctions/core/platform/adapters/embedded';
import { unitResolver } from '../../cloudfunctions/core/domain/units';
import { openLedger } from '../../cloudfunctions/core/files/ledger-read';
import { importLedger } from '../../cloudfunctions/core/app/import-ledger';
import { C, type Store } from '../../cloudfunctions/core/platform/port';
import { readRollup } from '../../cloudfunctions/core/app/queries/rollups';
import { annualReportOf } from '../../cloudfunctions/core/app/annual-report';
import { todayBeijing } from '../../types/dates';
import type { Dispute } from '../../types/dispute';
import { COLUMNS, SHEETS } from '../../types/import';
import { METRICS, type SummaryView } from '../../types/metrics';
import type { Unit } from '../../types/org';
import { composeParagraph, type AnnualReport, type ExportedFile } from '../../types/report';
import type { Publicity, Training } from '../../types/training';
import { readWorkbook } from '../support/ledger';
import { caseInput, demoWorld, expectError, expectOk, type World } from '../support/world';

const DISTRICT = 'demo-district'; // supervisor of 示范区
const TOWNSHIP = 'demo-township'; // supervisor of 杏花营镇
const ADMIN = 'demo-admin';
const MEDIATOR = 'demo-mediator';
const TRAINER = 'demo-trainer';
const YEAR = Number(todayBeijing().slice(0, 4));

let w: World;
beforeAll(async () => {
  w = await demoWorld(40);
  // A case with party details: they must never reach a report or an export.
  const today = todayBeijing();
  expectOk(
    await w.call(MEDIATOR, 'dispute', 'save', caseInput({ acceptedDate: today, resolvedDate: today, partyNames: '张三、李四', partyPhones: '13800138000' })),
  );
});
afterAll(() => w.store.close());

const annual = (openid: string, payload: unknown) => w.call<AnnualReport>(openid, 'report', 'annual', payload);
const exportFile = (openid: string, payload: unknown) => w.call<ExportedFile>(openid, 'report', 'export', payload);

describe('report.annual', () => {
  test('answers the district’s lines, paragraph and exact paragraph for the year', async () => {
    const r = expectOk(await annual(DISTRICT, { year: YEAR }));
    expect(r.year).toBe(YEAR);
    expect(r.unit).toEqual({ _id: 'sfq', name: '示范区' });
    expect(r.lines.map((l) => l.id)).toEqual(METRICS.map((m) => m.id));
    for (const l of r.lines) {
      expect(l).toEqual({ id: l.id, label: expect.any(String), figure: { value: expect.any(Number), text: expect.any(String), exactText: expect.any(String) } });
      expect(r.paragraph).toContain(l.figure.text);
      expect(r.exactParagraph).toContain(l.figure.exactText);
    }
    expect(r.paragraph).toMatch(/^共排查化解矛盾纠纷\d+件,涉及金额\d+(余)?万元;区诉调联动中心成功调解法院移交案件\d+件/);
    expect(r.paragraph.endsWith('。')).toBe(true);
    expect(composeParagraph(r, new Set())).toBe(r.paragraph);
    expect(composeParagraph(r, new Set(METRICS.map((m) => m.id)))).toBe(r.exactParagraph);
  });

  test('its figures are the 汇总 figures of the same unit and year', async () => {
    const r = expectOk(await annual(DISTRICT, { year: YEAR }));
    const s = expectOk(await w.call<SummaryView>(DISTRICT, 'rollup', 'summary', { period: String(YEAR) }));
    for (const l of r.lines) expect(l.figure).toEqual(s.scope.figures[l.id]);
    expect(r.lines.find((l) => l.id === 'D1')!.figure.value).toBeGreaterThan(0);
  });

  test('a township supervisor gets their township by default, and any unit below it', async () => {
    const mine = expectOk(await annual(TOWNSHIP, { year: YEAR }));
    expect(mine.unit).toEqual({ _id: 'xhy', name: '杏花营镇' });
    // Not the district's report: no district body in it.
    expect(mine.paragraph).not.toContain('区诉调联动中心');
    expect(expectOk(await annual(TOWNSHIP, { year: YEAR, unitId: 'xhy-qj' })).unit.name).toBe('前进村');
  });

  test('an admin of the district may read it too', async () => {
    expect(expectOk(await annual(ADMIN, { year: YEAR })).unit._id).toBe('sfq');
  });

  test('a year with no records words every figure as zero', async () => {
    const r = expectOk(await annual(DISTRICT, { year: 2001 }));
    expect(r.lines.every((l) => l.figure.value === 0)).toBe(true);
  });
});

describe('who may ask', () => {
  test('a township supervisor cannot report on the district, nor on another township', async () => {
    expect(expectError(await annual(TOWNSHIP, { year: YEAR, unitId: 'sfq' }), 'FORBIDDEN').message).toContain('示范区');
    expectError(await annual(TOWNSHIP, { year: YEAR, unitId: 'jy' }), 'FORBIDDEN');
    expectError(await exportFile(TOWNSHIP, { year: YEAR, unitId: 'sfq', format: 'xlsx' }), 'FORBIDDEN');
    expectError(await exportFile(TOWNSHIP, { year: YEAR, unitId: 'sfq', format: 'docx' }), 'FORBIDDEN');
  });

  test.each([
    ['a mediator', MEDIATOR],
    ['a trainer', TRAINER],
  ])('%s cannot, even for their own unit', async (_label, openid) => {
    expectError(await annual(openid, { year: YEAR }), 'FORBIDDEN');
    expectError(await annual(openid, { year: YEAR, unitId: 'xhy-qj' }), 'FORBIDDEN');
    expectError(await exportFile(openid, { year: YEAR, unitId: 'xhy-qj', format: 'xlsx' }), 'FORBIDDEN');
  });

  test('no one unregistered', async () => {
    expectError(await annual('wx-stranger', { year: YEAR }), 'UNREGISTERED');
  });

  test('an unknown unit is refused', async () => {
    expectError(await annual(DISTRICT, { year: YEAR, unitId: 'nowhere' }), 'INVALID');
  });
});

describe('input is checked with Chinese messages', () => {
  test.each([
    [{}, '请选择年份'],
    [{ year: '2024' }, '请选择年份'],
    [{ year: 2024.5 }, '年份须为整数'],
    [{ year: 1999 }, '年份不能早于2000年'],
    [{ year: YEAR + 1 }, '年份不能晚于今年'],
  ])('annual %j → %s', async (payload, message) => {
    expect(expectError(await annual(DISTRICT, payload), 'INVALID').message).toBe(message);
  });

  test('an export needs a known format', async () => {
    expect(expectError(await exportFile(DISTRICT, { year: YEAR, format: 'pdf' }), 'INVALID').message).toBe('导出格式只能是 xlsx 或 docx');
    expectError(await exportFile(DISTRICT, { year: YEAR }), 'INVALID');
  });
});

/** Every text in every cell of every sheet, for looking for what must not be there. */
function allText(wb: Workbook): string {
  const out: string[] = [];
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => out.push(String(c.value ?? '')))));
  return out.join('\n');
}

describe('report.export xlsx', () => {
  let file: ExportedFile;
  let wb: Workbook;
  let report: AnnualReport;

  beforeAll(async () => {
    report = expectOk(await annual(DISTRICT, { year: YEAR }));
    file = expectOk(await exportFile(DISTRICT, { year: YEAR, format: 'xlsx' }));
    wb = new Workbook();
    await wb.xlsx.load(Buffer.from(await w.files.get(file.fileId)) as never);
  });

  test('is stored under exports/ and named for the unit and year', () => {
    expect(file.fileId).toMatch(/^local:\/\/exports\/\d{4}\/sfq-[\w-]+\.xlsx$/);
    expect(file.url).toBe(`/files/${file.fileId.replace('local://', '')}`);
    expect(file.name).toBe(`示范区${YEAR}年法治数据.xlsx`);
  });

  test('has the figures sheet, then one sheet per breakdown', () => {
    expect(wb.worksheets.map((s) => s.name)).toEqual(['年度数字', '按纠纷类型', '按渠道', '按培训类别']);
  });

  test('the figures sheet has every line: worded, exact, and the value (money in yuan)', () => {
    const ws = wb.getWorksheet('年度数字')!;
    const rows = new Map<string, unknown[]>();
    ws.eachRow((row) => rows.set(String(row.getCell(1).value), (row.values as unknown[]).slice(1)));
    for (const l of report.lines) {
      const money = l.id === 'D2';
      expect(rows.get(l.id)).toEqual([
        l.id,
        l.label,
        l.figure.text,
        l.figure.exactText,
        money ? l.figure.value / 100 : l.figure.value,
        money ? '元' : METRICS.find((m) => m.id === l.id)!.unit,
      ]);
    }
    expect(rows.get('报告段落')?.[1]).toBe(report.paragraph);
  });

  test('breakdown sheets: one row per sub-unit, a 合计 row equal to the district’s figure', async () => {
    const s = expectOk(await w.call<SummaryView>(DISTRICT, 'rollup', 'summary', { period: String(YEAR) }));
    const own = await readRollup(w.store, 'sfq', String(YEAR));
    const expected: Record<string, { total: number; perUnit: (id: string) => number }> = {
      按纠纷类型: { total: own.D1 ?? 0, perUnit: (id) => s.children.find((c) => c.unitId === id)!.figures.D1.value },
      按渠道: { total: own.D1 ?? 0, perUnit: (id) => s.children.find((c) => c.unitId === id)!.figures.D1.value },
      按培训类别: { total: own.trainings ?? 0, perUnit: () => Number.NaN },
    };
    for (const [sheet, want] of Object.entries(expected)) {
      const ws = wb.getWorksheet(sheet)!;
      const header = (ws.getRow(2).values as unknown[]).slice(1);
      expect(header[0]).toBe('单位');
      expect(header[header.length - 1]).toBe('合计');
      const body: unknown[][] = [];
      ws.eachRow((row, n) => n > 2 && body.push((row.values as unknown[]).slice(1)));
      expect(body.map((r) => r[0])).toEqual([...s.children.map((c) => c.unitName), '合计']);
      const total = body[body.length - 1];
      expect(total[total.length - 1]).toBe(want.total);
      // Each row's cells add up to its 合计 column, and the rows add up to the 合计 row.
      for (const r of body) {
        const cells = r.slice(1, -1) as number[];
        expect(cells.reduce((a, b) => a + b, 0)).toBe(r[r.length - 1]);
      }
      for (let col = 1; col < header.length; col++) {
        expect(body.slice(0, -1).reduce((a, r) => a + (r[col] as number), 0)).toBe(total[col]);
      }
      if (sheet !== '按培训类别') {
        for (const c of s.children) expect(body.find((r) => r[0] === c.unitName)![header.length - 1]).toBe(want.perUnit(c.unitId));
      }
    }
    expect(own.D1).toBeGreaterThan(0);
  });

  test('holds figures only: no party name or phone anywhere', () => {
    const text = allText(wb);
    expect(text).not.toContain('张三');
    expect(text).not.toContain('13800138000');
  });
});

describe('report.export docx', () => {
  test('is a valid .docx whose document holds the paragraph and a table of the lines, nothing personal', async () => {
    const report = expectOk(await annual(TOWNSHIP, { year: YEAR }));
    const file = expectOk(await exportFile(TOWNSHIP, { year: YEAR, format: 'docx' }));
    expect(file.name).toBe(`杏花营镇${YEAR}年法治数据.docx`);
    const bytes = await w.files.get(file.fileId);
    expect(Buffer.from(bytes.slice(0, 2)).toString()).toBe('PK');
    const zip = await JSZip.loadAsync(bytes);
    expect(zip.file('[Content_Types].xml')).not.toBeNull();
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml).toContain(report.paragraph);
    expect(xml).toContain('<w:tbl>');
    for (const l of report.lines) expect(xml).toContain(`<w:t xml:space="preserve">${l.figure.exactText}</w:t>`);
    expect(xml).not.toContain('张三');
    expect(xml).not.toContain('13800138000');
  });
});

describe('report.ledger: the ledger in the import format', () => {
  const ledger = (openid: string, payload: unknown) => w.call<ExportedFile>(openid, 'report', 'ledger', payload);
  const today = todayBeijing();
  const last = YEAR - 1;
  // The parties named in the summary too, as mediators write it: the export masks them there.
  const named = caseInput({
    acceptedDate: today,
    resolvedDate: today,
    summary: '张三与李四因排水沟发生纠纷,张三电话138 0013 8000',
    partyNames: '张三、李四',
    partyPhones: '13800138000',
  });
  const lastYear = caseInput({ acceptedDate: `${last}-03-02`, resolvedDate: `${last}-03-09` });
  // Accepted last year, resolved this year: in both years' ledgers.
  const straddling = caseInput({ acceptedDate: `${last}-12-20`, resolvedDate: `${YEAR}-01-05` });

  let district: ExportedFile;
  let sheets: Record<string, string[][]>;
  // Edited without party details: stored without them.
  const edited = caseInput({ acceptedDate: today, resolvedDate: today, partyNames: undefined, partyPhones: undefined });
  // Fields the sheet has no column for: an import of the ledger must keep them.
  const flagged = caseInput({
    acceptedDate: today, resolvedDate: today, agreementTerms: '张三于月底前赔偿李四2000元', performanceWay: '现金', performanceDeadline: today,
    alerts: ['群体性'], involvedPeople: 12,
  });

  beforeAll(async () => {
    for (const c of [named, lastYear, straddling, edited, flagged]) expectOk(await w.call(MEDIATOR, 'dispute', 'save', c));
    expectOk(await w.call(MEDIATOR, 'dispute', 'save', { ...edited, amountFen: 100, baseVersion: 1 }));
    expect(await w.store.get<Dispute>(C.disputes, edited.id)).not.toHaveProperty('partyNames');
    district = expectOk(await ledger(DISTRICT, { year: YEAR }));
    sheets = await readWorkbook(await w.files.get(district.fileId));
  });

  /** The district's exported ledger imported into `store`, as `npm run import` would. */
  async function importExport(store: Store) {
    const book = await openLedger([{ name: district.name, bytes: await w.files.get(district.fileId) }]);
    return importLedger(store, book, {
      by: { _id: 'test-import', name: '测试导入', roles: [] },
      mayWrite: () => true,
      mayEditTree: () => true,
      mayEditAppRecord: () => true,
      now: () => new Date(),
    }).finally(() => book.close());
  }

  /** The 编号 column of a sheet's rows. */
  const ids = (book: Record<string, string[][]>, sheet: string) => book[sheet].slice(1).map((r) => r[0]).sort();
  const inYear = (d?: string) => !!d && d.startsWith(`${YEAR}-`);

  test('is stored under exports/ and named for the unit and year', () => {
    expect(district.fileId).toMatch(/^local:\/\/exports\/\d{4}\/sfq-[\w-]+-ledger\.xlsx$/);
    expect(district.url).toBe(`/files/${district.fileId.replace('local://', '')}`);
    expect(district.name).toBe(`示范区${YEAR}年台账.xlsx`);
  });

  test('has the import format’s sheets, each headed by its columns', () => {
    expect(Object.keys(sheets)).toEqual([...SHEETS]);
    for (const sheet of SHEETS) expect(sheets[sheet][0]).toEqual([...COLUMNS[sheet]]);
    expect(sheets.矛盾纠纷.length).toBeGreaterThan(40);
  });

  test('a township’s holds its subtree’s records of the year, and nothing else', async () => {
    const file = expectOk(await ledger(TOWNSHIP, { year: YEAR }));
    expect(file.name).toBe(`杏花营镇${YEAR}年台账.xlsx`);
    const book = await readWorkbook(await w.files.get(file.fileId));
    const cases = (await w.store.find<Dispute>(C.disputes, { unitPath: 'xhy', deleted: false }))
      .filter((d) => inYear(d.acceptedDate) || inYear(d.resolvedDate));
    expect(ids(book, '矛盾纠纷')).toEqual(cases.map((d) => d._id).sort());
    expect(ids(book, '矛盾纠纷')).toEqual(expect.arrayContaining([named.id, straddling.id, edited.id]));
    expect(ids(book, '矛盾纠纷')).not.toContain(lastYear.id);
    // Other townships' cases are in the district's ledger, not in this one.
    const elsewhere = (await w.store.find<Dispute>(C.disputes, { unitPath: 'jy', deleted: false })).map((d) => d._id);
    expect(elsewhere.length).toBeGreaterThan(0);
    expect(ids(sheets, '矛盾纠纷')).toEqual(expect.arrayContaining(elsewhere));
    expect(ids(book, '矛盾纠纷').filter((id) => elsewhere.includes(id))).toEqual([]);

    const trainings = await w.store.find<Training>(C.trainings, { unitPath: 'xhy', deleted: false, date: { $regex: `^${YEAR}-` } });
    expect(trainings.length).toBeGreaterThan(0);
    expect(ids(book, '培训')).toEqual(trainings.map((t) => t._id).sort());
    expect(new Set(book.签到.slice(1).map((r) => r[0]))).toEqual(new Set(trainings.filter((t) => t.attendees.length).map((t) => t._id)));
    const publicity = await w.store.find<Publicity>(C.publicity, { unitPath: 'xhy', deleted: false, date: { $regex: `^${YEAR}-` } });
    expect(ids(book, '宣传活动')).toEqual(publicity.map((p) => p._id).sort());
    // The tree: the district above (so paths read the same), the township and its villages.
    expect(book.单位.slice(1).map((r) => r[0]).sort()).toEqual(['示范区', '杏花营镇', '前进村', '孙李唐村', '张庄村'].sort());
  });

  test('last year’s holds last year’s cases only', async () => {
    const file = expectOk(await ledger(TOWNSHIP, { year: last }));
    expect(ids(await readWorkbook(await w.files.get(file.fileId)), '矛盾纠纷')).toEqual([lastYear.id, straddling.id].sort());
  });

  test('no party name or phone anywhere: the summary that names them has them masked', () => {
    const text = Object.values(sheets).flat(2).join('\n');
    for (const personal of ['张三', '李四', '13800138000', '138 0013 8000']) expect(text).not.toContain(personal);
    const row = sheets.矛盾纠纷.find((r) => r[0] === named.id)!;
    expect(row[COLUMNS.矛盾纠纷.indexOf('简要情况')]).toBe('张*与李*因排水沟发生纠纷,张*电话138****8000');
  });

  test('imported back into the same store, a summary that went out masked keeps its stored text', async () => {
    const outcome = await importExport(w.store);
    expect(outcome.rejected).toEqual([]);
    expect(outcome.sheets.find((x) => x.sheet === '矛盾纠纷')).toMatchObject({ created: 0, updated: 0 });
    expect(await w.store.get<Dispute>(C.disputes, named.id)).toMatchObject({ summary: named.summary, version: 1 });
    expect(await w.store.get<Dispute>(C.disputes, flagged.id)).toMatchObject({
      version: 1, agreementTerms: flagged.agreementTerms, performanceWay: '现金', performanceDeadline: today, alerts: ['群体性'],
    });
  });

  test('imported into an empty store, it gives the same report: the district, a township, a district body', async () => {
    const copy = new EmbeddedStore(':memory:', EMBEDDED_INDEXES, EMBEDDED_MULTIKEY);
    try {
      const outcome = await importExport(copy);
      expect(outcome.rejected).toEqual([]);
      const resolve = unitResolver(await copy.find<Unit>(C.units, {}));
      for (const [unitId, ref] of [['sfq', '示范区'], ['xhy', '杏花营镇'], ['sdzx', '区诉调联动中心']]) {
        const want = expectOk(await annual(DISTRICT, { year: YEAR, unitId }));
        const got = await annualReportOf(copy, resolve(ref), YEAR);
        expect({ ...got, unit: got.unit.name }).toEqual({ ...want, unit: want.unit.name });
      }
    } finally {
      await copy.close();
    }
  });

  test('an admin may export the district’s', async () => {
    expect(expectOk(await ledger(ADMIN, { year: YEAR })).name).toBe(`示范区${YEAR}年台账.xlsx`);
  });

  test.each([
    ['a mediator', MEDIATOR],
    ['a trainer', TRAINER],
  ])('%s cannot, even for their own unit', async (_label, openid) => {
    expect(expectError(await ledger(openid, { year: YEAR }), 'FORBIDDEN').message).toBe('只有主管或管理员可以导出台账');
    expect(expectError(await ledger(openid, { year: YEAR, unitId: 'xhy-qj' }), 'FORBIDDEN').message).toContain('前进村');
  });

  test('a township supervisor cannot export the district’s, nor another township’s', async () => {
    expectError(await ledger(TOWNSHIP, { year: YEAR, unitId: 'sfq' }), 'FORBIDDEN');
    expectError(await ledger(TOWNSHIP, { year: YEAR, unitId: 'jy' }), 'FORBIDDEN');
  });

  test('the year is checked as for the report', async () => {
    expect(expectError(await ledger(DISTRICT, { year: YEAR + 1 }), 'INVALID').message).toBe('年份不能晚于今年');
    expect(expectError(await ledger(DISTRICT, {}), 'INVALID').message).toBe('请选择年份');
  });
});
