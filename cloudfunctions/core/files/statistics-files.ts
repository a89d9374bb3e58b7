/**
 * The 人民调解工作统计表 as files: one .xlsx sheet laid out as the filing table, and a .docx of
 * the same on a landscape page (the sub-unit table has a column per line). Bytes only: the
 * layout is core/domain/figures/statistics-table.ts. Server side only (exceljs and docx are large).
 */
import {
  AlignmentType, Document, HeadingLevel, Packer, PageOrientation, Paragraph, Table, TableCell, TableRow, TextRun, WidthType,
} from 'docx';
import { Workbook, type Border } from 'exceljs';
import type { ExportFormat } from '../../../types/report';
import type { FilingTable, TableValue } from '../domain/figures/statistics-table';
import type { ReportFile } from './report-files';

const THIN: Partial<Border> = { style: 'thin' };
const BOXED = { top: THIN, left: THIN, bottom: THIN, right: THIN };

export async function filingXlsx(table: FilingTable): Promise<Uint8Array> {
  const wb = new Workbook();
  wb.creator = '法治台账';
  const ws = wb.addWorksheet('统计表', { pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  const width = Math.max(...table.sections.map((s) => s.columns.length));

  const title = ws.addRow([table.title]);
  ws.mergeCells(title.number, 1, title.number, width);
  title.font = { bold: true, size: 16 };
  title.alignment = { horizontal: 'center' };
  // Two label/value pairs a row, as a paper form carries them.
  for (let i = 0; i < table.fields.length; i += 2) ws.addRow(table.fields.slice(i, i + 2).flatMap(([k, v]) => [`${k}:`, v]));

  for (const section of table.sections) {
    ws.addRow([]);
    ws.addRow([section.caption]).font = { bold: true, size: 13 };
    const head = ws.addRow(section.columns);
    head.font = { bold: true };
    head.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
    head.eachCell((c) => (c.border = BOXED));
    section.rows.forEach((cells, i) => {
      const row = ws.addRow(cells);
      row.eachCell((c) => (c.border = BOXED));
      if (section.totalRow && i === section.rows.length - 1) row.font = { bold: true };
    });
  }
  ws.columns.forEach((c, i) => (c.width = i === 0 ? 22 : 14));
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

function cell(value: TableValue, bold = false): TableCell {
  return new TableCell({ children: [new Paragraph({ children: [new TextRun({ text: String(value), bold })] })] });
}

export async function filingDocx(table: FilingTable): Promise<Uint8Array> {
  const children: (Paragraph | Table)[] = [
    new Paragraph({ heading: HeadingLevel.HEADING_1, alignment: AlignmentType.CENTER, children: [new TextRun(table.title)] }),
    ...table.fields.map(([k, v]) => new Paragraph({ children: [new TextRun(`${k}:${v}`)] })),
  ];
  for (const section of table.sections) {
    children.push(new Paragraph({ spacing: { before: 240 }, children: [new TextRun({ text: section.caption, bold: true })] }));
    const rows = [
      new TableRow({ tableHeader: true, children: section.columns.map((h) => cell(h, true)) }),
      ...section.rows.map((cells, i) => {
        const bold = !!section.totalRow && i === section.rows.length - 1;
        return new TableRow({ children: cells.map((v) => cell(v, bold)) });
      }),
    ];
    children.push(new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows }));
  }
  const doc = new Document({
    creator: '法治台账',
    title: table.name,
    // 仿宋 小四 (12pt): the sub-unit table has a column per line.
    styles: { default: { document: { run: { font: '仿宋', size: 24 } } } },
    sections: [{ properties: { page: { size: { orientation: PageOrientation.LANDSCAPE } } }, children }],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

/** The filing table rendered as `format`. */
export async function filingFile(table: FilingTable, format: ExportFormat): Promise<ReportFile> {
  const bytes = format === 'xlsx' ? await filingXlsx(table) : await filingDocx(table);
  return { bytes, name: `${table.name}.${format}` };
}
