import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';

interface Props {
  label: string;
  required?: boolean;
  error?: string;
  hint?: string;
  children: ReactNode;
}

/** A labelled form row with its message right under the input. */
export function Field({ label, required, error, hint, children }: Props) {
  return (
    <View className={`field ${error ? 'field--error' : ''}`}>
      <Text className='field__label'>
        {label}
        {required ? <Text className='field__required'> *</Text> : null}
      </Text>
      {children}
      {error ? <Text className='field__error'>{error}</Text> : hint ? <Text className='field__hint'>{hint}</Text> : null}
    </View>
  );
}
