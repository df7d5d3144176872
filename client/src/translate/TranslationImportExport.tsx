/**
 * Import and export of one language version. Import sends the file as it is (the samples'
 * plain text, .docx, or XLIFF 1.2/2.0) and the server aligns it with the original; export
 * links straight to the server's renderings of this language.
 */
import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/http';
import { icons } from '../editor/icons';
import { languageName } from '../../../shared/src/rooms';
import { translationApi, translationExportUrl, type ImportResult, type TranslationExportFormat } from './translationApi';

export function TranslationImportButton({ reportId, lang, onResult }: { reportId: string; lang: string; onResult: (message: string, isError: boolean) => void }) {
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);

  async function send(file: File) {
    if (!window.confirm(`Import “${file.name}” into the ${languageName(lang)} translation? Rows it translates are replaced and marked translated.`)) return;
    setBusy(true);
    try {
      onResult(describe(await translationApi.importFile(reportId, lang, file)), false);
    } catch (err) {
      onResult(err instanceof ApiError ? err.message : 'The file could not be imported.', true);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <button type="button" className="button ghost small" disabled={busy} onClick={() => input.current?.click()} title="Import a translation: plain text like the samples, Word (.docx) or XLIFF">
        {icons.upload} {busy ? 'Importing…' : 'Import'}
      </button>
      <input
        ref={input}
        type="file"
        accept=".txt,.docx,.xlf,.xliff,.xml,text/plain"
        hidden
        data-testid="import-translation"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void send(file);
        }}
      />
    </>
  );
}

function describe(result: ImportResult): string {
  const parts = [`${result.imported} row${result.imported === 1 ? '' : 's'} imported`];
  if (result.unchanged) parts.push(`${result.unchanged} unchanged`);
  if (result.missing) parts.push(`${result.missing} without a translation in the file`);
  if (result.unmatched.length) parts.push(`${result.unmatched.length} piece${result.unmatched.length === 1 ? '' : 's'} of the file found no paragraph`);
  return `${result.format.toUpperCase()}: ${parts.join(', ')}.`;
}

const EXPORTS: { format: TranslationExportFormat; bilingual?: boolean; label: string; open?: boolean }[] = [
  { format: 'docx', label: 'Word document (.docx)' },
  { format: 'txt', label: 'Plain text (.txt)' },
  { format: 'xliff', label: 'XLIFF 1.2 for CAT tools (.xlf)' },
  { format: 'html', bilingual: true, label: 'Bilingual side by side (.html)', open: true },
  { format: 'docx', bilingual: true, label: 'Bilingual side by side (.docx)' },
  { format: 'html', label: 'Web page (.html)', open: true },
  { format: 'md', label: 'Markdown (.md)' },
];

export function TranslationExportMenu({ reportId, lang }: { reportId: string; lang: string }) {
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (event: MouseEvent) => {
      if (!ref.current?.contains(event.target as Node)) setOpen(false);
    };
    const escape = (event: KeyboardEvent) => event.key === 'Escape' && setOpen(false);
    document.addEventListener('mousedown', close);
    document.addEventListener('keydown', escape);
    return () => {
      document.removeEventListener('mousedown', close);
      document.removeEventListener('keydown', escape);
    };
  }, [open]);
  return (
    <div className="menu" ref={ref}>
      <button type="button" className="button ghost small" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen((v) => !v)}>
        {icons.download} Export
      </button>
      {open && (
        <div className="menu-popup translation-export" role="menu">
          <div className="menu-caption">{languageName(lang)} version</div>
          {EXPORTS.map(({ format, bilingual, label, open: inTab }) => (
            <a
              key={`${format}${bilingual ? '-bi' : ''}`}
              role="menuitem"
              href={translationExportUrl(reportId, lang, format, bilingual)}
              download={inTab ? undefined : ''}
              target={inTab ? '_blank' : undefined}
              rel="noopener"
              onClick={() => setOpen(false)}
            >
              {label}
            </a>
          ))}
        </div>
      )}
    </div>
  );
}
