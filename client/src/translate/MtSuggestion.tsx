/**
 * The machine translation of the focused row, below the memory matches and set apart from
 * them (its own colour and a "machine" label, as MateCat and eLUNa do): a suggestion to
 * post-edit, inserted by a click or Ctrl+0 as a draft that records the engine.
 */
import { MarkupText } from './MarkupText';
import type { MtState } from './useMtSuggestion';
import './assets.css';

export function MtSuggestion({ mt, targetLang, targetDir, onInsert }: {
  mt: MtState;
  targetLang: string;
  targetDir: 'ltr' | 'rtl';
  onInsert: ((text: string, provider: string) => void) | null;
}) {
  if (mt.status === 'off' || mt.status === 'idle') return null;
  if (mt.status === 'loading') return <p className="muted small mt-pending">Machine translation…</p>;
  if (mt.status === 'error') return <p className="form-error mt-error">{mt.error}</p>;
  const body = (
    <>
      <span className="tm-head">
        <span className="mt-label">machine · {mt.provider}</span>
        {onInsert && <kbd>Ctrl+0</kbd>}
      </span>
      <span className="tm-target" lang={targetLang} dir={targetDir}>
        <MarkupText markup={mt.text} />
      </span>
    </>
  );
  return (
    <ol className="tm-list mt-list" aria-label="Machine translation">
      <li className="tm-match mt-match" data-provider={mt.provider}>
        {onInsert ? (
          <button type="button" onMouseDown={(e) => e.preventDefault()} onClick={() => onInsert(mt.text, mt.provider)} title="Insert the machine translation as a draft">
            {body}
          </button>
        ) : (
          <div>{body}</div>
        )}
      </li>
    </ol>
  );
}
