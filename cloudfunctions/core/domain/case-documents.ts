/**
 * 卷宗文书 as content: what each document of a case file says, laid out as the standard forms lay
 * it out (a form table, passages, signature and thumbprint lines, the committee's seal). Pure:
 * files/case-documents.ts renders it as .docx; app/case-documents.ts decides who may have it.
 * Party names and phones are in it: only those who see them in full may be given one.
 */
import { documentsFor, type CaseDocumentKind } from '../../../types/case-documents';
import { CHANNEL_LABELS, sourceOf, type Dispute } from '../../../types/dispute';
import { fenToYuanText } from '../../../types/money';
import { partyList } from './privacy';

export type DocBlock =
  /** A bordered form table, a label and its value a row. */
  | { kind: 'fields'; rows: [label: string, value: string][] }
  /** A passage under its heading; an empty text leaves lines to write on by hand. */
  | { kind: 'text'; heading: string; text: string }
  /** A table with a header row (the 卷内目录). */
  | { kind: 'table'; caption: string; columns: string[]; rows: string[][] }
  /** Lines to sign on (签名、按指印), one a line. */
  | { kind: 'signatures'; lines: string[] }
  /** Right-aligned, as a form ends: the committee to seal it and the date. */
  | { kind: 'seal'; lines: string[] };

export interface CaseDoc {
  kind: CaseDocumentKind;
  title: string;
  caseNo?: string;
  blocks: DocBlock[];
  /** The name to save it under: '(2024)杏前人调字第12号人民调解协议书.docx'. */
  fileName: string;
}

/** What a document is made from: the case (in full), its unit's name and the day it is printed (Beijing). */
export interface CaseFacts {
  case: Dispute;
  unitName: string;
  today: string;
}

const TITLES: Record<CaseDocumentKind, string> = {
  卷宗封面: '人民调解卷宗',
  人民调解申请书: '人民调解申请书',
  受理登记表: '人民调解受理登记表',
  调解记录: '人民调解记录',
  人民调解协议书: '人民调解协议书',
  口头协议登记表: '人民调解口头协议登记表',
  回访记录: '人民调解回访记录',
  结案报告: '人民调解结案报告',
};

/** A line left to write on by hand. */
const BLANK = '＿＿＿＿＿＿＿＿';

