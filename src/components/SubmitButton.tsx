import { Button } from '@tarojs/components';
import type { ReactNode } from 'react';

interface Props {
  id?: string;
  /** Saving: shows the spinner and ignores taps. */
  busy?: boolean;
  disabled?: boolean;
  onClick: () => void;
  children: ReactNode;
}

/**
 * The primary action of a form. Taro's H5 button treats `disabled={false}` as disabled
 * (it renders the attribute), so the props are passed only when true.
 */
export function SubmitButton({ id, busy, disabled, onClick, children }: Props) {
  return (
    <Button
      id={id}
      className='btn btn--primary'
      loading={busy || undefined}
      disabled={busy || disabled || undefined}
      onClick={onClick}
    >
      {children}
    </Button>
  );
}
