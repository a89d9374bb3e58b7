/** The annual report's paragraph and breakdown tables (DOMAIN.md "The report lines", "How numbers are worded"). */
import {
  breakdownsFor,
  breakdownTable,
  buildAnnualReport,
  CLAUSES,
  courtBodyOf,
  paragraphParts,
} from '../../cloudfunctions/core/domain/figures/report';
import { METRICS, type MetricId } from '../../types/metrics';
import { DEFAULT_DISPUTE_TYPES } from '../../types/dispute';
import { composeParagraph, hasZeroClause } from '../../types/report';

const DISTRICT = { _id: 'sfq', name: '示范区', kind: '区' as const };
const TOWNSHIP = { _id: 'xhy', name: '杏花营镇', kind: '乡镇街道' as const };

/** The seed report's 2024 figures, with exact values that word the way the seed words them. */
const SEED = {
  D1: 4454,
  D2: 6_835_720_037, // fen: 68,357,200.37 元 → 6835余万元
  D3: 1453,
  D4: 20,
  T1: 4,
  T2: 446,
  P1: 183,
  P2: 36_420,
  P3: 407,
};

const SEED_SENTENCE =
  '共排查化解矛盾纠纷4454件,涉及金额6835余万元;区诉调联动中心成功调解法院移交案件1453件,收到当事人赠送锦旗20面;' +
  '开展4次“法律明白人”培训会,覆盖人群446人;开展各类宣传活动180余场,发放宣传资料36000余份,解答群众咨询400余人次。';

describe('the report paragraph', () => {
  const report = buildAnnualReport(DISTRICT, 2024, SEED, { courtBody: '区诉调联动中心' });

  test('words the seed figures exactly as the seed report does', () => {
    expect(report.paragraph).toBe(SEED_SENTENCE);
  });

  test('the exact paragraph carries every exact figure, money in yuan', () => {
    expect(report.exactParagraph).toBe(
      '共排查化解矛盾纠纷4454件,涉及金额68357200.37元;区诉调联动中心成功调解法院移交案件1453件,收到当事人赠送锦旗20面;' +
        '开展4次“法律明白人”培训会,覆盖人群446人;开展各类宣传活动183场,发放宣传资料36420份,解答群众咨询407人次。',
    );
  });

  test('each line can be switched to exact on its own', () => {
    const mixed = composeParagraph(report, new Set<MetricId>(['P1']));
    expect(mixed).toContain('开展各类宣传活动183场');
    expect(mixed).toContain('发放宣传资料36000余份');
    expect(mixed).toContain('涉及金额6835余万元');
    expect(composeParagraph(report, new Set<MetricId>(['D2']))).toContain('涉及金额68357200.37元;');
  });

  test('has one line per report metric, in METRICS order, with the metric labels', () => {
    expect(report.lines.map((l) => l.id)).toEqual(METRICS.map((m) => m.id));
    expect(report.lines.map((l) => l.label)).toEqual(METRICS.map((m) => m.label));
    expect(report.lines.find((l) => l.id === 'D2')?.figure).toEqual({
      value: 6_835_720_037,
      text: '6835余万元',
      exactText: '68357200.37元',
    });
    expect(report).toMatchObject({ year: 2024, unit: { _id: DISTRICT._id, name: DISTRICT.name } });
  });

  test('names every metric exactly once', () => {
    const inClauses = CLAUSES.flatMap((c) => c.lines);
    expect([...inClauses].sort()).toEqual(METRICS.map((m) => m.id).sort());
    const slots = paragraphParts().flatMap((p) => ('line' in p ? [p.line] : []));
    expect(slots).toEqual(inClauses);
  });

  test('fixed text and figures alternate: no two text parts in a row', () => {
    const parts = paragraphParts({ courtBody: '区诉调联动中心' });
    parts.forEach((p, i) => {
      if (i > 0) expect('text' in p && 'text' in parts[i - 1]).toBe(false);
    });
  });

  test('without a 诉调 body, the court clause has no subject', () => {
    const r = buildAnnualReport(TOWNSHIP, 2024, SEED);
    expect(r.paragraph).toContain(';成功调解法院移交案件1453件,');
  });

  test('a unit with no records words every figure as zero', () => {
    const r = buildAnnualReport(DISTRICT, 2024, {});
    expect(r.paragraph).toBe(
      '共排查化解矛盾纠纷0件,涉及金额0元;成功调解法院移交案件0件,收到当事人赠送锦旗0面;' +
        '开展0次“法律明白人”培训会,覆盖人群0人;开展各类宣传活动0场,发放宣传资料0份,解答群众咨询0人次。',
    );
    expect(r.exactParagraph).toContain('涉及金额0.00元');
  });

  test('figures that are already round carry no 余', () => {
    const r = buildAnnualReport(DISTRICT, 2024, { P1: 180, P2: 36_000, D2: 6_835_000_000 });
    expect(r.paragraph).toContain('开展各类宣传活动180场');
    expect(r.paragraph).toContain('发放宣传资料36000份');
    expect(r.paragraph).toContain('涉及金额6835万元');
  });
});

