import { Input } from '@tarojs/components';

interface Props {
  id: string;
  value: string;
  onChange: (value: string) => void;
  /** What the field holds: a whole number, a decimal (学时, 金额), or a phone number. */
  kind: 'integer' | 'decimal' | 'phone';
  placeholder?: string;
  maxlength?: number;
}

/** WeChat's keyboards for each kind: they offer only what can be typed, so nothing typed is changed. */
const WEAPP_TYPE = { integer: 'number', decimal: 'digit', phone: 'number' } as const;

/**
 * A number or phone field that never changes what was typed. Taro's browser input of type
 * number/digit silently drops what it will not take ('1.5' became 15, '-50' 50, '1e3' 13, and
 * '+86 138…' could not be typed), so the browser build takes plain text and the form's check
 * refuses what it cannot store, next to the field.
 */
export function TypedInput({ id, value, onChange, kind, placeholder, maxlength }: Props) {
  return (
    <Input
      id={id}
      className='input'
      type={process.env.TARO_ENV === 'weapp' ? WEAPP_TYPE[kind] : 'text'}
      placeholder={placeholder}
      maxlength={maxlength}
      value={value}
      onInput={(e) => onChange(e.detail.value)}
    />
  );
}
