/**
 * An Import button that asks for a file: a hidden file input behind an ordinary button, so it
 * looks like the other header buttons. What is done with the file is the caller's.
 */
import { useRef, type ReactNode } from 'react';
import { icons } from '../editor/icons';

export interface UploadButtonProps {
  accept: string;
  title: string;
  /** The file input's test id: browser tests hand it files directly. */
  testId: string;
  disabled?: boolean;
  children: ReactNode;
  onFile: (file: File) => void;
}

export function UploadButton({ accept, title, testId, disabled, children, onFile }: UploadButtonProps) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" className="button ghost small" disabled={disabled} onClick={() => input.current?.click()} title={title}>
        {icons.upload} {children}
      </button>
      <input
        ref={input}
        type="file"
        accept={accept}
        hidden
        data-testid={testId}
        onChange={(e) => {
          const file = e.target.files?.[0];
          // Cleared so that choosing the same file again (after fixing it) fires again.
          e.target.value = '';
          if (file) onFile(file);
        }}
      />
    </>
  );
}
