/**
 * The front page of a UN document, editable: symbol top right, the issuing body, the
 * distribution block (Distr., date, Original), session, place, agenda item, title and
 * subtitle. Every field is a key of the room's `meta` map (docs/PROTOCOL.md §1); readers see it read-only.
 */
import type { ChangeEvent } from 'react';
import type * as Y from 'yjs';
import type { ReportMeta } from '../../../shared/src/model/schema';
import { useYMapStrings } from '../collab/useYMap';
import { symbolProblem } from '../../../shared/src/symbols/grammar';

type Field = keyof ReportMeta;

interface FieldProps {
  field: Field;
  meta: Readonly<Record<string, string>>;
  map: Y.Map<unknown>;
  readOnly: boolean;
  placeholder: string;
  className?: string;
  multiline?: boolean;
}

function MetaField({ field, meta, map, readOnly, placeholder, className, multiline }: FieldProps) {
  const value = meta[field] ?? '';
  const onChange = (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => {
    if (map.get(field) !== event.target.value) map.set(field, event.target.value);
  };
  const common = {
    className: `meta-field ${className ?? ''}`,
    'data-meta': field,
    'aria-label': placeholder,
    value,
    placeholder: readOnly ? '' : placeholder,
    readOnly,
    onChange,
    spellCheck: true,
  };
  return multiline ? <textarea rows={1} {...common} /> : <input {...common} />;
}

/** The UN symbol grammar's message for a malformed symbol (shared/src/symbols/grammar.ts). */
function SymbolProblem({ symbol }: { symbol: string }) {
  const problem = symbolProblem(symbol);
  if (!problem) return null;
  return (
    <span className="meta-problem" role="status" data-problem="symbol">
      {problem}
    </span>
  );
}

export function Masthead({ map, readOnly }: { map: Y.Map<unknown>; readOnly: boolean }) {
  const meta = useYMapStrings(map);
  const props = { meta, map, readOnly };
  return (
    <header className="masthead" aria-label="Masthead">
      <div className="masthead-top">
        <div className="masthead-un">
          <span className="un-emblem" aria-hidden="true">
            <svg viewBox="0 0 40 40" width="30" height="30">
              <circle cx="20" cy="20" r="17" fill="none" stroke="currentColor" strokeWidth="1.6" />
              <circle cx="20" cy="20" r="9" fill="none" stroke="currentColor" strokeWidth="1.2" />
              <path d="M3 20h34M20 3v34M8 8l24 24M32 8 8 32" stroke="currentColor" strokeWidth="0.8" />
            </svg>
          </span>
          <span className="un-name">United Nations</span>
        </div>
        <div className="masthead-symbol">
          <MetaField field="symbol" placeholder="Document symbol" className="meta-symbol" {...props} />
          <SymbolProblem symbol={meta.symbol ?? ''} />
        </div>
      </div>
      <div className="masthead-band">
        <MetaField field="organ" placeholder="Issuing body" className="meta-organ" multiline {...props} />
        <div className="masthead-distribution">
          <MetaField field="distribution" placeholder="Distr.: General" {...props} />
          <MetaField field="date" placeholder="Date" {...props} />
          <MetaField field="originalLine" placeholder="Original: English" className="meta-original" {...props} />
        </div>
      </div>
      <div className="masthead-session">
        <MetaField field="session" placeholder="Session" className="meta-session" {...props} />
        <MetaField field="place" placeholder="Place and dates" {...props} />
        <MetaField field="agendaItem" placeholder="Agenda item" {...props} />
      </div>
      <MetaField field="title" placeholder="Title" className="meta-title" multiline {...props} />
      <MetaField field="subtitle" placeholder="Subtitle" className="meta-subtitle" multiline {...props} />
    </header>
  );
}
