/**
 * "Pre-translate…": fills the untranslated rows of this language from the memory (matches at
 * or above a chosen score) and, where the server has an engine for the pair, from machine
 * translation. Rows come in as drafts marked with their origin; a progress bar follows the
 * server's lookups row by row (pretranslateStream.ts). The run can then be undone in one
 * change (rows edited since are kept).
 */
import { useEffect, useState } from 'react';
import { ApiError } from '../api/http';
import { Modal } from '../components/Modal';
import { languageName } from '../../../shared/src/rooms';
import { runPretranslate } from './pretranslateStream';
import { translationApi, type PretranslateResult } from './translationApi';
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
  const [done, setDone] = useState<PretranslateResult | null>(null);

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
      setDone(await runPretranslate(reportId, lang, { tm: useTm, mt: useMt && !!engine, minScore }, (n, total) => setProgress({ done: n, total })));
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'The pre-translation failed.');
    } finally {
      setProgress(null);
    }
  }

  async function undo(run: string) {
    try {
      const { removed, kept } = await translationApi.undoPretranslate(reportId, lang, run);
      onResult(`Pre-translation undone: ${removed} row${removed === 1 ? '' : 's'} emptied${kept ? `, ${kept} kept (edited since)` : ''}.`, false);
      onClose();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'The pre-translation could not be undone.');
    }
  }

  const running = progress !== null;
  if (done) {
    const filled = done.filled.tm + done.filled.mt;
    const summary = `Pre-translation: ${filled} row${filled === 1 ? '' : 's'} filled as drafts (${done.filled.tm} from the memory, ${done.filled.mt} by machine), ${done.skipped} left untranslated.`;
    const close = () => {
      onResult(summary, false);
      onClose();
    };
    return (
      <Modal title={`Pre-translate the ${languageName(lang)} version`} onClose={close}>
        <div className="pretranslate">
          <p role="status">{summary}</p>
          {error && <p className="form-error">{error}</p>}
          <div className="modal-actions">
            {filled > 0 && (
              <button type="button" className="button ghost" onClick={() => void undo(done.run)}>
                Undo pre-translation
              </button>
            )}
            <button type="button" className="button" onClick={close}>
              Close
            </button>
          </div>
        </div>
      </Modal>
    );
  }
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
