/**
 * The annual report as files: .xlsx (the figures, then one sheet per breakdown) and .docx
 * (the paragraph and a table). Built from rollups only, so no party name or phone can
 * appear in them. Server-side only: the app never imports this (exceljs and docx are large).
 * Bytes only: the report and its tables are read by core/app.
 */
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { Workbook, type Worksheet } from 'exceljs';
import { beijingDateTime } from '../../../types/dates';
import { METRICS } from '../../../types/metrics';
import type { AnnualReport, ExportFormat } from '../../../types/report';
import type { BreakdownTable } from '../domain/figures/report';

const FEN_PER_YUAN = 100;

function titleOf(report: AnnualReport): string {
  return `${report.unit.name}${report.year}年法治数据`;
}

function stampOf(now: Date): string {
  return `导出时间 ${beijingDateTime(now.toISOString())}(北京时间),数据来源:法治台账`;
}

function header(ws: Worksheet, title: string, columns: string[]): void {
  ws.addRow([title]).font = { bold: true, size: 14 };
  ws.mergeCells(1, 1, 1, columns.length);
  ws.addRow(columns).font = { bold: true };
}

export async function reportXlsx(report: AnnualReport, tables: readonly BreakdownTable[], now: Date): Promise<Uint8Array> {
  const wb = new Workbook();
  wb.creator = '法治台账';
  wb.created = now;

  const ws = wb.addWorksheet('年度数字');
  const columns = ['编号', '指标', '报告用语', '精确值', '数值', '计量单位'];
  header(ws, titleOf(report), columns);
  for (const line of report.lines) {
    const metric = METRICS.find((m) => m.id === line.id);
    const money = metric?.kind === 'money';
    const row = ws.addRow([
      line.id,
      line.label,
      line.figure.text,
      line.figure.exactText,
      // Money is kept in fen; the sheet shows yuan, which is what a reader sums.
      money ? line.figure.value / FEN_PER_YUAN : line.figure.value,
      money ? '元' : metric?.unit,
    ]);
    if (money) row.getCell(5).numFmt = '0.00';
  }
  ws.addRow([]);
  const para = ws.addRow(['报告段落', report.paragraph]);
  ws.mergeCells(para.number, 2, para.number, columns.length);
  para.getCell(2).alignment = { wrapText: true, vertical: 'top' };
  para.height = 120;
  ws.addRow([stampOf(now)]);
  ws.columns.forEach((c, i) => (c.width = [8, 24, 16, 18, 16, 10][i]));

  for (const t of tables) {
    const sheet = wb.addWorksheet(t.sheet);
    header(sheet, `${report.unit.name}${report.year}年 ${t.caption}`, ['单位', ...t.columns, '合计']);
    for (const r of t.rows) {
      const row = sheet.addRow([r.name, ...r.cells, r.total]);
      if (r.name === '合计') row.font = { bold: true };
    }
    sheet.columns.forEach((c, i) => (c.width = i === 0 ? 22 : 12));
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

function cell(text: string, bold = false): TableCell {
  return new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold })] })] });
}

export async function reportDocx(report: AnnualReport, now: Date): Promise<Uint8Array> {
  const doc = new Document({
    creator: '法治台账',
    title: titleOf(report),
    // 仿宋 三号 (16pt), as official documents are set.
    styles: { default: { document: { run: { font: '仿宋', size: 32 } } } },
    sections: [
      {
        children: [
          new Paragraph({ heading: HeadingLevel.HEADING_1, alignment: AlignmentType.CENTER, children: [new TextRun(titleOf(report))] }),
          // One run, so the paragraph is one piece of text in the document (searchable, copyable as is).
          new Paragraph({ indent: { firstLine: 640 }, children: [new TextRun(report.paragraph)] }),
          new Table({
            width: { size: 100, type: WidthType.PERCENTAGE },
            rows: [
              new TableRow({ tableHeader: true, children: ['指标', '报告用语', '精确值'].map((h) => cell(h, true)) }),
              ...report.lines.map((l) => new TableRow({ children: [cell(l.label), cell(l.figure.text), cell(l.figure.exactText)] })),
            ],
          }),
          new Paragraph({ children: [new TextRun({ text: stampOf(now), size: 24 })] }),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

export interface ReportFile {
  bytes: Uint8Array;
  /** The name to save it under: '示范区2024年法治数据.xlsx'. */
  name: string;
}

/** The annual report rendered as `format`: the .xlsx also carries the breakdown tables. */
export async function reportFile(report: AnnualReport, tables: readonly BreakdownTable[], format: ExportFormat, now: Date): Promise<ReportFile> {
  const bytes = format === 'xlsx' ? await reportXlsx(report, tables, now) : await reportDocx(report, now);
  return { bytes, name: `${titleOf(report)}.${format}` };
}
