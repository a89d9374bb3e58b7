import { Textarea } from '@tarojs/components';
import { Field } from './Field';

interface Props {
  /** The textarea's id (e2e tests find the box by it). */
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  maxlength: number;
  placeholder?: string;
  required?: boolean;
  error?: string;
  hint?: string;
  /** Shown, not editable (text a viewer sees masked). */
  disabled?: boolean;
}

/** A labelled multi-line text box with its message under it: the one look of every longer text the forms ask for. */
export function TextAreaField({ id, label, value, onChange, maxlength, placeholder, required, error, hint, disabled }: Props) {
  return (
    <Field label={label} required={required} error={error} hint={hint}>
      <Textarea
        id={id}
        className='input textarea'
        disabled={disabled}
        maxlength={maxlength}
        placeholder={placeholder}
        value={value}
        onInput={(e) => onChange(e.detail.value)}
      />
    </Field>
  );
}
