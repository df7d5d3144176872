/** Translation progress per language: a thin stacked bar per language with counts on hover. */
import type { LanguageProgress } from '../../../shared/src/model/translation';
import { languageName } from '../../../shared/src/rooms';

export function ProgressBar({ progress }: { progress: Record<string, LanguageProgress> }) {
  const entries = Object.entries(progress);
  if (entries.length === 0) return null;
  return (
    <span className="progress-group">
      {entries.map(([lang, p]) => {
        const pct = (n: number) => (p.total ? `${(100 * n) / p.total}%` : '0%');
        const done = p.translated + p.reviewed;
        const title = `${languageName(lang)}: ${p.reviewed} reviewed, ${p.translated} translated, ${p.draft} draft, ${p.untranslated} untranslated${p.stale ? `, ${p.stale} source changed` : ''}`;
        return (
          <span key={lang} className="progress" title={title}>
            <span className="progress-lang">{lang.toUpperCase()}</span>
            <span className="progress-track">
              <span className="progress-reviewed" style={{ width: pct(p.reviewed) }} />
              <span className="progress-translated" style={{ width: pct(p.translated) }} />
              <span className="progress-draft" style={{ width: pct(p.draft) }} />
            </span>
            <span className="progress-count">
              {done}/{p.total}
            </span>
          </span>
        );
      })}
    </span>
  );
}
