/**
 * The shared DisputeInput schema, enforced by the dispute function: a bad case is
 * refused with a Chinese message keyed by form field, and nothing at all is written.
 */
import { C } from '../../cloudfunctions/core/platform/port';
import { todayBeijing } from '../../types/dates';
import type { Dispute } from '../../types/dispute';
import { caseInput, counts, demoWorld, expectError, expectOk, snapshot, type World } from '../support/world';

const MEDIATOR = 'demo-mediator';

function tomorrowBeijing(): string {
  return todayBeijing(new Date(Date.now() + 24 * 3600 * 1000));
}

let w: World;
beforeAll(async () => {
  w = await demoWorld(4);
});
afterAll(() => w.store.close());

/** Sends `payload` as a save and expects INVALID on `field` with `message`; checks nothing was written. */
async function expectInvalid(payload: unknown, field: string, message: string | RegExp) {
  const beforeCounts = await counts(w.store);
  const before = await snapshot(w.store);
  const res = await w.call(MEDIATOR, 'dispute', 'save', payload);
  const err = expectError(res, 'INVALID');
  expect(err.fields).toBeDefined();
  expect(Object.keys(err.fields!)).toContain(field);
  expect(err.fields![field]).toMatch(message);
  expect(err.fields![field]).toMatch(/[\u4e00-\u9fff]/);
  // The headline message is one of the field messages, so the form can show it as is.
  expect(Object.values(err.fields!)).toContain(err.message);
  expect(await counts(w.store)).toEqual(beforeCounts);
  expect(await snapshot(w.store)).toEqual(before);
  return err;
}

describe('dispute.save refuses bad input field by field', () => {
  test('missing case type', async () => {
    const { type, ...rest } = caseInput();
    void type;
    await expectInvalid(rest, 'type', '请选择纠纷类型');
  });

  test('missing accepted date', async () => {
    const { acceptedDate, ...rest } = caseInput();
    void acceptedDate;
    await expectInvalid(rest, 'acceptedDate', '受理日期须为日期');
  });

  test('missing amount', async () => {
    const { amountFen, ...rest } = caseInput();
    void amountFen;
    await expectInvalid(rest, 'amountFen', '涉及金额须为数字');
  });

  test('an empty form names every required field', async () => {
    const err = await expectInvalid({}, 'id', '缺少记录编号');
    expect(Object.keys(err.fields!)).toEqual(
      expect.arrayContaining(['id', 'unitId', 'acceptedDate', 'type', 'channel', 'outcome', 'amountFen', 'parties', 'banners']),
    );
  });

  test('no case at all', async () => {
    await expectInvalid(undefined, '_', '提交的内容格式不正确');
  });

  test('a closed case without a resolved date', async () => {
    await expectInvalid(caseInput({ resolvedDate: undefined }), 'resolvedDate', '已结案件须填写调结日期');
  });

  test('negative amount', async () => {
    await expectInvalid(caseInput({ amountFen: -100 }), 'amountFen', '涉及金额不能为负数');
  });

  test('amount with fractions of a fen', async () => {
    await expectInvalid(caseInput({ amountFen: 100.5 }), 'amountFen', '涉及金额最多两位小数');
  });

  test('amount given as a string', async () => {
    await expectInvalid({ ...caseInput(), amountFen: '1000' }, 'amountFen', '涉及金额须为数字');
  });

  test('resolved date before accepted date', async () => {
    await expectInvalid(
      caseInput({ acceptedDate: '2025-03-09', resolvedDate: '2025-03-02' }),
      'resolvedDate',
      '调结日期不能早于受理日期',
    );
  });

  test('accepted date in the future (Beijing time)', async () => {
    const tomorrow = tomorrowBeijing();
    await expectInvalid(caseInput({ acceptedDate: tomorrow, resolvedDate: undefined, outcome: '在办' }), 'acceptedDate', '受理日期不能晚于今天');
  });

  test('resolved date in the future', async () => {
    await expectInvalid(caseInput({ acceptedDate: '2025-03-02', resolvedDate: tomorrowBeijing() }), 'resolvedDate', '调结日期不能晚于今天');
  });

  test('a date that does not exist', async () => {
    await expectInvalid(caseInput({ acceptedDate: '2025-02-30' }), 'acceptedDate', /格式应为/);
  });

  test('over 1亿元 without confirmLargeAmount', async () => {
    await expectInvalid(
      caseInput({ amountFen: 100_000_000 * 100 + 1 }),
      'amountFen',
      '涉及金额超过1亿元,请核对后勾选确认',
    );
  });

  test('unknown channel', async () => {
    await expectInvalid({ ...caseInput(), channel: '调解' }, 'channel', '请选择渠道');
  });

  test('negative number of parties', async () => {
    await expectInvalid(caseInput({ parties: -1 }), 'parties', '当事人数不能为负数');
  });

  test('a party phone too short to be a number, named in the message', async () => {
    await expectInvalid(caseInput({ partyPhones: '13800138000、12345' }), 'partyPhones', '电话「12345」不正确:应为7至12位数字,多个号码用顿号隔开');
  });

  test('a party phone with letters in it', async () => {
    await expectInvalid(caseInput({ partyPhones: '138abc38000' }), 'partyPhones', /电话「138abc38000」不正确/);
  });

  test('a masked party phone, which would store the stars for good', async () => {
    await expectInvalid(caseInput({ partyPhones: '138****8000' }), 'partyPhones', /电话「138\*\*\*\*8000」不正确/);
    await expectInvalid(caseInput({ partyPhones: '*******' }), 'partyPhones', /电话「\*\*\*\*\*\*\*」不正确/);
  });

  test('a unit that does not exist', async () => {
    await expectInvalid(caseInput({ unitId: 'no-such-unit' }), 'unitId', '所选单位不存在');
  });
});

