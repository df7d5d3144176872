/**
 * Version history: a "History" button for the report's header and the panel it opens. The
 * panel lists versions (named and automatic, with author and time), saves a named version,
 * shows the diff of a version against the current text or another version, per language, and
 * restores a version (after a confirmation) as a new change — the server never rewrites history,
 * so other people's later edits and offline clients merge as usual.
 */
import { IssueButtons } from '../drafting/IssueButtons';
import { useCallback, useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import { ApiError } from '../api/http';
import { Modal } from '../components/Modal';
import { canWriteRoom, type Role } from '../../../shared/src/roles';
import { languageName } from '../../../shared/src/rooms';
import { formatExact, formatWhen } from '../review/when';
import { versionsApi, type Version, type VersionDiff as Diff } from './versionsApi';
import { VersionDiff } from './VersionDiff';
import './history.css';

export interface HistoryAccess {
  id: string;
  originalLanguage: string;
  languages: string[];
  role: Role;
  myLanguages: string[];
}

const message = (err: unknown) => (err instanceof ApiError ? err.message : 'Something went wrong.');

/** The header button; owns the panel's open state. */
export function HistoryButton({ access }: { access: HistoryAccess }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className={`button ghost small${open ? ' active' : ''}`} aria-pressed={open} onClick={() => setOpen((v) => !v)}>
        <svg viewBox="0 0 20 20" width="16" height="16" aria-hidden="true">
          <path d="M3.5 10a6.5 6.5 0 1 0 2-4.7M3.5 3.5v3h3M10 6.5V10l2.5 1.8" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
        History
      </button>
      {open && createPortal(<HistoryPanel access={access} onClose={() => setOpen(false)} />, document.body)}
    </>
  );
}

