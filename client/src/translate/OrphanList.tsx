/**
 * Translations whose source block no longer exists (deleted or merged away by the drafters).
 * They are kept until someone removes them: the text can be copied, or put into the focused
 * row when the paragraph was only moved or rewritten.
 */
import { useState } from 'react';
import type { Orphan } from './gridStore';
import { StaticBlock } from './StaticBlock';

export function OrphanList({ orphans, footnotes, targetLang, targetDir, writable, onUse, onRemove }: {
  orphans: readonly Orphan[];
  footnotes: ReadonlyMap<string, string>;
  targetLang: string;
  targetDir: 'ltr' | 'rtl';
  writable: boolean;
  /** Puts the text into the focused row; null when no row editor is open. */
  onUse: ((text: string) => void) | null;
  onRemove: (pid: string) => void;
}) {
  const [copied, setCopied] = useState<string | null>(null);
  if (orphans.length === 0) return null;
  const copy = (orphan: Orphan) => {
    void navigator.clipboard?.writeText(orphan.text).then(() => setCopied(orphan.pid), () => undefined);
  };
  return (
    <section className="orphans" aria-label="Orphaned translations">
      <h3>
        Orphans <span className="count">{orphans.length}</span>
      </h3>
      <p className="muted small">Translations whose source paragraph was removed from the original. Reuse their text, or remove them.</p>
      <ul>
        {orphans.map((orphan) => (
          <li key={orphan.pid} className="orphan" data-pid={orphan.pid}>
            <div className="segment-static segment-body" lang={targetLang} dir={targetDir}>
              {orphan.segment ? <StaticBlock block={orphan.segment} footnotes={footnotes} /> : <p>{orphan.text}</p>}
            </div>
            <div className="orphan-actions">
              <button type="button" className="button small ghost" onClick={() => copy(orphan)}>
                {copied === orphan.pid ? 'Copied' : 'Copy'}
              </button>
              {writable && onUse && (
                <button type="button" className="button small ghost" onMouseDown={(e) => e.preventDefault()} onClick={() => onUse(orphan.text)}>
                  Use in focused row
                </button>
              )}
              {writable && (
                <button type="button" className="button small ghost danger" onClick={() => onRemove(orphan.pid)}>
                  Remove
                </button>
              )}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
