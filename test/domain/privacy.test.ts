/** Party details in a case's free text: masked wherever a ledger export would carry them. */
import { maskNames, withoutParties } from '../../cloudfunctions/core/domain/privacy';

describe('withoutParties', () => {
  test.each([
    ['张三与李四因排水沟发生纠纷', '张三、李四', '', '张*与李*因排水沟发生纠纷'],
    // A longer name is masked whole, not split by a shorter one inside it.
    ['欧阳娜娜诉阳娜', '阳娜 欧阳娜娜', '', '欧***诉阳*'],
    // A one-character "name" would mask common characters everywhere: left alone.
    ['王某与张家邻里纠纷', '张', '', '王某与张家邻里纠纷'],
    // The case's phones however spelt, and any mobile number; other numbers stay.
    ['电话 138-0013-8000,另 0371-2345678', '', '0371 2345678', '电话 138****8000,另 037****5678'],
    ['联系13900139000,赔偿1200000元', '', '', '联系139****9000,赔偿1200000元'],
    ['宅前排水沟纠纷', undefined, undefined, '宅前排水沟纠纷'],
    // As an edited case stores party details it does not have.
    ['宅前排水沟纠纷,电话13900139000', null, null, '宅前排水沟纠纷,电话139****9000'],
    // Names however the parties field separates them.
    ['张三与李四因排水沟发生纠纷', '张三;李四', '', '张*与李*因排水沟发生纠纷'],
    ['张三与李四因排水沟发生纠纷', '张三；李四', '', '张*与李*因排水沟发生纠纷'],
    ['张三与李四因排水沟发生纠纷', '张三/李四', '', '张*与李*因排水沟发生纠纷'],
    ['张三与李四因排水沟发生纠纷', '张三|李四', '', '张*与李*因排水沟发生纠纷'],
    // No separator: two or three names typed as one; the whole and each 2-3 character part are masked.
    ['张三与李四因排水沟发生纠纷,张三李四到场', '张三李四', '', '张*与李*因排水沟发生纠纷,张***到场'],
    ['张三诉王小明', '张三王小明', '', '张*诉王**'],
    ['欧阳娜娜来电', '欧阳娜娜', '', '欧***来电'],
    // A role in brackets after each name.
    ['张三与李四因排水沟发生纠纷', '张三(申请人)、李四（被申请人）', '', '张*与李*因排水沟发生纠纷'],
    // Phones however spelt: dots, full-width digits, dashes (half or full width), a +86 prefix.
    ['电话138.0013.8000', '', '', '电话138****8000'],
    ['电话１３８００１３８０００', '', '', '电话138****8000'],
    ['电话１３８－００１３－８０００', '', '', '电话138****8000'],
    ['电话138—0013—8000', '', '', '电话138****8000'],
    ['电话+86 138 0013 8000', '', '', '电话138****8000'],
    // A date or amount written just before a number does not hide it.
    ['2024.3.7 13800138000来电', '', '', '2024.3.7 138****8000来电'],
    // The case's own landline, written with its area code in the text and without it in the field.
    ['座机0371-2345678', '', '2345678', '座机0371-*****78'],
    ['座机０３７１．２３４５６７８', '', '0371 2345678', '座机037****5678'],
    // Dates and amounts with dots stay.
    ['2024.03.07受理,赔偿1.200.000元', '', '', '2024.03.07受理,赔偿1.200.000元'],
  ])('%s (names %s, phones %s) → %s', (text, names, phones, want) => {
    expect(withoutParties(text, names, phones)).toBe(want);
  });
});

test('maskNames masks each of several names', () => {
  expect(maskNames('张三、欧阳娜娜, 李四')).toBe('张*、欧***, 李*');
  expect(maskNames('张三;李四／王五')).toBe('张*;李*／王*');
});