describe('good input near the limits is accepted', () => {
  test('over 1亿元 with confirmLargeAmount is saved, and the confirmation is not stored', async () => {
    const input = caseInput({ amountFen: 100_000_000 * 100 + 1, confirmLargeAmount: true });
    const saved = expectOk(await w.call<Dispute>(MEDIATOR, 'dispute', 'save', input));
    expect(saved.amountFen).toBe(100_000_000 * 100 + 1);
    expect(saved).not.toHaveProperty('confirmLargeAmount');
  });

  test('exactly 1亿元 needs no confirmation', async () => {
    expectOk(await w.call(MEDIATOR, 'dispute', 'save', caseInput({ amountFen: 100_000_000 * 100 })));
  });

  test('a case accepted today (Beijing) and resolved the same day', async () => {
    const today = todayBeijing();
    const saved = expectOk(await w.call<Dispute>(MEDIATOR, 'dispute', 'save', caseInput({ acceptedDate: today, resolvedDate: today })));
    expect(saved.resolvedDate).toBe(today);
  });

  test('several party phones as people write them: mobiles, landlines, spaces, +86', async () => {
    const partyPhones = '138 0013 8000、0371-2345678,+86 139-0013-9000';
    const saved = expectOk(await w.call<Dispute>(MEDIATOR, 'dispute', 'save', caseInput({ partyPhones })));
    expect(saved.partyPhones).toBe(partyPhones);
  });

  test('协议形式 on a case not 调解成功 is dropped, not refused: only a successful mediation ends in an agreement', async () => {
    const stored = async (id: string) => (await w.store.get<Dispute>(C.disputes, id))!;
    const failed = caseInput({ outcome: '调解不成', agreementForm: '书面' });
    expectOk(await w.call(MEDIATOR, 'dispute', 'save', failed));
    expect((await stored(failed.id)).agreementForm ?? null).toBeNull();

    const settled = caseInput({ agreementForm: '口头' });
    expectOk(await w.call(MEDIATOR, 'dispute', 'save', settled));
    expect((await stored(settled.id)).agreementForm).toBe('口头');
    expectOk(await w.call(MEDIATOR, 'dispute', 'save', { ...settled, outcome: '终止', baseVersion: 1 }));
    expect(await stored(settled.id)).toMatchObject({ outcome: '终止' });
    expect(await stored(settled.id)).not.toHaveProperty('agreementForm');
  });

  test('a case still in hand needs no resolved date', async () => {
    expectOk(await w.call(MEDIATOR, 'dispute', 'save', caseInput({ outcome: '在办', resolvedDate: undefined })));
  });
});
