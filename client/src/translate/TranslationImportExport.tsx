/**
 * Import and export of one language version. Import sends the file as it is (the samples'
 * plain text, .docx, or XLIFF 1.2/2.0) and the server aligns it with the original; export
 * links straight to the server's renderings of this language.
 */
import { useState } from 'react';
import { ApiError } from '../api/http';
import { DownloadMenu } from '../components/DownloadMenu';
import { UploadButton } from '../components/UploadButton';
import { languageName } from '../../../shared/src/rooms';
import type { ImportResult } from '../../../shared/src/translation/importResult';
import { translationApi, translationExportUrl, type TranslationExportFormat } from './translationApi';

export function TranslationImportButton({ reportId, lang, onResult }: { reportId: string; lang: string; onResult: (message: string, isError: boolean) => void }) {
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
    <UploadButton
      accept=".txt,.docx,.xlf,.xliff,.xml,text/plain"
      title="Import a translation: plain text like the samples, Word (.docx) or XLIFF"
      testId="import-translation"
      disabled={busy}
      onFile={(file) => void send(file)}
    >
      {busy ? 'Importing…' : 'Import'}
    </UploadButton>
  );
}

function describe(result: ImportResult): string {
  const parts = [`${result.imported} row${result.imported === 1 ? '' : 's'} imported`];
  if (result.unchanged) parts.push(`${result.unchanged} unchanged`);
  if (result.missing) parts.push(`${result.missing} without a translation in the file`);
  if (result.unmatched.length) parts.push(`${result.unmatched.length} piece${result.unmatched.length === 1 ? '' : 's'} of the file found no paragraph`);
  return `${result.format.toUpperCase()}: ${parts.join(', ')}.`;
}

const EXPORTS: { format: TranslationExportFormat; bilingual?: boolean; label: string; inTab?: boolean }[] = [
  { format: 'docx', label: 'Word document (.docx)' },
  { format: 'txt', label: 'Plain text (.txt)' },
  { format: 'xliff', label: 'XLIFF 1.2 for CAT tools (.xlf)' },
  { format: 'html', bilingual: true, label: 'Bilingual side by side (.html)', inTab: true },
  { format: 'docx', bilingual: true, label: 'Bilingual side by side (.docx)' },
  { format: 'html', label: 'Web page (.html)', inTab: true },
  { format: 'md', label: 'Markdown (.md)' },
];

export function TranslationExportMenu({ reportId, lang }: { reportId: string; lang: string }) {
  const links = EXPORTS.map(({ format, bilingual, label, inTab }) => ({
    key: `${format}${bilingual ? '-bi' : ''}`,
    href: translationExportUrl(reportId, lang, format, bilingual),
    label,
    inTab,
  }));
  // Open suggestions as Word revisions, threads as Word comments (issue 13).
  links.splice(1, 0, { key: 'docx-tracked', href: `${translationExportUrl(reportId, lang, 'docx')}&tracked=1`, label: 'Word with tracked changes (.docx)', inTab: undefined });
  return <DownloadMenu links={links} className="translation-export" caption={`${languageName(lang)} version`} />;
}