export function HistoryPanel({ access, onClose }: { access: HistoryAccess; onClose: () => void }) {
  const [versions, setVersions] = useState<Version[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<number | null>(null);
  const [compareTo, setCompareTo] = useState<number | 'current'>('current');
  const [lang, setLang] = useState(access.originalLanguage);
  const [diff, setDiff] = useState<Diff | null>(null);
  const [loadingDiff, setLoadingDiff] = useState(false);
  const [naming, setNaming] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  /** Bumped after a restore, to compare again. */
  const [generation, setGeneration] = useState(0);
  const languages = [access.originalLanguage, ...access.languages.filter((l) => l !== access.originalLanguage)];
  const canSave = access.role !== 'viewer';
  const canRestore = canWriteRoom({ role: access.role, languages: access.myLanguages }, { kind: 'language', reportId: access.id, language: lang }, access);

  const load = useCallback(() => {
    versionsApi.list(access.id).then(
      (list) => {
        setVersions(list);
        setError(null);
      },
      (err: unknown) => setError(message(err)),
    );
  }, [access.id]);
  useEffect(load, [load]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && !confirming && naming === null && onClose();
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onClose, confirming, naming]);

  // The diff of the selected version, always from the older to the newer of the two.
  useEffect(() => {
    if (selected === null) {
      setDiff(null);
      return;
    }
    let live = true;
    setLoadingDiff(true);
    const [from, to] = compareTo === 'current' ? [selected, undefined] : [Math.min(selected, compareTo), Math.max(selected, compareTo)];
    versionsApi.diff(access.id, from, lang, to).then(
      (d) => {
        if (!live) return;
        setDiff(d);
        setError(null);
        setLoadingDiff(false);
      },
      (err: unknown) => {
        if (!live) return;
        setError(message(err));
        setLoadingDiff(false);
      },
    );
    return () => {
      live = false;
    };
  }, [access.id, selected, compareTo, lang, generation]);

  const save = () => {
    const label = naming?.trim();
    if (!label) return;
    versionsApi.save(access.id, label).then(
      (version) => {
        setNaming(null);
        setNotice(`Saved “${version.label}”.`);
        load();
      },
      (err: unknown) => setError(message(err)),
    );
  };

  const restore = () => {
    if (selected === null) return;
    const version = versions?.find((v) => v.id === selected);
    setConfirming(false);
    versionsApi.restore(access.id, selected, lang).then(
      () => {
        setNotice(`${languageName(lang)} restored to “${version?.label ?? selected}”.`);
        setCompareTo('current');
        setDiff(null);
        setGeneration((g) => g + 1);
        load();
      },
      (err: unknown) => setError(message(err)),
    );
  };

  const selectedVersion = versions?.find((v) => v.id === selected) ?? null;
  const labelOf = (v: Version) => v.label || (v.auto ? 'Automatic version' : `Version ${v.id}`);

  return (
    <aside className="history-panel" role="dialog" aria-label="Version history">
      <header className="history-head">
        <h2>Version history</h2>
        <button type="button" className="icon-button" aria-label="Close history" onClick={onClose}>
          ×
        </button>
      </header>

      {canSave && (
        <div className="history-save">
          {naming === null ? (
            <button type="button" className="button small primary" onClick={() => setNaming('')}>
              Save version
            </button>
          ) : (
            <form
              className="history-name"
              onSubmit={(e) => {
                e.preventDefault();
                save();
              }}
            >
              <input
                autoFocus
                value={naming}
                maxLength={200}
                placeholder="Name this version, e.g. Sent to translation"
                aria-label="Version name"
                onChange={(e) => setNaming(e.target.value)}
                onKeyDown={(e) => e.key === 'Escape' && setNaming(null)}
              />
              <button type="submit" className="button small primary" disabled={!naming.trim()}>
                Save
              </button>
              <button type="button" className="button small" onClick={() => setNaming(null)}>
                Cancel
              </button>
            </form>
          )}
        </div>
      )}
      {notice && (
        <p className="history-notice" role="status">
          {notice}
        </p>
      )}
      {error && <p className="form-error">{error}</p>}

      <ol className="history-versions" aria-label="Versions">
        {versions === null && !error && <li className="muted history-empty">Loading…</li>}
        {versions?.length === 0 && <li className="muted history-empty">No versions yet. Versions are saved automatically while people edit, or save one now.</li>}
        {versions?.map((v) => (
          <li key={v.id}>
            <button
              type="button"
              className={`history-version${selected === v.id ? ' selected' : ''}`}
              data-version={v.id}
              aria-pressed={selected === v.id}
              onClick={() => {
                setSelected(v.id);
                if (compareTo === v.id) setCompareTo('current');
                setNotice(null);
              }}
            >
              <span className="history-version-label">{labelOf(v)}</span>
              <span className={`history-badge ${v.auto ? 'auto' : 'named'}`}>{v.auto ? 'Auto' : 'Named'}</span>
              <span className="history-version-meta" title={formatExact(v.createdAt)}>
                {v.createdBy || 'Plenary'} · {formatWhen(v.createdAt)}
              </span>
            </button>
          </li>
        ))}
      </ol>

      {selectedVersion && (
        <section className="history-compare" aria-label="Changes">
          <div className="history-controls">
            <label>
              <span>Compare “{labelOf(selectedVersion)}” with</span>
              <select value={String(compareTo)} onChange={(e) => setCompareTo(e.target.value === 'current' ? 'current' : Number(e.target.value))} aria-label="Compare with">
                <option value="current">the current text</option>
                {versions!
                  .filter((v) => v.id !== selectedVersion.id)
                  .map((v) => (
                    <option key={v.id} value={v.id}>
                      {labelOf(v)} ({formatWhen(v.createdAt)})
                    </option>
                  ))}
              </select>
            </label>
            {languages.length > 1 && (
              <label>
                <span>Language</span>
                <select value={lang} onChange={(e) => setLang(e.target.value)} aria-label="Language">
                  {languages.map((l) => (
                    <option key={l} value={l}>
                      {languageName(l)}
                    </option>
                  ))}
                </select>
              </label>
            )}
          </div>
          {diff && compareTo !== 'current' && (
            <p className="history-direction muted">
              Changes from “{labelOf(versions!.find((v) => v.id === diff.from) ?? selectedVersion)}” to “{labelOf(versions!.find((v) => v.id === diff.to) ?? selectedVersion)}”
            </p>
          )}
          {canRestore && (
            <button type="button" className="button small history-restore" onClick={() => setConfirming(true)}>
              Restore this version
            </button>
          )}
          {(access.role === 'owner' || access.role === 'drafter') && <IssueButtons reportId={access.id} versionId={selectedVersion.id} />}
          {loadingDiff && !diff ? <p className="muted history-empty">Comparing…</p> : diff && <VersionDiff changes={diff.changes} />}
        </section>
      )}

      {confirming && selectedVersion && (
        <Modal title="Restore this version?" onClose={() => setConfirming(false)}>
          <p>
            The {languageName(lang)} text will be put back as it was in “{labelOf(selectedVersion)}” ({formatExact(selectedVersion.createdAt)}). This is a new change
            for everyone in the report: the history is kept, and you can restore a later version again.
          </p>
          <div className="modal-actions">
            <button type="button" className="button" onClick={() => setConfirming(false)}>
              Cancel
            </button>
            <button type="button" className="button primary" onClick={restore}>
              Restore
            </button>
          </div>
        </Modal>
      )}
    </aside>
  );
}
