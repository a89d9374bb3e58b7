import { Input, View } from '@tarojs/components';
import type { DisputeForm } from '../services/dispute-form';
import { DateField } from './DateField';
import { Field } from './Field';
import { TextAreaField } from './TextAreaField';

type AgreementKey = 'agreementTerms' | 'performanceWay' | 'performanceDeadline';

interface Props {
  form: Pick<DisputeForm, AgreementKey>;
  set: (key: AgreementKey, value: string) => void;
  errorOf: (key: AgreementKey) => string | undefined;
  /** The terms name the parties: a viewer who sees them masked cannot change them. */
  termsLocked?: boolean;
}

/** 协议内容, 履行方式, 履行期限 of a successful mediation: typed once here, printed in the 协议书. */
export function AgreementFields({ form, set, errorOf, termsLocked }: Props) {
  return (
    <View id='agreement-fields'>
      <TextAreaField
        id='agreementTerms'
        label='协议内容'
        error={errorOf('agreementTerms')}
        hint={termsLocked ? '含当事人信息,只有登记人可以修改' : '写明双方同意的每一项,将印入调解协议书'}
        disabled={termsLocked}
        maxlength={2000}
        placeholder='如:一、李四于3月20日前赔偿张三修缮费3000元;二、双方共同维护排水沟'
        value={form.agreementTerms ?? ''}
        onChange={(v) => set('agreementTerms', v)}
      />
      <Field label='履行方式' error={errorOf('performanceWay')}>
        <Input
          id='performanceWay'
          className='input'
          maxlength={100}
          placeholder='如:一次性现金支付'
          value={form.performanceWay ?? ''}
          onInput={(e) => set('performanceWay', e.detail.value)}
        />
      </Field>
      <Field label='履行期限' error={errorOf('performanceDeadline')} hint='选填:协议约定的履行截止日期'>
        <DateField id='performanceDeadline' ahead value={form.performanceDeadline ?? ''} onChange={(v) => set('performanceDeadline', v)} />
      </Field>
    </View>
  );
}
