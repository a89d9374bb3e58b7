/** The 登记纠纷 form's own rules: when it asks to confirm a large amount, when it asks for a 调结日期, and how 来源 and the prevention flags are sent. */
import type { Dispute } from '../../types/dispute';
import { todayBeijing } from '../../types/dates';
import {
  asksInvolvedPeople, asksResolvedDate, checkDisputeForm, formFromDispute, formFromInput, hasStatisticsFields, needsLargeConfirm, shownSource,
  toggledAlerts, type DisputeForm,
} from '../../src/services/dispute-form';
import { SETTLED_CASE } from './support/cases';

const form = (patch: Partial<DisputeForm>): DisputeForm => ({
  id: 'case0001',
  ...SETTLED_CASE,
  amountYuan: '',
  parties: '2',
  banners: '0',
  summary: '',
  partyNames: '',
  partyPhones: '',
  confirmLargeAmount: false,
  involvedPeople: '',
  ...patch,
});

test('the confirmation is asked over 1亿元 only, and stays on screen once ticked', () => {
  expect(needsLargeConfirm(form({ amountYuan: '' }))).toBe(false);
  expect(needsLargeConfirm(form({ amountYuan: '100000000' }))).toBe(false);
  expect(needsLargeConfirm(form({ amountYuan: '100000000.01' }))).toBe(true);
  expect(needsLargeConfirm(form({ amountYuan: '1,000,000,000' }))).toBe(true);
  expect(needsLargeConfirm(form({ amountYuan: '一亿' }))).toBe(false);
  expect(needsLargeConfirm(form({ amountYuan: '5', confirmLargeAmount: true }))).toBe(true);
  // And it is what lets such an amount through.
  expect(checkDisputeForm(form({ amountYuan: '100000000.01' })).ok).toBe(false);
  expect(checkDisputeForm(form({ amountYuan: '100000000.01', confirmLargeAmount: true })).ok).toBe(true);
});

test('an open case (在办) has no 调结日期; a closed one must have one', () => {
  expect(asksResolvedDate(form({ outcome: '在办' }))).toBe(false);
  for (const outcome of ['调解成功', '调解不成', '终止']) expect(asksResolvedDate(form({ outcome }))).toBe(true);

  const open = checkDisputeForm(form({ outcome: '在办' }));
  expect(open.ok && open.input.resolvedDate).toBeUndefined();
  const closed = checkDisputeForm(form({ outcome: '终止', resolvedDate: '' }));
  expect(closed.ok ? {} : closed.errors).toHaveProperty('resolvedDate');
});

test('a stored case opens for editing as it is (with its version); 复制一条 makes a new case of today without its parties', () => {
  const stored = {
    _id: 'case0042', id: 'case0042', unitId: 'xhy-qj', unitPath: ['sfq', 'xhy', 'xhy-qj'], acceptedDate: '2024-03-07', resolvedDate: '2024-03-09',
    type: '合同', channel: '诉调', outcome: '调解不成', agreementForm: '书面', amountFen: 500000, parties: 2, banners: 1,
    summary: '货款', partyNames: '张三', partyPhones: '13800138000', mediatorId: 'm', mediatorName: '李调解', version: 3,
    deleted: false, createdAt: '', updatedAt: '',
  } as Dispute;
  expect(formFromDispute(stored)).toEqual(form({
    id: 'case0042', acceptedDate: '2024-03-07', resolvedDate: '2024-03-09', type: '合同', channel: '诉调', outcome: '调解不成',
    agreementForm: '书面', amountYuan: '5000.00', banners: '1', summary: '货款', partyNames: '张三', partyPhones: '13800138000', baseVersion: 3,
  }));
  const copy = formFromDispute(stored, true);
  expect(copy.id).not.toBe('case0042');
  expect(copy).toEqual(form({
    id: copy.id, acceptedDate: todayBeijing(), resolvedDate: todayBeijing(), type: '合同', channel: '诉调', outcome: '调解成功',
    agreementForm: '书面', amountYuan: '5000.00', banners: '1', summary: '货款',
  }));
});

const input = (f: DisputeForm) => {
  const checked = checkDisputeForm(f);
  if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
  return checked.input;
};
const errors = (f: DisputeForm) => {
  const checked = checkDisputeForm(f);
  return checked.ok ? {} : checked.errors;
};

test('来源 shows the channel’s default until chosen, and is sent only once chosen', () => {
  expect(shownSource(form({ channel: '民调' }))).toBe('申请调解');
  expect(shownSource(form({ channel: '诉调' }))).toBe('接受委托移送');
  expect(input(form({ channel: '诉调' }))).not.toHaveProperty('source');
  // Chosen, it stays whatever the channel, and is sent even when it equals the default.
  expect(shownSource(form({ channel: '诉调', source: '主动调解' }))).toBe('主动调解');
  expect(input(form({ channel: '诉调', source: '主动调解' })).source).toBe('主动调解');
  expect(input(form({ channel: '民调', source: '申请调解' })).source).toBe('申请调解');
});

test('a prevention flag is sent with its people; on with 人数 blank or 0 is refused next to it; 涉及人数 blank is not sent', () => {
  const plain = input(form({}));
  expect(plain).not.toHaveProperty('prevention');
  expect(plain).not.toHaveProperty('involvedPeople');

  const flagged = input(form({ 'prevention.防止民转刑': '3', 'prevention.防止群体性上访': ' 40 ', involvedPeople: '45' }));
  expect(flagged.prevention).toEqual({ 防止民转刑: 3, 防止群体性上访: 40 });
  expect(flagged.involvedPeople).toBe(45);

  expect(errors(form({ 'prevention.防止民转刑': '' }))).toEqual({ 'prevention.防止民转刑': '防止民转刑人数至少为1' });
  expect(errors(form({ 'prevention.防止民转刑': '0' }))).toEqual({ 'prevention.防止民转刑': '防止民转刑人数至少为1' });
  expect(errors(form({ 'prevention.防止民间纠纷引起自杀': '两人' }))).toEqual({ 'prevention.防止民间纠纷引起自杀': '防止民间纠纷引起自杀人数须为数字' });
  expect(errors(form({ involvedPeople: '-3' }))).toEqual({ involvedPeople: '涉及人数不能为负数' });
  // A flag switched off again sends nothing, whatever was typed before.
  expect(input(form({ 'prevention.防止民转刑': undefined }))).not.toHaveProperty('prevention');
});

