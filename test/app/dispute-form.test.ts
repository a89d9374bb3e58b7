/** The 登记纠纷 form's own rules: when it asks to confirm a large amount, and when it asks for a 调结日期. */
import type { Dispute } from '../../types/dispute';
import { todayBeijing } from '../../types/dates';
import { asksResolvedDate, checkDisputeForm, formFromDispute, needsLargeConfirm, type DisputeForm } from '../../src/services/dispute-form';
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
