/**
 * Party details in a case's free text (issue 13, defect 5): however the parties field separates
 * the names and however a phone is spelt in the summary, a colleague without rights reads them
 * masked, and the audit trail keeps the summary masked the same way.
 */
import { C } from '../../cloudfunctions/core/platform/port';
import { todayBeijing } from '../../types/dates';
import type { Dispute } from '../../types/dispute';
import { COLUMNS } from '../../types/import';
import type { AuditEntry } from '../../types/ledger';
import type { ExportedFile } from '../../types/report';
import { readWorkbook } from '../support/ledger';
import { caseInput, demoWorld, expectOk, type World } from '../support/world';

const MEDIATOR = 'demo-mediator';
const SAME_VILLAGE = 'demo-m-xhy-qj';

let w: World;
beforeEach(async () => {
  w = await demoWorld(0);
  await w.store.set(C.settings, { _id: 'district', unitWideEditing: true } as never);
});
afterEach(() => w.store.close());

const spellings: [string, Partial<Dispute>, string, string][] = [
  ['names separated by ;', { partyNames: '张三;李四' }, '张三与李四相邻', '张*与李*相邻'],
  ['names separated by ；', { partyNames: '张三；李四' }, '张三与李四相邻', '张*与李*相邻'],
  ['names separated by /', { partyNames: '张三/李四' }, '张三与李四相邻', '张*与李*相邻'],
  ['names with no separator', { partyNames: '张三李四' }, '张三与李四相邻', '张*与李*相邻'],
  ['a phone with dots', {}, '张三电话138.0013.8000', '张*电话138****8000'],
  ['a phone in full-width digits', {}, '张三电话１３８００１３８０００', '张*电话138****8000'],
  ['a phone with long or full-width dashes', {}, '张三电话138—0013－8000', '张*电话138****8000'],
  ['a landline of the case after a date', { partyPhones: '0371-2345678' }, '2024.3.7张三来电0371.2345678', '2024.3.7张*来电037****5678'],
];

test.each(spellings)('%s: a colleague reads the summary masked', async (_label, parties, summary, masked) => {
  const theirs = expectOk(await w.call<Dispute>(SAME_VILLAGE, 'dispute', 'save', caseInput({ ...parties, summary })));
  const got = expectOk(await w.call<{ record: Dispute; canSeePrivate: boolean }>(MEDIATOR, 'dispute', 'get', { id: theirs._id }));
  expect(got.canSeePrivate).toBe(false);
  expect(got.record.summary).toBe(masked);
});

test.each(spellings)('%s: the audit trail keeps the summary masked', async (_label, parties, summary, masked) => {
  const mine = expectOk(await w.call<Dispute>(MEDIATOR, 'dispute', 'save', caseInput({ ...parties, summary })));
  const history = expectOk(await w.call<AuditEntry[]>(MEDIATOR, 'dispute', 'history', { id: mine._id }));
  expect(history.map((e) => e.changes.summary)).toEqual([[null, masked]]);
  // The stored case keeps what was typed: only the trail's copy is masked.
  expect((await w.store.get<Dispute>(C.disputes, mine._id))!.summary).toBe(summary);
});

test('the ledger export carries every spelling masked', async () => {
  const today = todayBeijing();
  const ids: string[] = [];
  for (const [, parties, summary] of spellings) {
    ids.push(expectOk(await w.call<Dispute>(MEDIATOR, 'dispute', 'save', caseInput({ ...parties, summary, acceptedDate: today, resolvedDate: today })))._id);
  }
  const file = expectOk(await w.call<ExportedFile>('demo-district', 'report', 'ledger', { year: Number(today.slice(0, 4)) }));
  const rows = (await readWorkbook(await w.files.get(file.fileId))).矛盾纠纷;
  const summaryAt = COLUMNS.矛盾纠纷.indexOf('简要情况');
  const exported = new Map(rows.slice(1).map((r) => [r[0], r[summaryAt]]));
  expect(ids.map((id) => exported.get(id))).toEqual(spellings.map(([, , , masked]) => masked));
});

test('an edit that clears the parties: the trail masks the old summary by the parties it had', async () => {
  const summary = '张三与李四因排水沟发生纠纷,张三电话0371-2345678';
  const mine = expectOk(await w.call<Dispute>(MEDIATOR, 'dispute', 'save', caseInput({ summary, partyNames: '张三、李四', partyPhones: '03712345678' })));
  const edit = { ...caseInput({ id: mine._id, summary: '排水沟纠纷', partyNames: undefined, partyPhones: undefined }), baseVersion: 1 };
  expectOk(await w.call(MEDIATOR, 'dispute', 'save', edit));
  const history = expectOk(await w.call<AuditEntry[]>(MEDIATOR, 'dispute', 'history', { id: mine._id }));
  expect(history.map((e) => e.changes.summary)).toEqual([
    [null, '张*与李*因排水沟发生纠纷,张*电话037****5678'],
    ['张*与李*因排水沟发生纠纷,张*电话037****5678', '排水沟纠纷'],
  ]);
  const all = JSON.stringify(await w.store.find(C.audit, {}));
  expect(all).not.toMatch(/张三|李四|2345678/);
});
