/**
 * "Issue revision" and "Issue corrigendum" from a version, for the owner (history panel):
 * POST /api/reports/:id/issue, then a link to the new report (`<symbol>/Rev.1`, `/Corr.1`).
 */
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { ApiError, request } from '../api/http';

interface Issued {
  id: string;
  symbol: string;
  appliesTo: string[];
}

export function IssueButtons({ reportId, versionId }: { reportId: string; versionId: number }) {
  const [busy, setBusy] = useState(false);
  const [issued, setIssued] = useState<Issued | null>(null);
  const [error, setError] = useState<string | null>(null);
  const issue = async (kind: 'rev' | 'corr') => {
    setBusy(true);
    setError(null);
    try {
      setIssued(await request<Issued>('POST', `/api/reports/${encodeURIComponent(reportId)}/issue`, { json: { kind, fromVersion: versionId } }));
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'Could not issue the document');
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="issue-buttons">
      <button type="button" className="button small" disabled={busy} onClick={() => void issue('rev')} title="A new report <symbol>/Rev.N with every language as in this version">
        Issue revision
      </button>
      <button type="button" className="button small" disabled={busy} onClick={() => void issue('corr')} title="A corrigendum listing the paragraphs changed since this version">
        Issue corrigendum
      </button>
      {issued && (
        <span className="issued" role="status">
          Issued <Link to={`/reports/${issued.id}`}>{issued.symbol}</Link>
        </span>
      )}
      {error && <span className="meta-problem">{error}</span>}
    </div>
  );
}
