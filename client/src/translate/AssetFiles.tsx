/**
 * Translation assets in and out, at the foot of the memory and glossary panels: a TMX file
 * into the workspace memory (admins and report owners; the server decides) and the pair's
 * memory out as TMX; a TBX or CSV glossary in and the pair's glossary out as either. Uploads
 * are multipart, so the server records the file name as the memory's origin.
 */
import { useState } from 'react';
import { ApiError } from '../api/http';
import { UploadButton } from '../components/UploadButton';
import './assets.css';

interface ImportAnswer {
  imported: number;
  skipped: number;
  errors: { line: number; message: string }[];
}

async function upload(path: string, file: File): Promise<ImportAnswer> {
  const form = new FormData();
  form.append('file', file, file.name);
  let res: Response;
  try {
    res = await fetch(path, { method: 'POST', body: form, credentials: 'same-origin', headers: { accept: 'application/json' } });
  } catch {
    throw new ApiError(0, 'network', 'The server cannot be reached. Check your connection.');
  }
  const body = (await res.json().catch(() => null)) as (ImportAnswer & { error?: { code: string; message: string } }) | null;
  if (!res.ok || !body) throw new ApiError(res.status, body?.error?.code ?? 'http_error', body?.error?.message ?? `${res.status} ${res.statusText}`);
  return body;
}

function describe(what: string, answer: ImportAnswer): string {
  const first = answer.errors[0];
  return `${what}: ${answer.imported} imported, ${answer.skipped} skipped${first ? ` (line ${first.line}: ${first.message}${answer.errors.length > 1 ? ', …' : ''})` : ''}.`;
}

function AssetRow({ kind, importPath, accept, exports, onImported }: {
  kind: 'memory' | 'glossary';
  importPath: string;
  accept: string;
  exports: { href: string; label: string }[];
  onImported?: () => void;
}) {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);

  async function send(file: File) {
    setBusy(true);
    setMessage(null);
    try {
      setMessage({ text: describe(file.name, await upload(importPath, file)), error: false });
      onImported?.();
    } catch (err) {
      setMessage({ text: err instanceof ApiError ? err.message : 'The file could not be imported.', error: true });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="asset-files" data-kind={kind}>
      <UploadButton accept={accept} title={kind === 'memory' ? 'Import a translation memory (TMX 1.4b)' : 'Import terms (TBX or CSV: source,target,note)'} testId={`import-${kind}`} disabled={busy} onFile={(f) => void send(f)}>
        {busy ? 'Importing…' : kind === 'memory' ? 'Import TMX' : 'Import TBX/CSV'}
      </UploadButton>
      {exports.map((e) => (
        <a key={e.href} className="button ghost small" href={e.href} download>
          {e.label}
        </a>
      ))}
      {message && <p className={message.error ? 'form-error' : 'muted small'} role="status">{message.text}</p>}
    </div>
  );
}

export function MemoryFiles({ from, to }: { from: string; to: string }) {
  return <AssetRow kind="memory" importPath="/api/tm/import" accept=".tmx,.xml,application/x-tmx+xml" exports={[{ href: `/api/tm/export?${new URLSearchParams({ from, to })}`, label: 'Export TMX' }]} />;
}

export function GlossaryFiles({ from, to, onImported }: { from: string; to: string; onImported?: () => void }) {
  const q = new URLSearchParams({ from, to });
  return (
    <AssetRow
      kind="glossary"
      importPath={`/api/glossary/import?${q}`}
      accept=".tbx,.xml,.csv,text/csv"
      exports={[
        { href: `/api/glossary/export?${q}&format=tbx`, label: 'Export TBX' },
        { href: `/api/glossary/export?${q}&format=csv`, label: 'CSV' },
      ]}
      onImported={onImported}
    />
  );
}
