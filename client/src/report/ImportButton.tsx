/**
 * Import into an existing report: replaces the body (and the masthead fields the file has)
 * with a Word document (.docx), a `.txt` in the samples' format or a Markdown file. The server
 * reads the file (POST /api/import/report) and says, when it cannot, what the file is and what
 * is accepted; the content is written here, as one Yjs transaction that every collaborator
 * receives like any other edit.
 */
import { useState } from 'react';
import type * as Y from 'yjs';
import { ApiError } from '../api/http';
import { readReportFile } from '../api/importApi';
import { BODY_FRAGMENT, META_MAP, writeBody, writeMeta } from '../../../shared/src/model/yBody';
import { UploadButton } from '../components/UploadButton';
import type { ReportContent } from '../../../shared/src/model/schema';
import { linkMentions, mentionCandidates, type MentionCandidate } from '../../../shared/src/references/relink';
import { LinkMentionsDialog } from '../drafting/LinkMentionsDialog';

export const REPORT_IMPORT_ACCEPT = '.docx,.txt,.md,.markdown,application/vnd.openxmlformats-officedocument.wordprocessingml.document,text/plain,text/markdown';

export function ImportButton({ doc, originalLanguage }: { doc: Y.Doc; originalLanguage: string }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // "paragraph N" mentions in the file wait for the user's choice before the import is written.
  const [pending, setPending] = useState<{ content: ReportContent; candidates: MentionCandidate[] } | null>(null);

  const write = (content: ReportContent) =>
    doc.transact(() => {
      writeMeta(doc.getMap(META_MAP), { ...content.meta, originalLanguage });
      writeBody(doc.getXmlFragment(BODY_FRAGMENT), content.body);
    });

  async function importFile(file: File) {
    setError(null);
    setBusy(true);
    try {
      const { content } = await readReportFile(file);
      if (!window.confirm(`Replace the text of this report with “${file.name}”? Everyone editing will see the change.`)) return;
      const candidates = mentionCandidates(content.body);
      if (candidates.length) setPending({ content, candidates });
      else write(content);
    } catch (err) {
      setError(`“${file.name}”: ${err instanceof ApiError ? err.message : 'the file could not be read.'}`);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <UploadButton
        accept={REPORT_IMPORT_ACCEPT}
        title="Replace the text with a Word document (.docx), a plain-text report (.txt) or Markdown (.md)"
        testId="import-file"
        disabled={busy}
        onFile={(file) => void importFile(file)}
      >
        {busy ? 'Importing…' : 'Import'}
      </UploadButton>
      {pending && (
        <LinkMentionsDialog
          candidates={pending.candidates}
          onDone={(accepted) => {
            write({ ...pending.content, body: linkMentions(pending.content.body, accepted) });
            setPending(null);
          }}
        />
      )}
      {error && (
        <div className="import-error" role="alert">
          <span>{error}</span>
          <button type="button" className="icon-button" aria-label="Dismiss" onClick={() => setError(null)}>
            ×
          </button>
        </div>
      )}
    </>
  );
}