describe('a unit below the district leaves out the 诉调 clause when it is zero', () => {
  const NO_COURT = { ...SEED, D3: 0, D4: 0 };
  const TOWNSHIP_SENTENCE =
    '共排查化解矛盾纠纷4454件,涉及金额6835余万元;开展4次“法律明白人”培训会,覆盖人群446人;' +
    '开展各类宣传活动180余场,发放宣传资料36000余份,解答群众咨询400余人次。';

  test('a township with no court-referred case and no 锦旗 has no court clause, worded or exact', () => {
    const r = buildAnnualReport(TOWNSHIP, 2024, NO_COURT);
    expect(r.paragraph).toBe(TOWNSHIP_SENTENCE);
    expect(r.exactParagraph).not.toContain('法院移交');
    expect(r.exactParagraph).not.toContain('锦旗');
    expect(composeParagraph(r, new Set())).toBe(TOWNSHIP_SENTENCE);
  });

  test('switching zero lines on brings the clause back in its place, its figures worded or exact as chosen', () => {
    const r = buildAnnualReport(TOWNSHIP, 2024, NO_COURT);
    expect(hasZeroClause(r.parts)).toBe(true);
    expect(composeParagraph(r, new Set(), true)).toBe(
      '共排查化解矛盾纠纷4454件,涉及金额6835余万元;成功调解法院移交案件0件,收到当事人赠送锦旗0面;开展4次“法律明白人”培训会,覆盖人群446人;' +
        '开展各类宣传活动180余场,发放宣传资料36000余份,解答群众咨询400余人次。',
    );
    expect(composeParagraph(r, new Set<MetricId>(['D2']), true)).toContain('涉及金额68357200.37元;成功调解法院移交案件0件');
  });

  test('a village too; one figure of the clause not zero keeps the whole clause', () => {
    const village = { _id: 'xhy-qj', name: '前进村', kind: '村社区' as const };
    expect(buildAnnualReport(village, 2024, NO_COURT).paragraph).toBe(TOWNSHIP_SENTENCE);
    const oneBanner = buildAnnualReport(village, 2024, { ...NO_COURT, D4: 1 });
    expect(hasZeroClause(oneBanner.parts)).toBe(false);
    expect(oneBanner.paragraph).toContain(';成功调解法院移交案件0件,收到当事人赠送锦旗1面;');
  });

  test('the district keeps the clause at zero, and so does the 诉调 body itself: it is their line', () => {
    const district = buildAnnualReport(DISTRICT, 2024, NO_COURT, { courtBody: '区诉调联动中心' });
    expect(hasZeroClause(district.parts)).toBe(false);
    expect(district.paragraph).toContain(';区诉调联动中心成功调解法院移交案件0件,收到当事人赠送锦旗0面;');
    const centre = buildAnnualReport({ _id: 'sdzx', name: '区诉调联动中心', kind: '区直' }, 2024, {});
    expect(centre.paragraph).toContain(';成功调解法院移交案件0件,收到当事人赠送锦旗0面;');
  });

  test('other zero lines stay: they concern a township', () => {
    const r = buildAnnualReport(TOWNSHIP, 2024, {});
    expect(r.paragraph).toBe('共排查化解矛盾纠纷0件,涉及金额0元;开展0次“法律明白人”培训会,覆盖人群0人;开展各类宣传活动0场,发放宣传资料0份,解答群众咨询0人次。');
  });
});

