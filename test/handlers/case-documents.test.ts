/**
 * 卷宗文书 (dispute.document): each document a case holds is a .docx that opens (its
 * word/document.xml parsed back) and says what the case says: parties, dispute, the agreed terms,
 * 履行方式 and 期限, the committee. Only the recorder and supervisors above may have one (party
 * data is in it); everyone else is refused and nothing is kept. Each generation is a line in the
 * case's 修改记录. And the agreement's fields themselves: typed once, checked, kept from a colleague.
 */
import JSZip from 'jszip';
import { C } from '../../cloudfunctions/core/platform/port';
import { CASE_DOCUMENTS, documentsFor, type CaseDocumentKind } from '../../types/case-documents';
import { addDays, todayBeijing } from '../../types/dates';
import type { Dispute } from '../../types/dispute';
import type { AuditEntry, DisputeView } from '../../types/ledger';
import type { ExportedFile } from '../../types/report';
import { caseInput, demoWorld, expectError, expectOk, snapshot, type World } from '../support/world';

const MEDIATOR = 'demo-mediator';
const SAME_VILLAGE = 'demo-m-xhy-qj';
const OTHER_TOWNSHIP_MEDIATOR = 'demo-m-jy-hx';
const TRAINER = 'demo-trainer';
const TOWNSHIP = 'demo-township';
const DISTRICT = 'demo-district';

/** Each document's title, as its first line reads. */
const TITLES: Record<CaseDocumentKind, string> = {
  卷宗封面: '人民调解卷宗', 人民调解申请书: '人民调解申请书', 受理登记表: '人民调解受理登记表', 调解记录: '人民调解记录',
  人民调解协议书: '人民调解协议书', 口头协议登记表: '人民调解口头协议登记表', 回访记录: '人民调解回访记录', 结案报告: '人民调解结案报告',
};

const TERMS = '一、李四于2025年3月20日前赔偿张三修缮费人民币3000元;\n二、双方今后共同维护排水沟,互不堵塞。';
const WAY = '一次性现金支付';
const DEADLINE = '2025-03-20';

jest.setTimeout(60_000);

let w: World;
beforeEach(async () => {
  w = await demoWorld(0);
});
afterEach(() => w.store.close());

const generate = (openid: string, id: string, kind: string) => w.call<ExportedFile>(openid, 'dispute', 'document', { id, kind });

/** The document's text: every run's text joined, so a passage reads as typed whatever its runs. */
async function documentText(file: ExportedFile): Promise<string> {
  const bytes = await w.files.get(file.fileId);
  expect(Buffer.from(bytes.slice(0, 2)).toString()).toBe('PK');
  const xml = await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string');
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)]
    .map((p) => [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''))
    .join('\n');
}

async function writtenCase(overrides: Parameters<typeof caseInput>[0] = {}): Promise<Dispute> {
  return expectOk(
    await w.call<Dispute>(MEDIATOR, 'dispute', 'save', caseInput({ agreementTerms: TERMS, performanceWay: WAY, performanceDeadline: DEADLINE, ...overrides })),
  );
}

describe('which documents a case holds', () => {
  test('a written agreement has the 协议书, an oral one the 登记表; an 在办 case no agreement and no 结案报告', () => {
    const base = { channel: '民调', source: undefined } as const;
    expect(documentsFor({ ...base, outcome: '调解成功', agreementForm: '书面' })).toEqual(['卷宗封面', '人民调解申请书', '受理登记表', '调解记录', '人民调解协议书', '结案报告']);
    expect(documentsFor({ ...base, outcome: '调解成功', agreementForm: '口头' })).toEqual(['卷宗封面', '人民调解申请书', '受理登记表', '调解记录', '口头协议登记表', '结案报告']);
    expect(documentsFor({ ...base, outcome: '在办', agreementForm: undefined })).toEqual(['卷宗封面', '人民调解申请书', '受理登记表', '调解记录']);
    // A court's referral (诉调) or a case taken up by the committee itself has no party's application.
    expect(documentsFor({ channel: '诉调', outcome: '调解不成', agreementForm: undefined })).toEqual(['卷宗封面', '受理登记表', '调解记录', '结案报告']);
    expect(documentsFor({ channel: '民调', source: '主动调解', outcome: '终止', agreementForm: undefined })).not.toContain('人民调解申请书');
  });
});

