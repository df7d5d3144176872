/**
 * "Pre-translate…": fills the untranslated rows of this language from the memory (matches at
 * or above a chosen score) and, where the server has an engine for the pair, from machine
 * translation. Rows come in as drafts marked with their origin; a progress bar follows the
 * server's lookups row by row (pretranslateStream.ts).
 */
import { useEffect, useState } from 'react';
import { ApiError } from '../api/http';
import { Modal } from '../components/Modal';
import { languageName } from '../../../shared/src/rooms';
import { runPretranslate } from './pretranslateStream';
import { mtPairs } from './useMtSuggestion';
import './assets.css';

const SCORES = [100, 95, 85, 75];

export function PretranslateButton({ reportId, from, lang, onResult }: {
  reportId: string;
  from: string;
  lang: string;
  onResult: (message: string, isError: boolean) => void;
}) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="button small ghost" data-testid="pretranslate" onClick={() => setOpen(true)} title="Fill untranslated rows from the memory and machine translation, as drafts">
        Pre-translate…
      </button>
      {open && <PretranslateDialog reportId={reportId} from={from} lang={lang} onClose={() => setOpen(false)} onResult={onResult} />}
    </>
  );
}

function PretranslateDialog({ reportId, from, lang, onClose, onResult }: {
  reportId: string;
  from: string;
  lang: string;
  onClose: () => void;
  onResult: (message: string, isError: boolean) => void;
}) {
  const [useTm, setUseTm] = useState(true);
  const [useMt, setUseMt] = useState(false);
  const [minScore, setMinScore] = useState(100);
  const [engine, setEngine] = useState<string | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void mtPairs().then((p) => {
      if (live && p.pairs.some((x) => x.from === from && x.to === lang)) setEngine(p.provider);
    });
    return () => {
      live = false;
    };
  }, [from, lang]);

  async function start() {
    setError(null);
    setProgress({ done: 0, total: 0 });
    try {
      const result = await runPretranslate(reportId, lang, { tm: useTm, mt: useMt && !!engine, minScore }, (done, total) => setProgress({ done, total }));
      const filled = result.filled.tm + result.filled.mt;
      onResult(`Pre-translation: ${filled} row${filled === 1 ? '' : 's'} filled as drafts (${result.filled.tm} from the memory, ${result.filled.mt} by machine), ${result.skipped} left untranslated.`, false);
      onClose();
    } catch (err) {
      setProgress(null);
      setError(err instanceof ApiError ? err.message : 'The pre-translation failed.');
    }
  }

  const running = progress !== null;
  return (
    <Modal title={`Pre-translate the ${languageName(lang)} version`} onClose={() => !running && onClose()}>
      <div className="pretranslate">
        <p className="muted small">Untranslated rows are filled as drafts, marked with where they came from. Nothing counts as translated, or enters the memory, until a translator confirms it.</p>
        <label className="check">
          <input type="checkbox" checked={useTm} onChange={(e) => setUseTm(e.target.checked)} disabled={running} /> From the translation memory, matches of at least{' '}
          <select value={minScore} onChange={(e) => setMinScore(Number(e.target.value))} disabled={running || !useTm} aria-label="Lowest match score">
            {SCORES.map((s) => (
              <option key={s} value={s}>
                {s}%
              </option>
            ))}
          </select>
        </label>
        <label className="check">
          <input type="checkbox" checked={useMt && !!engine} onChange={(e) => setUseMt(e.target.checked)} disabled={running || !engine} /> Then by machine translation{' '}
          <span className="muted small">{engine ? `(${engine})` : '(no engine on this server for this pair)'}</span>
        </label>
        {running && (
          <div className="pretranslate-progress">
            <progress value={progress.done} max={Math.max(1, progress.total)} aria-label="Pre-translation progress" />
            <span className="muted small">{progress.total ? `${progress.done} of ${progress.total} rows` : 'Starting…'}</span>
          </div>
        )}
        {error && <p className="form-error">{error}</p>}
        <div className="modal-actions">
          <button type="button" className="button ghost" onClick={onClose} disabled={running}>
            Cancel
          </button>
          <button type="button" className="button" onClick={() => void start()} disabled={running || (!useTm && !(useMt && engine))}>
            {running ? 'Pre-translating…' : 'Pre-translate'}
          </button>
        </div>
      </div>
    </Modal>
  );
}
