/**
 * "Import a reply with tracked changes…" (issue 13): sends a delegation's .docx to
 * `POST /api/reports/:id/import?lang=xx&as=suggestions` and shows what came in — how many
 * suggestions and comment threads, and the paragraphs that matched nothing in the report.
 */
import { useState } from 'react';
import { request, ApiError } from '../api/http';
import { UploadButton } from '../components/UploadButton';

interface Result {
  suggestions: number;
  comments: number;
  unmatched: { paragraph: number; text: string; reason: string }[];
}

export function ImportReplyButton({ reportId, lang }: { reportId: string; lang: string }) {
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Result | null>(null);
  const [error, setError] = useState<string | null>(null);

  const upload = async (file: File) => {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const path = `/api/reports/${encodeURIComponent(reportId)}/import?lang=${encodeURIComponent(lang)}&as=suggestions`;
      setResult(await request<Result>('POST', path, { body: file, contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' }));
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'The file could not be sent.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <span className="import-reply">
      <UploadButton accept=".docx" title="Import a reply with tracked changes… (a Word file: its revisions and comments become suggestions and threads)" testId="import-reply" disabled={busy} onFile={(file) => void upload(file)}>
        Import reply…
      </UploadButton>
      {error && <span className="form-error" role="alert">{error}</span>}
      {result && (
        <span className="import-reply-result" role="status">
          {result.suggestions} suggestion{result.suggestions === 1 ? '' : 's'}, {result.comments} comment{result.comments === 1 ? '' : 's'} imported
          {result.unmatched.length > 0 && (
            <span title={result.unmatched.map((u) => `¶${u.paragraph}: ${u.text} — ${u.reason}`).join('\n')}>; {result.unmatched.length} not matched</span>
          )}
          <button type="button" className="button ghost small" aria-label="Dismiss" onClick={() => setResult(null)}>
            ×
          </button>
        </span>
      )}
    </span>
  );
}
