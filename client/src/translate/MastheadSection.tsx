/**
 * The front page of the language version: each masthead field of the original (issuing body,
 * distribution, date, session, agenda item, title…) beside its translation in the language
 * room's `meta` map, which exports print in that language. The symbol and the original
 * language are the same in every version and are not translated. Collapsed by default: the
 * paragraphs are the work; the masthead is a few lines once.
 */
import { useState } from 'react';
import type * as Y from 'yjs';
import { useYMapStrings } from '../collab/useYMap';
import type { ReportMeta } from '../../../shared/src/model/schema';

const FIELDS: { key: keyof ReportMeta; label: string; hint?: string }[] = [
  { key: 'organ', label: 'Issuing body' },
  { key: 'distribution', label: 'Distribution' },
  { key: 'date', label: 'Date' },
  { key: 'languageLine', label: 'Language of this version', hint: 'e.g. Français' },
  { key: 'originalLine', label: 'Original language line' },
  { key: 'session', label: 'Session' },
  { key: 'place', label: 'Place and dates' },
  { key: 'agendaItem', label: 'Agenda item' },
  { key: 'title', label: 'Title' },
  { key: 'subtitle', label: 'Subtitle' },
];

export function MastheadSection({ original, target, sourceLang, lang, dir, writable }: {
  original: Y.Map<unknown>;
  sourceLang: string;
  target: Y.Map<unknown>;
  lang: string;
  dir: 'ltr' | 'rtl';
  writable: boolean;
}) {
  const [open, setOpen] = useState(false);
  const source = useYMapStrings(original);
  const translated = useYMapStrings(target);
  const fields = FIELDS.filter((f) => source[f.key] || translated[f.key] || f.key === 'languageLine');
  const done = fields.filter((f) => translated[f.key]?.trim()).length;

  return (
    <section className={`masthead-rows${open ? ' open' : ''}`} aria-label="Front page">
      <button type="button" className="masthead-toggle" aria-expanded={open} onClick={() => setOpen((v) => !v)}>
        <span className="chevron" aria-hidden="true">
          {open ? '▾' : '▸'}
        </span>
        Front page <span className="muted">· masthead and title</span>
        <span className={`count${done === fields.length ? ' done' : ''}`}>
          {done}/{fields.length}
        </span>
      </button>
      {open && (
        <div className="masthead-fields">
          {fields.map((field) => (
            <label key={field.key} className="masthead-field">
              <span className="masthead-label">{field.label}</span>
              <span className="masthead-source" lang={sourceLang} dir="auto">
                {source[field.key] || <span className="muted">—</span>}
              </span>
              <textarea
                rows={field.key === 'title' || field.key === 'organ' || field.key === 'subtitle' ? 2 : 1}
                value={translated[field.key] ?? ''}
                placeholder={writable ? field.hint ?? 'Translation' : ''}
                readOnly={!writable}
                lang={lang}
                dir={dir}
                onChange={(e) => target.set(field.key, e.target.value)}
              />
            </label>
          ))}
        </div>
      )}
    </section>
  );
}
