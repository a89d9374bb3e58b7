import * as v from 'valibot';
import { todayBeijing } from './dates';
import { METRIC_IDS, type Figure, type MetricId } from './metrics';
import { UnitIdSchema } from './org';
import { formObject } from './validation';

export const ReportYear = v.pipe(
  v.number('请选择年份'),
  v.integer('年份须为整数'),
  v.minValue(2000, '年份不能早于2000年'),
  v.check((y) => y <= Number(todayBeijing().slice(0, 4)), '年份不能晚于今年'),
);

const annualEntries = { year: ReportYear, unitId: v.optional(UnitIdSchema) };
/** `report.annual`, and `report.ledger` (the same unit and year's ledger as a workbook). */
export const AnnualQuery = formObject(annualEntries);
export type AnnualQuery = v.InferOutput<typeof AnnualQuery>;

export const EXPORT_FORMATS = ['xlsx', 'docx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const ExportQuery = formObject({
  ...annualEntries,
  format: v.picklist(EXPORT_FORMATS, '导出格式只能是 xlsx 或 docx'),
  /** The paragraph as the page shows it (composeParagraph): these lines exact, the zero clauses shown or not. */
  exact: v.optional(v.array(v.picklist(METRIC_IDS, '指标编号不正确'), '精确显示的指标须为列表'), []),
  showZero: v.optional(v.boolean('显示为零的项目须为是或否'), false),
});
export type ExportQuery = v.InferOutput<typeof ExportQuery>;

export interface ReportLine {
  id: MetricId;
  label: string;
  figure: Figure;
}

/** Fixed text or a figure's slot. */
export type ParagraphPiece = { text: string } | { line: MetricId };

/**
 * The paragraph as fixed text and figure slots, so a reader can switch any figure between worded
 * and exact; a `zeroClause` holds a clause (its ';' included) of lines that do not concern the
 * unit and are all zero (a township's 诉调 line): left out unless the reader shows zero lines.
 */
export type ParagraphPart = ParagraphPiece | { zeroClause: ParagraphPiece[] };

/** What `report.annual` answers: the report lines of one unit and year, and its paragraph. */
export interface AnnualReport {
  year: number;
  unit: { _id: string; name: string };
  lines: ReportLine[];
  parts: ParagraphPart[];
  /** Every figure worded as the report words it ('180余场'). */
  paragraph: string;
  /** Every figure exact ('183场'). */
  exactParagraph: string;
}

/** The ids of the lines shown exact; all others are worded. */
export type ExactLines = ReadonlySet<MetricId>;

/** Whether the paragraph has a clause it leaves out unless zero lines are shown. */
export const hasZeroClause = (parts: readonly ParagraphPart[]): boolean => parts.some((p) => 'zeroClause' in p);

/**
 * The paragraph with each line worded or exact as chosen, and its zero clauses only when
 * `showZero`. Shared by the function and the page, so the copied text is built by the same
 * rule as the function's own paragraphs.
 */
export function composeParagraph(report: Pick<AnnualReport, 'lines' | 'parts'>, exact: ExactLines, showZero = false): string {
  const byId = new Map(report.lines.map((l) => [l.id, l.figure]));
  const piece = (p: ParagraphPiece) => {
    if ('text' in p) return p.text;
    const f = byId.get(p.line);
    return f ? (exact.has(p.line) ? f.exactText : f.text) : '';
  };
  return report.parts
    .map((p) => ('zeroClause' in p ? (showZero ? p.zeroClause.map(piece).join('') : '') : piece(p)))
    .join('');
}

export interface ExportedFile {
  fileId: string;
  url: string;
  /** The name to save it under: '示范区2024年法治数据.xlsx', '杏花营镇2024年台账.xlsx'. */
  name: string;
}
