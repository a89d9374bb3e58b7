/**
 * The annual report (DOMAIN.md "The report lines"): its lines, its paragraph worded as the
 * seed report words it, and the per-unit breakdown tables of the exports. Pure.
 */
import { METRICS, type Figure, type MetricId } from '../../../../types/metrics';
import type { Unit } from '../../../../types/org';
import { composeParagraph, type AnnualReport, type ParagraphPart, type ParagraphPiece } from '../../../../types/report';
import { TRAINING_CATEGORIES } from '../../../../types/training';
import { figuresOf } from './figures';
import { counterKey, DEFAULT_REPORT_CONFIG, parseCounterKey, type CounterName, type Counters } from './rollup';

/** The seed report's words around each figure: '开展' + '4次' + '“法律明白人”培训会'. */
const PHRASES: Record<MetricId, { before: string; after?: string }> = {
  D1: { before: '共排查化解矛盾纠纷' },
  D2: { before: '涉及金额' },
  D3: { before: '成功调解法院移交案件' },
  D4: { before: '收到当事人赠送锦旗' },
  T1: { before: '开展', after: '“法律明白人”培训会' },
  T2: { before: '覆盖人群' },
  P1: { before: '开展各类宣传活动' },
  P2: { before: '发放宣传资料' },
  P3: { before: '解答群众咨询' },
};

export interface Clause {
  lines: readonly MetricId[];
  subject?: 'courtBody';
  /** A line of the district's own bodies (DOMAIN.md: D3/D4 are the 诉调联动中心's), not of the units below it. */
  districtLevel?: true;
}

/**
 * The paragraph's clauses, in the seed's order: lines of a clause are joined by ',', clauses
 * by ';'. The court-referral clause is said of the district's 诉调 body when there is one.
 */
export const CLAUSES: readonly Clause[] = [
  { lines: ['D1', 'D2'] },
  { lines: ['D3', 'D4'], subject: 'courtBody', districtLevel: true },
  { lines: ['T1', 'T2'] },
  { lines: ['P1', 'P2', 'P3'] },
];

export interface ReportWording {
  /** Who the court-referral clause is about: '区诉调联动中心'. */
  courtBody?: string;
}

const isCourtBody = (u: Pick<Unit, 'kind' | 'name'>) => u.kind === '区直' && u.name.includes('诉调');

/** A district's report names its 诉调 body (a 区直 unit under it) as the seed does; others say no subject. */
export function courtBodyOf(unit: Pick<Unit, 'kind'>, children: readonly Pick<Unit, 'kind' | 'name'>[]): string | undefined {
  if (unit.kind !== '区') return undefined;
  return children.find(isCourtBody)?.name;
}

/**
 * Whether the paragraph leaves a clause out unless zero lines are shown: a district-level clause
 * with every figure 0, at a unit below the district that is not the 诉调 body itself (for a
 * township, '成功调解法院移交案件0件' says nothing about it). The district keeps every clause.
 */
export function leavesOut(unit: Pick<Unit, 'kind' | 'name'>, clause: Clause, figures: Record<MetricId, Figure>): boolean {
  return !!clause.districtLevel && unit.kind !== '区' && !isCourtBody(unit) && clause.lines.every((id) => figures[id].value === 0);
}

export function paragraphParts(wording: ReportWording = {}, leftOut: (clause: Clause) => boolean = () => false): ParagraphPart[] {
  const parts: ParagraphPart[] = [];
  CLAUSES.forEach((clause, i) => {
    // A clause left out takes its ';' with it.
    const zeroClause: ParagraphPiece[] = [];
    const list: ParagraphPart[] = leftOut(clause) ? zeroClause : parts;
    if (list === zeroClause) parts.push({ zeroClause });
    const text = (t: string) => {
      const last = list[list.length - 1];
      if (last && 'text' in last) last.text += t;
      else if (t) list.push({ text: t });
    };
    if (i > 0) text(';');
    if (clause.subject) text(wording[clause.subject] ?? '');
    clause.lines.forEach((id, j) => {
      if (j > 0) text(',');
      text(PHRASES[id].before);
      list.push({ line: id });
      text(PHRASES[id].after ?? '');
    });
  });
  const last = parts[parts.length - 1];
  if (last && 'text' in last) last.text += '。';
  else parts.push({ text: '。' });
  return parts;
}