describe('dispute.document', () => {
  test('the 协议书 opens and holds the parties, the dispute, the terms, 履行方式 and 期限, signature lines and the committee', async () => {
    const d = await writtenCase();
    const file = expectOk(await generate(MEDIATOR, d._id, '人民调解协议书'));
    // Named by the case's 案号, which it also carries.
    expect(d.caseNo).toMatch(/^\(2025\)杏前人调字第\d+号$/);
    expect(file.name).toBe(`${d.caseNo}人民调解协议书.docx`);
    const text = await documentText(file);
    expect(text).toContain(d.caseNo);
    expect(text).toContain('人民调解协议书');
    for (const line of TERMS.split('\n')) expect(text).toContain(line);
    expect(text).toContain('宅前排水沟纠纷,经调解双方达成协议');
    expect(text).toContain(WAY);
    expect(text).toContain('2025年3月20日');
    expect(text).toContain('13800138000');
    // Each party signs and puts a thumbprint on their own line; the mediator signs; the committee seals.
    expect(text).toContain('当事人(签名、按指印):张三');
    expect(text).toContain('当事人(签名、按指印):李四');
    expect(text).toContain('人民调解员(签名):李调解(前进村调解员)');
    expect(text).toContain('前进村人民调解委员会(盖章)');
    expect(text).toContain('2025年3月9日');
  });

  test('is set as the standard forms are: A4, the title centred in 宋体, the body in 仿宋', async () => {
    const d = await writtenCase();
    const zip = await JSZip.loadAsync(await w.files.get(expectOk(await generate(MEDIATOR, d._id, '人民调解协议书')).fileId));
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    const title = xml.match(/<w:p>(?:(?!<\/w:p>)[\s\S])*?人民调解协议书<\/w:t>/)![0];
    expect(title).toContain('<w:jc w:val="center"/>');
    expect(title).toMatch(/w:eastAsia="宋体"/);
    expect(await zip.file('word/styles.xml')!.async('string')).toMatch(/<w:rFonts w:ascii="仿宋"[^>]*w:eastAsia="仿宋"/);
  });

  test('every document the case holds opens and holds the case; the cover lists the rest in its 卷内目录', async () => {
    const d = await writtenCase({ agreementForm: '口头' });
    const kinds = documentsFor(d);
    expect(kinds).toContain('口头协议登记表');
    for (const kind of kinds) {
      const text = await documentText(expectOk(await generate(MEDIATOR, d._id, kind)));
      expect(text.split('\n')[0]).toBe(TITLES[kind]);
      expect(text).toContain('张三');
      expect(text).toContain('邻里');
    }
    const cover = await documentText(expectOk(await generate(MEDIATOR, d._id, '卷宗封面')));
    expect(cover).toContain('卷内目录');
    expect(cover).toContain('前进村人民调解委员会');
    expect(cover).toContain('邻里纠纷');
    for (const kind of kinds.slice(1)) expect(cover).toContain(TITLES[kind]);
    expect(cover).not.toContain('人民调解协议书');
    const oral = await documentText(expectOk(await generate(MEDIATOR, d._id, '口头协议登记表')));
    expect(oral).toContain(TERMS.split('\n')[1]);
    expect(oral).toContain(WAY);
  });

  test('a 回访 recorded makes a 回访记录: each 回访 with its 方式, 履行情况 and note, 司法确认 as far as it has gone; the cover lists it', async () => {
    const d = await writtenCase();
    expect(expectError(await generate(MEDIATOR, d._id, '回访记录'), 'INVALID').message).toBe('这起案件没有「回访记录」(调解成功,书面协议)');
    expectOk(await w.call(MEDIATOR, 'dispute', 'followUpSave', { caseId: d._id, id: 'fu-doc-0001', date: '2025-04-08', way: '电话', performance: '部分履行', note: '已付1500元' }));
    expectOk(await w.call(MEDIATOR, 'dispute', 'confirmationSave', { caseId: d._id, status: '已申请', appliedDate: '2025-03-20' }));
    const text = await documentText(expectOk(await generate(MEDIATOR, d._id, '回访记录')));
    expect(text.split('\n')[0]).toBe('人民调解回访记录');
    for (const s of ['2025年4月8日', '电话', '部分履行', '已付1500元', '李调解(前进村调解员)', '已申请', '2025年3月20日', '被回访人(签名、按指印):张三']) {
      expect(text).toContain(s);
    }
    expect(await documentText(expectOk(await generate(MEDIATOR, d._id, '卷宗封面')))).toContain('人民调解回访记录');
  });

  test('a document the case does not hold is refused: the 协议书 of an oral agreement', async () => {
    const d = await writtenCase({ agreementForm: '口头' });
    expect(expectError(await generate(MEDIATOR, d._id, '人民调解协议书'), 'INVALID').message).toBe('这起案件没有「人民调解协议书」(调解成功,口头协议)');
    expect(expectError(await generate(MEDIATOR, d._id, '起诉状'), 'INVALID').message).toBe('没有这种卷宗文书');
  });

  test('supervisors above the unit get the parties in full', async () => {
    const d = await writtenCase();
    for (const supervisor of [TOWNSHIP, DISTRICT]) {
      const text = await documentText(expectOk(await generate(supervisor, d._id, '受理登记表')));
      expect(text).toContain('张三、李四');
      expect(text).toContain('13800138000');
    }
  });

  test('anyone else is refused in Chinese, even a colleague who may edit the case, and nothing is kept or audited', async () => {
    await w.store.set(C.settings, { _id: 'district', unitWideEditing: true } as never);
    const d = await writtenCase();
    // The colleague may open and edit it, with the parties masked.
    const view = expectOk(await w.call<DisputeView>(SAME_VILLAGE, 'dispute', 'get', { id: d._id }));
    expect([view.canEdit, view.canSeePrivate]).toEqual([true, false]);
    const before = await snapshot(w.store);
    const filesBefore = await w.store.count(C.files, {});
    for (const who of [SAME_VILLAGE, OTHER_TOWNSHIP_MEDIATOR, TRAINER]) {
      for (const kind of CASE_DOCUMENTS) {
        const err = expectError(await generate(who, d._id, kind), 'FORBIDDEN');
        expect(err.message).toBe('卷宗文书含当事人信息,只有登记的调解员和上级主管可以生成');
      }
    }
    expect(await snapshot(w.store)).toEqual(before);
    expect(await w.store.count(C.files, {})).toBe(filesBefore);
  });

  test('a case that does not exist is refused', async () => {
    expect(expectError(await generate(MEDIATOR, 'no-such-case-0001', '卷宗封面'), 'NOT_FOUND').message).toBe('案件不存在或已删除');
  });

  test('each generation is in the case’s 修改记录: who, which document, when; the file is kept as theirs, of the case’s unit', async () => {
    const d = await writtenCase();
    const t0 = Date.now();
    const mine = expectOk(await generate(MEDIATOR, d._id, '人民调解协议书'));
    expectOk(await generate(TOWNSHIP, d._id, '结案报告'));
    const history = expectOk(await w.call<AuditEntry[]>(MEDIATOR, 'dispute', 'history', { id: d._id }));
    const printed = history.filter((h) => h.action === 'document');
    expect(printed.map((h) => [h.byName, h.version, h.changes])).toEqual([
      ['李调解(前进村调解员)', 1, { document: [null, '人民调解协议书'] }],
      ['赵所长(杏花营镇司法所)', 1, { document: [null, '结案报告'] }],
    ]);
    expect(Date.parse(printed[0].at)).toBeGreaterThanOrEqual(t0 - 1000);
    // After the version they were printed from.
    expect(history[0].action).toBe('create');
    const owner = await w.store.get<{ _id: string; by: string; unitPath: string[] }>(C.files, mine.fileId);
    expect(owner).toMatchObject({ by: MEDIATOR, unitPath: d.unitPath });
  });
});

