/**
 * A session's 签到表 as files: a workbook whose sheet is the ledger's 签到 sheet with a title above
 * its columns (an import skips title rows), and an A4 page to print and sign, set as the case
 * documents are. Bytes only: who is on it is core/app/attendance-sheet.ts. Server side only.
 */
import { AlignmentType, Document, HeightRule, Packer, Paragraph, Table, TableCell, TableRow, TextRun, VerticalAlign, WidthType } from 'docx';
import type { ExportFormat } from '../../../types/report';
import type { Training } from '../../../types/training';
import { A4, BODY_SIZE, BOXED, MARGINS, TABLE_SIZE, TITLE_SIZE } from './case-documents';
import type { ReportFile } from './report-files';
import { workbookBytes } from './workbook-write';

/** One roster person on the sheet; the phone already masked. */
export interface SheetLine {
  name: string;
  unitName: string;
  phone: string;
  present: boolean;
}

export interface AttendanceSheet {
  session: Pick<Training, 'topic' | 'category' | 'date' | 'place' | 'trainer' | 'hours'>;
  /** 培训编号 as the ledger export writes it. */
  trainingNo: string;
  lines: readonly SheetLine[];
}

export const PRESENT = '已签到';
export const DOCX_TITLE = '法律明白人培训签到表';
/** 培训编号, 姓名, 手机号 and 所属单位 are the 签到 sheet's own columns (DOMAIN.md); the others an import ignores. */
export const SHEET_COLUMNS = ['序号', '姓名', '所属单位', '手机号', '是否签到', '签名', '培训编号'] as const;
const DOCX_COLUMNS: [string, number][] = [['序号', 8], ['姓名', 18], ['所属单位', 24], ['联系电话', 22], ['签名', 28]];
/** A row tall enough to sign in by hand (twips, about 1.1 cm). */
const SIGNING_ROW = 624;

function details({ session: s }: AttendanceSheet): [string, string][] {
  return [['主题', s.topic], ['类别', s.category], ['日期', s.date], ['地点', s.place ?? ''], ['培训人', s.trainer ?? ''], ['学时', s.hours ? String(s.hours) : '']];
}

const tally = (sheet: AttendanceSheet) => `名册 ${sheet.lines.length} 人,已签到 ${sheet.lines.filter((l) => l.present).length} 人`;

export function attendanceXlsx(sheet: AttendanceSheet): Promise<Uint8Array> {
  return workbookBytes([{
    name: '签到',
    above: [[`${sheet.session.topic} 签到表`], [...details(sheet).map(([k, v]) => `${k}:${v}`), tally(sheet)]],
    columns: SHEET_COLUMNS,
    rows: sheet.lines.map((l, i) => [i + 1, l.name, l.unitName, l.phone, l.present ? PRESENT : '', '', sheet.trainingNo]),
  }]);
}

function cell(text: string, widthPct: number, bold = false): TableCell {
  return new TableCell({
    width: { size: widthPct, type: WidthType.PERCENTAGE },
    borders: BOXED,
    verticalAlign: VerticalAlign.CENTER,
    children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text, size: TABLE_SIZE, bold })] })],
  });
}

const body = (text: string, before = 0) => new Paragraph({ spacing: { before }, children: [new TextRun({ text, size: BODY_SIZE })] });

export async function attendanceDocx(sheet: AttendanceSheet): Promise<Uint8Array> {
  const d = Object.fromEntries(details(sheet));
  const table = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: DOCX_COLUMNS.map(([c, w]) => cell(c, w, true)) }),
      ...sheet.lines.map((l, i) => new TableRow({
        height: { value: SIGNING_ROW, rule: HeightRule.ATLEAST },
        cantSplit: true,
        children: [String(i + 1), l.name, l.unitName, l.phone, l.present ? PRESENT : ''].map((t, j) => cell(t, DOCX_COLUMNS[j][1])),
      })),
    ],
  });
  const document = new Document({
    creator: '法治台账',
    title: DOCX_TITLE,
    styles: { default: { document: { run: { font: '仿宋', size: BODY_SIZE } } } },
    sections: [{
      properties: { page: { size: A4, margin: MARGINS } },
      children: [
        new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [new TextRun({ text: DOCX_TITLE, size: TITLE_SIZE, bold: true, font: '宋体' })] }),
        body(`培训主题:${d.主题}`),
        body(`培训类别:${d.类别}　　日期:${d.日期}`),
        body(`地点:${d.地点}　　培训人:${d.培训人}　　学时:${d.学时}`),
        new Paragraph({ spacing: { after: 120 }, children: [] }),
        table,
        body(tally(sheet), 120),
        body('培训人签字:________________　　日期:______年____月____日', 480),
      ],
    }],
  });
  return new Uint8Array(await Packer.toBuffer(document));
}

/** Characters a file name cannot hold on Windows or a phone. */
const NOT_IN_NAMES = /[\\/:*?"<>|\r\n\t]/g;

export async function attendanceSheetFile(sheet: AttendanceSheet, format: ExportFormat): Promise<ReportFile> {
  const bytes = format === 'xlsx' ? await attendanceXlsx(sheet) : await attendanceDocx(sheet);
  return { bytes, name: `${sheet.session.date}${sheet.session.topic.replace(NOT_IN_NAMES, '')}签到表.${format}` };
}