export function buildAnnualReport(
  unit: Pick<Unit, '_id' | 'name' | 'kind'>,
  year: number,
  counters: Counters,
  wording: ReportWording = {},
): AnnualReport {
  const figures = figuresOf(counters);
  const lines = METRICS.map((m) => ({ id: m.id, label: m.label, figure: figures[m.id] }));
  const parts = paragraphParts(wording, (clause) => leavesOut(unit, clause, figures));
  return {
    year,
    unit: { _id: unit._id, name: unit.name },
    lines,
    parts,
    paragraph: composeParagraph({ lines, parts }, new Set()),
    exactParagraph: composeParagraph({ lines, parts }, new Set(METRICS.map((m) => m.id))),
  };
}

/** One sheet of the export: a rollup counter broken down by one dimension, one row per sub-unit. */
export interface Breakdown {
  sheet: string;
  /** What a cell counts. */
  caption: string;
  /** A rollup counter: a report line ('D1') or another counter ('trainings'). */
  counter: CounterName;
  by: string;
  /** Columns always shown, in this order; values met in the data but not listed here follow. */
  values: readonly string[];
}

/** The export's breakdown sheets; dispute types in the district's order. */
export function breakdownsFor(disputeTypes: readonly string[]): Breakdown[] {
  return [
    { sheet: '按纠纷类型', caption: '化解矛盾纠纷(件),按纠纷类型', counter: 'D1', by: 'type', values: disputeTypes },
    {
      sheet: '按渠道',
      caption: '化解矛盾纠纷(件),按来源渠道',
      counter: 'D1',
      by: 'channel',
      values: DEFAULT_REPORT_CONFIG.caseChannels,
    },
    { sheet: '按培训类别', caption: '培训会(次),按培训类别', counter: 'trainings', by: 'category', values: TRAINING_CATEGORIES },
  ];
}

export interface BreakdownRow {
  name: string;
  cells: number[];
  total: number;
}

export interface BreakdownTable {
  sheet: string;
  caption: string;
  columns: string[];
  /** Sub-units, then what was recorded at the unit itself (if anything), then the 合计 row. */
  rows: BreakdownRow[];
}

interface UnitCounters {
  name: string;
  counters: Counters;
}

export function breakdownTable(b: Breakdown, scope: UnitCounters, children: readonly UnitCounters[]): BreakdownTable {
  const met = Object.keys(scope.counters)
    .map(parseCounterKey)
    .filter((k) => k.id === b.counter && k.by === b.by)
    .map((k) => k.value!);
  const extra = [...new Set(met)].filter((v) => !b.values.includes(v)).sort((x, y) => x.localeCompare(y, 'zh'));
  const columns = [...b.values, ...extra];
  const row = (name: string, cells: number[]): BreakdownRow => ({ name, cells, total: cells.reduce((s, n) => s + n, 0) });
  const keys = columns.map((v) => counterKey(b.counter, b.by, v));
  const cellsOf = (c: Counters) => keys.map((k) => c[k] ?? 0);

  const rows = children.map((u) => row(u.name, cellsOf(u.counters)));
  const all = cellsOf(scope.counters);
  // Records kept at the unit itself (not at a sub-unit) are in its total but in no child's row.
  const own = all.map((n, i) => n - rows.reduce((s, r) => s + r.cells[i], 0));
  if (own.some((n) => n !== 0)) rows.push(row(`${scope.name}(本级)`, own));
  rows.push(row('合计', all));
  return { sheet: b.sheet, caption: b.caption, columns, rows };
}
