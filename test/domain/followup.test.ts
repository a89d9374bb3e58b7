/** The 回访 and 司法确认 rules (types/followup.ts): when a 回访 is due, what awaits 司法确认, and the forms' messages. */
import { addDays } from '../../types/dates';
import {
  awaitsConfirmation, confirmationOf, ConfirmationInput, FollowUpInput, followUpDueOf, type FollowUp,
} from '../../types/followup';
import { validate } from '../../types/validation';

const followUp = (date: string): FollowUp => ({ id: `fu-${date}`, date, way: '电话', performance: '已履行', by: 'u', byName: '李调解', at: `${date}T02:00:00.000Z` });

describe('followUpDueOf', () => {
  test('a 调解成功 case is due the district’s days after 调结', () => {
    expect(followUpDueOf({ outcome: '调解成功', resolvedDate: '2024-01-31' }, 30)).toBe('2024-03-01');
    expect(followUpDueOf({ outcome: '调解成功', resolvedDate: '2024-12-20' }, 15)).toBe('2025-01-04');
  });
  test.each(['调解不成', '终止', '在办'] as const)('a %s case has none', (outcome) => {
    expect(followUpDueOf({ outcome, resolvedDate: '2024-01-31' }, 30)).toBeUndefined();
  });
  test('a 回访 on or after 调结 clears it; one before (an earlier closing) does not', () => {
    expect(followUpDueOf({ outcome: '调解成功', resolvedDate: '2024-01-31', followUps: [followUp('2024-01-31')] }, 30)).toBeUndefined();
    expect(followUpDueOf({ outcome: '调解成功', resolvedDate: '2024-03-01', followUps: [followUp('2024-02-10')] }, 30)).toBe('2024-03-31');
  });
});

describe('awaitsConfirmation', () => {
  const today = '2024-06-30';
  const c = { outcome: '调解成功' as const, agreementForm: '书面' as const, resolvedDate: today };
  test('a written agreement awaits application from 调结 to 30 days after it', () => {
    expect(awaitsConfirmation(c, today)).toBe(true);
    expect(awaitsConfirmation({ ...c, resolvedDate: addDays(today, -30) }, today)).toBe(true);
    expect(awaitsConfirmation({ ...c, resolvedDate: addDays(today, -31) }, today)).toBe(false);
  });
  test('not once applied for, nor for an oral agreement or another outcome; 未申请 set explicitly still awaits', () => {
    expect(awaitsConfirmation({ ...c, confirmation: { status: '已申请', appliedDate: today } }, today)).toBe(false);
    expect(awaitsConfirmation({ ...c, confirmation: { status: '未申请' } }, today)).toBe(true);
    expect(awaitsConfirmation({ ...c, agreementForm: '口头' }, today)).toBe(false);
    expect(awaitsConfirmation({ ...c, outcome: '调解不成' }, today)).toBe(false);
  });
});

describe('the forms', () => {
  const base = { caseId: 'case-000001', id: 'fu-0000001', date: '2024-03-01', way: '上门', performance: '部分履行' };
  test('a 回访 takes a way and a 履行情况 from the lists, a note of at most 200 characters', () => {
    expect(validate(FollowUpInput, base).ok).toBe(true);
    expect(validate(FollowUpInput, { ...base, way: '', performance: '差不多' })).toEqual({ ok: false, fields: { way: '请选择回访方式', performance: '请选择履行情况' } });
    expect(validate(FollowUpInput, { ...base, note: '字'.repeat(201) })).toEqual({ ok: false, fields: { note: '回访情况不超过200字' } });
    expect(validate(FollowUpInput, { ...base, date: '' })).toEqual({ ok: false, fields: { date: '请选择回访日期' } });
  });
  test('司法确认 needs the dates its state has, in order; only those are kept', () => {
    const c = { caseId: 'case-000001' };
    expect(validate(ConfirmationInput, { ...c, status: '不予确认', appliedDate: '2024-03-05', decidedDate: '2024-03-04' })).toEqual({ ok: false, fields: { decidedDate: '确认/裁定日期不能早于申请日期' } });
    expect(validate(ConfirmationInput, { ...c, status: '已确认' })).toEqual({ ok: false, fields: { appliedDate: '请选择申请日期', decidedDate: '请选择确认/裁定日期' } });
    expect(confirmationOf({ ...c, status: '已申请', appliedDate: '2024-03-05', decidedDate: '2024-03-09' })).toEqual({ status: '已申请', appliedDate: '2024-03-05' });
    expect(confirmationOf({ ...c, status: '未申请', appliedDate: '2024-03-05' })).toEqual({ status: '未申请' });
  });
});