describe('courtBodyOf', () => {
  const centre = { kind: '区直' as const, name: '区诉调联动中心' };
  const bureau = { kind: '区直' as const, name: '区司法局' };
  const town = { kind: '乡镇街道' as const, name: '杏花营镇' };

  test('a district names its 诉调 body', () => {
    expect(courtBodyOf({ kind: '区' }, [town, bureau, centre])).toBe('区诉调联动中心');
  });
  test('a district without one, or any other unit, names none', () => {
    expect(courtBodyOf({ kind: '区' }, [town, bureau])).toBeUndefined();
    expect(courtBodyOf({ kind: '乡镇街道' }, [centre])).toBeUndefined();
  });
});

describe('breakdownTable', () => {
  const byType = breakdownsFor(DEFAULT_DISPUTE_TYPES).find((b) => b.sheet === '按纠纷类型')!;
  const byCategory = breakdownsFor(DEFAULT_DISPUTE_TYPES).find((b) => b.sheet === '按培训类别')!;

  test('one row per sub-unit, then 合计; columns are the configured values', () => {
    const t = breakdownTable(
      byType,
      { name: '杏花营镇', counters: { D1: 5, 'D1|type|邻里': 3, 'D1|type|合同': 2 } },
      [
        { name: '前进村', counters: { 'D1|type|邻里': 2, 'D1|type|合同': 2 } },
        { name: '张庄村', counters: { 'D1|type|邻里': 1 } },
      ],
    );
    expect(t.sheet).toBe('按纠纷类型');
    expect(t.columns.slice(0, 3)).toEqual(['婚姻家庭', '邻里', '房屋宅基地']);
    const col = (name: string, v: string) => t.rows.find((r) => r.name === name)!.cells[t.columns.indexOf(v)];
    expect(t.rows.map((r) => r.name)).toEqual(['前进村', '张庄村', '合计']);
    expect(col('前进村', '合同')).toBe(2);
    expect(col('合计', '邻里')).toBe(3);
    expect(t.rows.map((r) => r.total)).toEqual([4, 1, 5]);
  });

  test('what was recorded at the unit itself gets its own 本级 row, so rows add up to 合计', () => {
    const t = breakdownTable(
      byType,
      { name: '杏花营镇', counters: { 'D1|type|邻里': 5 } },
      [{ name: '前进村', counters: { 'D1|type|邻里': 2 } }],
    );
    expect(t.rows.map((r) => [r.name, r.total])).toEqual([
      ['前进村', 2],
      ['杏花营镇(本级)', 3],
      ['合计', 5],
    ]);
  });

  test('a value met in the data but not configured gets a column after the configured ones', () => {
    const t = breakdownTable(
      byCategory,
      { name: '示范区', counters: { trainings: 3, 'trainings|category|“法律明白人”培训': 2, 'trainings|category|普法骨干培训': 1 } },
      [],
    );
    expect(t.columns[t.columns.length - 1]).toBe('普法骨干培训');
    expect(t.rows).toEqual([
      expect.objectContaining({ name: '示范区(本级)', total: 3 }),
      expect.objectContaining({ name: '合计', total: 3 }),
    ]);
  });

  test('counters of other figures never leak into a breakdown', () => {
    const t = breakdownTable(byType, { name: '示范区', counters: { 'D2|type|邻里': 999, 'accepted|type|邻里': 7 } }, []);
    expect(t.rows).toEqual([expect.objectContaining({ name: '合计', total: 0 })]);
  });
});