/** '2024-03-07' → '2024年3月7日'; none: the blanks a form prints for a date. */
export function dateText(date: string | undefined): string {
  if (!date) return '　　　　年　　月　　日';
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** The committee a case's unit keeps: '前进村人民调解委员会'. */
export const committeeOf = (unitName: string): string => `${unitName}人民调解委员会`;

/** The parties to sign, by name; none named: as many blank lines as the case has parties (2 to 6), filled in by hand. */
function signers(d: Dispute): string[] {
  const named = partyList(d.partyNames);
  return named.length ? named : Array.from({ length: Math.min(6, Math.max(2, d.parties)) }, () => '');
}

const partySignatures = (d: Dispute, label: string) => signers(d).map((name) => `${label}(签名、按指印):${name}　${BLANK}`);
const mediatorSignature = (d: Dispute) => `人民调解员(签名):${d.mediatorName}　${BLANK}`;
const seal = (f: CaseFacts, date: string | undefined): DocBlock => ({ kind: 'seal', lines: [`${committeeOf(f.unitName)}(盖章)`, dateText(date)] });

const text = (heading: string, body: string | undefined): DocBlock => ({ kind: 'text', heading, text: body ?? '' });
const amountText = (d: Dispute) => `${fenToYuanText(d.amountFen)} 元`;

/** 履行方式 and 履行期限, as the agreement states them (blank to fill in when not typed). */
const performance = (d: Dispute): [string, string][] => [
  ['履行方式', d.performanceWay ?? ''],
  ['履行期限', d.performanceDeadline ? dateText(d.performanceDeadline) : ''],
];

/** 司法确认 as far as it has gone: its status and the dates it has. */
function confirmationBlock(c: NonNullable<Dispute['confirmation']>): DocBlock {
  return { kind: 'fields', rows: [['司法确认', c.status], ['申请日期', c.appliedDate ? dateText(c.appliedDate) : ''], ['确认/裁定日期', c.decidedDate ? dateText(c.decidedDate) : '']] };
}

function blocksOf(kind: CaseDocumentKind, f: CaseFacts): DocBlock[] {
  const d = f.case;
  const committee = committeeOf(f.unitName);
  const parties = d.partyNames ?? '';
  switch (kind) {
    case '卷宗封面':
      return [
        {
          kind: 'fields',
          rows: [
            ['案号', d.caseNo ?? ''], ['案由', `${d.type}纠纷`], ['当事人', parties], ['调解组织', committee], ['人民调解员', d.mediatorName],
            ['受理日期', dateText(d.acceptedDate)], ['结案日期', d.resolvedDate ? dateText(d.resolvedDate) : ''], ['调解结果', d.outcome],
            ['立卷日期', dateText(f.today)],
          ],
        },
        {
          kind: 'table',
          caption: '卷内目录',
          columns: ['序号', '文书名称', '备注'],
          // The documents, then the photos kept with the case (照片与扫描件), each with its file name.
          rows: [
            ...documentsFor(d).filter((k) => k !== '卷宗封面').map((k) => [TITLES[k], '']),
            ...(d.attachments ?? []).map((a) => [`${a.kind}(照片)`, a.name]),
          ].map((row, i) => [String(i + 1), ...row]),
        },
      ];
    case '人民调解申请书':
      return [
        { kind: 'fields', rows: [['申请人', parties], ['联系电话', d.partyPhones ?? ''], ['纠纷类型', d.type]] },
        text('纠纷事实及理由', d.summary),
        text('申请事项', `申请${committee}依法调解上述纠纷。申请人自愿接受人民调解,并如实陈述纠纷事实。`),
        { kind: 'signatures', lines: [`此致　${committee}`, ...partySignatures(d, '申请人')] },
        { kind: 'seal', lines: [dateText(d.acceptedDate)] },
      ];
    case '受理登记表':
      return [
        {
          kind: 'fields',
          rows: [
            ['案号', d.caseNo ?? ''], ['受理日期', dateText(d.acceptedDate)], ['来源', sourceOf(d)], ['渠道', CHANNEL_LABELS[d.channel]],
            ['纠纷类型', d.type], ['当事人', parties], ['联系电话', d.partyPhones ?? ''], ['当事人数', `${d.parties} 人`],
            ['涉及人数', d.involvedPeople === undefined ? '' : `${d.involvedPeople} 人`], ['涉及金额', amountText(d)],
            ['纠纷简要情况', d.summary ?? ''], ['受理人', d.mediatorName], ['调解组织', committee],
          ],
        },
      ];
    case '调解记录':
      return [
        {
          kind: 'fields',
          rows: [
            ['案号', d.caseNo ?? ''], ['调解时间', `${dateText(d.acceptedDate)} 至 ${d.resolvedDate ? dateText(d.resolvedDate) : '今'}`],
            ['调解地点', ''], ['人民调解员', d.mediatorName], ['当事人', parties], ['纠纷类型', d.type],
          ],
        },
        text('调解情况', d.summary),
        text('调解结果', d.agreementTerms ? `${d.outcome}。${d.agreementTerms}` : d.outcome),
        { kind: 'signatures', lines: [...partySignatures(d, '当事人'), mediatorSignature(d), `记录人(签名):${BLANK}`] },
      ];
    case '人民调解协议书':
      return [
        { kind: 'fields', rows: [...signers(d).map((name): [string, string] => ['当事人', name]), ['联系电话', d.partyPhones ?? '']] },
        text('纠纷主要事实、争议事项', d.summary),
        text('经人民调解委员会调解,当事人自愿达成如下协议', d.agreementTerms),
        { kind: 'fields', rows: performance(d) },
        text(
          '说明',
          `本协议自当事人签名(按指印)、人民调解员签名并加盖人民调解委员会印章之日起生效。本协议一式${signers(d).length + 1}份,当事人、人民调解委员会各持一份。` +
            '经人民调解委员会调解达成的调解协议,具有法律约束力,当事人应当按照约定履行。当事人可以自本协议生效之日起三十日内共同向人民法院申请司法确认。',
        ),
        { kind: 'signatures', lines: [...partySignatures(d, '当事人'), mediatorSignature(d)] },
        seal(f, d.resolvedDate),
      ];
    case '口头协议登记表':
      return [
        { kind: 'fields', rows: [['案号', d.caseNo ?? ''], ['当事人', parties], ['纠纷类型', d.type], ['纠纷简要情况', d.summary ?? ''], ['协议内容', d.agreementTerms ?? '']] },
        { kind: 'fields', rows: [...performance(d), ['人民调解员', d.mediatorName], ['登记日期', dateText(d.resolvedDate)]] },
        { kind: 'signatures', lines: [...partySignatures(d, '当事人'), mediatorSignature(d)] },
      ];
    case '回访记录':
      return [
        { kind: 'fields', rows: [['案号', d.caseNo ?? ''], ['当事人', parties], ['纠纷类型', d.type], ['调结日期', dateText(d.resolvedDate)], ['协议内容', d.agreementTerms ?? '']] },
        {
          kind: 'table',
          caption: '回访情况',
          columns: ['回访日期', '回访方式', '履行情况', '回访情况', '回访人'],
          rows: [...(d.followUps ?? [])].sort((a, b) => a.date.localeCompare(b.date)).map((v) => [dateText(v.date), v.way, v.performance, v.note ?? '', v.byName]),
        },
        ...(d.confirmation ? [confirmationBlock(d.confirmation)] : []),
        { kind: 'signatures', lines: [`回访人(签名):${BLANK}`, ...partySignatures(d, '被回访人')] },
      ];
    case '结案报告':
      return [
        {
          kind: 'fields',
          rows: [
            ['案号', d.caseNo ?? ''], ['纠纷类型', d.type], ['渠道', CHANNEL_LABELS[d.channel]], ['来源', sourceOf(d)], ['当事人', parties],
            ['受理日期', dateText(d.acceptedDate)], ['调结日期', dateText(d.resolvedDate)], ['调解结果', d.outcome],
            ['协议形式', d.agreementForm ?? ''], ['涉及金额', amountText(d)], ['锦旗', `${d.banners} 面`],
          ],
        },
        text('案情及调解经过', d.summary),
        ...(d.agreementTerms ? [text('协议内容', d.agreementTerms), { kind: 'fields', rows: performance(d) } as DocBlock] : []),
        { kind: 'signatures', lines: [mediatorSignature(d)] },
        seal(f, d.resolvedDate),
      ];
  }
}

/** One document of a case, as content. */
export function caseDocument(kind: CaseDocumentKind, f: CaseFacts): CaseDoc {
  const d = f.case;
  const title = TITLES[kind];
  const stem = d.caseNo ?? `${f.unitName}${d.type}纠纷${d.acceptedDate}`;
  return { kind, title, ...(d.caseNo ? { caseNo: d.caseNo } : {}), blocks: blocksOf(kind, f), fileName: `${stem}${title}.docx` };
}
