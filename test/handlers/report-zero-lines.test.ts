/** `report.annual` and `report.export` (issue 14): a township's paragraph leaves out the zero 诉调 clause unless shown, the district's keeps it. */
import JSZip from 'jszip';
import type { Dispute } from '../../types/dispute';
import { composeParagraph, hasZeroClause, type AnnualReport, type ExportedFile } from '../../types/report';
import { caseInput, demoWorld, expectOk, type World } from '../support/world';

const DISTRICT = 'demo-district';
const year = Number(new Date().toISOString().slice(0, 4));

let w: World;
beforeAll(async () => {
  w = await demoWorld(0);
  const date = `${year}-03-05`;
  expectOk(await w.call<Dispute>('demo-mediator', 'dispute', 'save', caseInput({ acceptedDate: date, resolvedDate: date })));
});
afterAll(() => w.store.close());

const annual = async (unitId: string) => expectOk(await w.call<AnnualReport>(DISTRICT, 'report', 'annual', { year, unitId }));

test('a township with no court-referred case: no 法院移交 clause unless zero lines are shown', async () => {
  const r = await annual('xhy');
  expect(r.paragraph).toMatch(/^共排查化解矛盾纠纷1件,涉及金额1余万元;开展/);
  expect(r.paragraph).not.toContain('法院移交');
  expect(r.exactParagraph).not.toContain('锦旗');
  expect(hasZeroClause(r.parts)).toBe(true);
  expect(composeParagraph(r, new Set(), true)).toContain(';成功调解法院移交案件0件,收到当事人赠送锦旗0面;');
});

test('the district keeps the clause, said of its 诉调 body, even at zero', async () => {
  const r = await annual('sfq');
  expect(hasZeroClause(r.parts)).toBe(false);
  expect(r.paragraph).toContain(';区诉调联动中心成功调解法院移交案件0件,收到当事人赠送锦旗0面;');
});

describe('report.export writes the paragraph as the page shows it', () => {
  const exported = async (payload: Record<string, unknown>) => {
    const file = expectOk(await w.call<ExportedFile>(DISTRICT, 'report', 'export', { year, unitId: 'xhy', format: 'docx', ...payload }));
    return (await JSZip.loadAsync(await w.files.get(file.fileId))).file('word/document.xml')!.async('string');
  };

  test('by default worded, the zero clause left out, as on the page before any switch', async () => {
    const r = await annual('xhy');
    const xml = await exported({});
    expect(xml).toContain(r.paragraph);
    expect(xml).not.toContain('成功调解法院移交案件0件');
  });

  test('显示为零的项目 and a line shown exact reach the file', async () => {
    const r = await annual('xhy');
    const xml = await exported({ exact: ['D2'], showZero: true });
    const shown = composeParagraph(r, new Set(['D2']), true);
    expect(shown).toContain(';成功调解法院移交案件0件,收到当事人赠送锦旗0面;');
    expect(shown).toContain('涉及金额12345.00元');
    expect(xml).toContain(shown);
  });

  test('an unknown line is refused with a message', async () => {
    const res = await w.call(DISTRICT, 'report', 'export', { year, unitId: 'xhy', format: 'docx', exact: ['X9'] });
    expect(res).toMatchObject({ ok: false, error: { message: '指标编号不正确' } });
  });
});