describe('the agreement’s fields', () => {
  const save = (input: Parameters<typeof caseInput>[0]) => w.call<Dispute>(MEDIATOR, 'dispute', 'save', caseInput(input));

  test('are stored as typed, a 履行期限 ahead of today included', async () => {
    const ahead = addDays(todayBeijing(), 60);
    const d = expectOk(await save({ agreementTerms: TERMS, performanceWay: WAY, performanceDeadline: ahead }));
    expect([d.agreementTerms, d.performanceWay, d.performanceDeadline]).toEqual([TERMS, WAY, ahead]);
  });

  test('bad ones are refused at their field in Chinese, nothing stored', async () => {
    const before = await snapshot(w.store);
    const cases: [Parameters<typeof caseInput>[0], string, string][] = [
      [{ agreementTerms: '条'.repeat(2001) }, 'agreementTerms', '协议内容不超过2000字'],
      [{ performanceWay: '付'.repeat(101) }, 'performanceWay', '履行方式不超过100字'],
      [{ performanceDeadline: '2025-02-30' }, 'performanceDeadline', '履行期限格式应为 年-月-日,如 2024-03-07'],
      [{ performanceDeadline: '2025-03-08' }, 'performanceDeadline', '履行期限不能早于调结日期'],
    ];
    for (const [input, field, message] of cases) expect(expectError(await save(input), 'INVALID').fields?.[field]).toBe(message);
    expect(await snapshot(w.store)).toEqual(before);
  });

  test('belong to a successful mediation: another outcome stores none', async () => {
    const d = expectOk(await save({ outcome: '调解不成', agreementForm: undefined, agreementTerms: TERMS, performanceWay: WAY, performanceDeadline: DEADLINE }));
    expect([d.agreementTerms, d.performanceWay, d.performanceDeadline]).toEqual([undefined, undefined, undefined]);
  });

  test('a colleague reads the terms with the parties masked, and cannot change them; the trail keeps them masked', async () => {
    await w.store.set(C.settings, { _id: 'district', unitWideEditing: true } as never);
    const d = await writtenCase({ agreementTerms: '张三赔偿李四3000元' });
    const seen = expectOk(await w.call<DisputeView>(SAME_VILLAGE, 'dispute', 'get', { id: d._id })).record;
    expect(seen.agreementTerms).toBe('张*赔偿李*3000元');
    // As their form sends it: the masked parties left out, the terms as they read them.
    const { partyNames, partyPhones, ...sent } = { ...caseInput(), ...seen, id: d._id, baseVersion: d.version, banners: 1 };
    const edited = expectOk(await w.call<Dispute>(SAME_VILLAGE, 'dispute', 'save', sent));
    expect(edited.banners).toBe(1);
    expect((await w.store.get<Dispute>(C.disputes, edited._id))!.agreementTerms).toBe('张三赔偿李四3000元');
    const history = expectOk(await w.call<AuditEntry[]>(MEDIATOR, 'dispute', 'history', { id: d._id }));
    expect(history[0].changes.agreementTerms).toEqual([null, '张*赔偿李*3000元']);
  });
});
