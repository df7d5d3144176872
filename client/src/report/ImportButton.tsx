/**
 * Import into an existing report: replaces the body (and the masthead fields the file has)
 * with a `.txt` in the samples' format or a Markdown file, parsed here in the browser, as one
 * Yjs transaction that every collaborator receives like any other edit.
 */
import { useState } from 'react';
import type * as Y from 'yjs';
import { parsePlainText } from '../../../shared/src/format/plainText';
import { parseMarkdown } from '../../../shared/src/format/markdown';
import { BODY_FRAGMENT, META_MAP, writeBody, writeMeta } from '../../../shared/src/model/yBody';
import { UploadButton } from '../components/UploadButton';
import type { ReportContent } from '../../../shared/src/model/schema';
import { linkMentions, mentionCandidates, type MentionCandidate } from '../../../shared/src/references/relink';
import { LinkMentionsDialog } from '../drafting/LinkMentionsDialog';

export function ImportButton({ doc, originalLanguage }: { doc: Y.Doc; originalLanguage: string }) {
  const [error, setError] = useState<string | null>(null);
  // "paragraph N" mentions in the file wait for the user's choice before the import is written.
  const [pending, setPending] = useState<{ content: ReportContent; candidates: MentionCandidate[] } | null>(null);

  const write = (content: ReportContent) =>
    doc.transact(() => {
      writeMeta(doc.getMap(META_MAP), { ...content.meta, originalLanguage });
      writeBody(doc.getXmlFragment(BODY_FRAGMENT), content.body);
    });

  async function importFile(file: File) {
    setError(null);
    try {
      const text = await file.text();
      const content = /\.(md|markdown)$/i.test(file.name) ? parseMarkdown(text) : parsePlainText(text);
      if (content.body.content.length === 0) throw new Error('The file has no paragraphs.');
      if (!window.confirm(`Replace the text of this report with “${file.name}”? Everyone editing will see the change.`)) return;
      const candidates = mentionCandidates(content.body);
      if (candidates.length) setPending({ content, candidates });
      else write(content);
    } catch (err) {
      setError(err instanceof Error ? err.message : 'The file could not be read.');
    }
  }

  return (
    <>
      <UploadButton
        accept=".txt,.md,.markdown,text/plain,text/markdown"
        title="Replace the text with a plain-text (.txt) or Markdown (.md) report"
        testId="import-file"
        onFile={(file) => void importFile(file)}
      >
        Import
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
        <span className="form-error" role="alert">
          {error}
        </span>
      )}
    </>
  );
}
