/**
 * 卷宗文书 as .docx: an A4 page with official margins, the title in 宋体 centred, the body in 仿宋
 * as the standard forms are set. Bytes only: what a document says is core/domain/case-documents.ts.
 * Server side only (docx is large).
 */
import { AlignmentType, BorderStyle, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { CaseDoc, DocBlock } from '../domain/case-documents';
import type { ReportFile } from './report-files';

/** Sizes in half-points: 二号 for the title, 四号 for the body, 小四 in tables (the 签到表 is set the same). */
export const TITLE_SIZE = 44;
export const BODY_SIZE = 28;
export const TABLE_SIZE = 24;
/** A4 in twips, with the margins of official documents (GB/T 9704: 37 mm top, 28 mm left). */
export const A4 = { width: 11906, height: 16838 };
export const MARGINS = { top: 2098, bottom: 1984, left: 1588, right: 1474 };
/** Lines left to write on under an empty passage. */
const BLANK_LINES = 4;

export const LINE = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
export const BOXED = { top: LINE, bottom: LINE, left: LINE, right: LINE };

/** One paragraph per typed line, so line breaks in 协议内容 stay where the mediator put them. */
function lines(text: string, size: number, opts: { bold?: boolean } = {}): Paragraph[] {
  return text.split(/\r?\n/).map((t) => new Paragraph({ children: [new TextRun({ text: t, size, bold: opts.bold })] }));
}

function cell(text: string, widthPct: number, bold = false): TableCell {
  return new TableCell({ width: { size: widthPct, type: WidthType.PERCENTAGE }, borders: BOXED, children: lines(text, TABLE_SIZE, { bold }) });
}

function blockParts(b: DocBlock): (Paragraph | Table)[] {
  switch (b.kind) {
    case 'fields':
      return [
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          rows: b.rows.map(([k, v]) => new TableRow({ children: [cell(k, 24, true), cell(v, 76)] })),
        }),
        new Paragraph({ children: [] }),
      ];
    case 'text':
      return [
        new Paragraph({ spacing: { before: 120 }, children: [new TextRun({ text: `${b.heading}:`, size: BODY_SIZE, bold: true })] }),
        ...(b.text
          ? b.text.split(/\r?\n/).map((t) => new Paragraph({ indent: { firstLine: 560 }, children: [new TextRun({ text: t, size: BODY_SIZE })] }))
          : Array.from({ length: BLANK_LINES }, () => new Paragraph({ border: { bottom: LINE }, spacing: { before: 240 }, children: [] }))),
      ];
    case 'table': {
      const width = Math.floor(100 / b.columns.length);
      return [
        new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 360, after: 120 }, children: [new TextRun({ text: b.caption, size: 36, bold: true, font: '宋体' })] }),
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          rows: [
            new TableRow({ tableHeader: true, children: b.columns.map((c) => cell(c, width, true)) }),
            ...b.rows.map((r) => new TableRow({ children: r.map((c) => cell(c, width)) })),
          ],
        }),
      ];
    }
    case 'signatures':
      return b.lines.map((t) => new Paragraph({ spacing: { before: 360 }, children: [new TextRun({ text: t, size: BODY_SIZE })] }));
    case 'seal':
      return b.lines.map((t, i) => new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { before: i ? 120 : 480 }, children: [new TextRun({ text: t, size: BODY_SIZE })] }));
  }
}

export async function caseDocumentDocx(doc: CaseDoc): Promise<Uint8Array> {
  const children: (Paragraph | Table)[] = [
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [new TextRun({ text: doc.title, size: TITLE_SIZE, bold: true, font: '宋体' })] }),
    ...(doc.caseNo ? [new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { after: 240 }, children: [new TextRun({ text: doc.caseNo, size: BODY_SIZE })] })] : []),
    ...doc.blocks.flatMap(blockParts),
  ];
  const document = new Document({
    creator: '法治台账',
    title: doc.title,
    styles: { default: { document: { run: { font: '仿宋', size: BODY_SIZE } } } },
    sections: [{ properties: { page: { size: A4, margin: MARGINS } }, children }],
  });
  return new Uint8Array(await Packer.toBuffer(document));
}

export async function caseDocumentFile(doc: CaseDoc): Promise<ReportFile> {
  return { bytes: await caseDocumentDocx(doc), name: doc.fileName };
}
