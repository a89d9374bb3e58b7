import { useRef, type ChangeEvent, type ReactNode } from 'react';
import { chooseFromChat, type PickedFile } from '../services/ledger-import';
import { SubmitButton } from './SubmitButton';

interface Props {
  id: string;
  /** The browser build's file input (what tests set files on). */
  inputId: string;
  busy?: boolean;
  onFile: (file: PickedFile) => Promise<void>;
  children: ReactNode;
}

/**
 * Picks an .xlsx or .csv to import: WeChat, from a chat (Excel files reach a phone that way);
 * browser, from disk through the page's own file input, as Taro's pickers take only images there.
 */
export function FilePickButton({ id, inputId, busy, onFile, children }: Props) {
  const browserInput = useRef<HTMLInputElement>(null);

  const pick = async () => {
    if (process.env.TARO_ENV === 'h5') {
      browserInput.current?.click();
      return;
    }
    const file = await chooseFromChat();
    if (file) await onFile(file);
  };

  const onBrowserFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    // Cleared, so choosing the same file again (after fixing it) is a change too.
    e.target.value = '';
    if (!file) return;
    const path = URL.createObjectURL(file);
    try {
      await onFile({ path, name: file.name });
    } finally {
      URL.revokeObjectURL(path);
    }
  };

  return (
    <>
      {process.env.TARO_ENV === 'h5' ? (
        <input ref={browserInput} id={inputId} type='file' accept='.xlsx,.csv' style={{ display: 'none' }} onChange={onBrowserFile} />
      ) : null}
      <SubmitButton id={id} busy={busy} onClick={pick}>
        {children}
      </SubmitButton>
    </>
  );
}