test('a draft saved before the statistics fields existed still checks, as none given', () => {
  const { involvedPeople: _, ...old } = form({});
  const checked = input(old as DisputeForm);
  expect(checked).not.toHaveProperty('source');
  expect(checked).not.toHaveProperty('involvedPeople');
  expect(hasStatisticsFields(old as DisputeForm)).toBe(false);
});

test('来源, 涉及人数 and the flags come back into the form: editing, a copy, a refused write from the outbox', () => {
  const sent = input(form({ source: '主动调解', involvedPeople: '12', 'prevention.防止民转刑': '3' }));
  const back = formFromInput(sent);
  expect(back).toEqual(form({ source: '主动调解', involvedPeople: '12', 'prevention.防止民转刑': '3' }));
  expect(hasStatisticsFields(back)).toBe(true);

  const stored = { ...sent, _id: sent.id, unitPath: [], mediatorId: 'm', mediatorName: '李调解', version: 2, deleted: false, createdAt: '', updatedAt: '' } as Dispute;
  expect(formFromDispute(stored)).toMatchObject({ source: '主动调解', involvedPeople: '12', 'prevention.防止民转刑': '3', baseVersion: 2 });
  expect(formFromDispute(stored, true)).toMatchObject({ source: '主动调解', involvedPeople: '12', 'prevention.防止民转刑': '3' });
  // A case stored without 来源 keeps following its channel when edited.
  const { source: _, ...noSource } = stored;
  expect(formFromDispute(noSource as Dispute)).not.toHaveProperty('source');
});

test('协议内容, 履行方式 and 履行期限 are sent trimmed for 调解成功 only, come back for editing, and a copy leaves this case’s terms behind', () => {
  const typed = { agreementTerms: ' 李四赔偿张三3000元 ', performanceWay: ' 一次性现金支付 ', performanceDeadline: '2099-12-31' };
  const ok = checkDisputeForm(form(typed));
  expect(ok.ok && [ok.input.agreementTerms, ok.input.performanceWay, ok.input.performanceDeadline]).toEqual(['李四赔偿张三3000元', '一次性现金支付', '2099-12-31']);
  const failed = checkDisputeForm(form({ ...typed, outcome: '调解不成' }));
  expect(failed.ok && [failed.input.agreementTerms, failed.input.performanceWay, failed.input.performanceDeadline]).toEqual([undefined, undefined, undefined]);
  const blank = checkDisputeForm(form({ agreementTerms: '  ', performanceWay: '', performanceDeadline: '' }));
  expect(blank.ok && Object.keys(blank.input)).not.toContain('agreementTerms');
  // A draft from before the form asked them checks as none given.
  expect(checkDisputeForm(form({})).ok).toBe(true);
  const tooLong = checkDisputeForm(form({ agreementTerms: '条'.repeat(2001) }));
  expect(!tooLong.ok && tooLong.errors.agreementTerms).toBe('协议内容不超过2000字');

  const stored = { ...SETTLED_CASE, _id: 'case0001', version: 2, amountFen: 0, parties: 2, banners: 0, agreementTerms: '李四赔偿张三3000元', performanceWay: '现金', performanceDeadline: '2025-04-01' } as unknown as Dispute;
  expect(formFromDispute(stored)).toMatchObject({ agreementTerms: '李四赔偿张三3000元', performanceWay: '现金', performanceDeadline: '2025-04-01' });
  const copy = formFromDispute(stored, true);
  expect([copy.agreementTerms, copy.performanceWay, copy.performanceDeadline]).toEqual([undefined, '现金', undefined]);
});

test('重大 flags: 群体性 asks 涉及人数 (2 or more, named at its field); the flags are sent in one order and come back into the form', () => {
  expect(toggledAlerts(form({}), '可能激化')).toEqual(['可能激化']);
  expect(toggledAlerts(form({ alerts: ['可能激化'] }), '群体性')).toEqual(['群体性', '可能激化']);
  expect(toggledAlerts(form({ alerts: ['群体性', '可能激化'] }), '群体性')).toEqual(['可能激化']);
  expect(asksInvolvedPeople(form({ alerts: ['可能激化'] }))).toBe(false);
  expect(asksInvolvedPeople(form({ alerts: ['群体性'] }))).toBe(true);
  expect(hasStatisticsFields(form({ alerts: ['群体性'] }))).toBe(true);

  expect(errors(form({ alerts: ['群体性'] }))).toEqual({ involvedPeople: '群体性纠纷须填写涉及人数(至少2人)' });
  expect(errors(form({ alerts: ['群体性'], involvedPeople: '1' }))).toEqual({ involvedPeople: '群体性纠纷须填写涉及人数(至少2人)' });
  const sent = input(form({ alerts: ['群体性', '可能激化'], involvedPeople: '40' }));
  expect(sent.alerts).toEqual(['群体性', '可能激化']);
  expect(input(form({ alerts: [] }))).not.toHaveProperty('alerts');
  expect(formFromInput(sent)).toEqual(form({ alerts: ['群体性', '可能激化'], involvedPeople: '40' }));
});
