/**
 * A comment box with @mention autocomplete from the report's members: typing `@` and a few
 * letters lists matching members; arrows move, Enter or Tab picks, Escape closes the list.
 * Ctrl/⌘+Enter submits; Escape with no list open cancels.
 */
import { useEffect, useId, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { mentionToken } from './mentionText';

interface Props {
  value: string;
  onChange: (value: string) => void;
  onSubmit: () => void;
  onCancel?: () => void;
  members: readonly string[];
  placeholder: string;
  label: string;
  autoFocus?: boolean;
}

const QUERY = /(^|\s)@([\p{L}\p{N}._-]*)$/u;

export function MentionInput({ value, onChange, onSubmit, onCancel, members, placeholder, label, autoFocus }: Props) {
  const ref = useRef<HTMLTextAreaElement>(null);
  const listId = useId();
  const [query, setQuery] = useState<string | null>(null);
  const [index, setIndex] = useState(0);
  const caretAfter = useRef<number | null>(null);

  // A mention already typed out in full needs no list.
  const complete = query !== null && members.some((name) => mentionToken(name).toLowerCase() === query.toLowerCase());
  const matches =
    query === null || complete
      ? []
      : members
          .filter((name) => {
            const q = query.toLowerCase();
            return mentionToken(name).toLowerCase().startsWith(q) || name.toLowerCase().includes(q.replace(/_/g, ' '));
          })
          .slice(0, 6);
  const open = matches.length > 0;

  const readQuery = (el: HTMLTextAreaElement) => {
    const match = QUERY.exec(el.value.slice(0, el.selectionStart ?? el.value.length));
    setQuery(match ? match[2] : null);
    setIndex(0);
  };

  const pick = (name: string) => {
    const el = ref.current;
    if (!el) return;
    const caret = el.selectionStart ?? value.length;
    const before = value.slice(0, caret).replace(QUERY, (_all, space: string) => `${space}@${mentionToken(name)} `);
    caretAfter.current = before.length;
    onChange(before + value.slice(caret));
    setQuery(null);
  };

  // Focus after layout, not with the autofocus attribute: the margin may only just have opened
  // (the margin scrolls the card into view once it is placed).
  useEffect(() => {
    if (autoFocus) ref.current?.focus({ preventScroll: true });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useLayoutEffect(() => {
    if (caretAfter.current === null || !ref.current) return;
    ref.current.setSelectionRange(caretAfter.current, caretAfter.current);
    caretAfter.current = null;
  }, [value]);

  // Grow with the text, up to a limit.
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${Math.min(el.scrollHeight + 2, 200)}px`;
  }, [value]);

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (open) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        const step = event.key === 'ArrowDown' ? 1 : -1;
        setIndex((i) => (i + step + matches.length) % matches.length);
        return;
      }
      if (event.key === 'Enter' || event.key === 'Tab') {
        event.preventDefault();
        pick(matches[Math.min(index, matches.length - 1)]);
        return;
      }
      if (event.key === 'Escape') {
        event.preventDefault();
        event.stopPropagation();
        setQuery(null);
        return;
      }
    }
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      onSubmit();
    } else if (event.key === 'Escape' && onCancel) {
      event.preventDefault();
      onCancel();
    }
  };

  return (
    <div className="mention-input">
      <textarea
        ref={ref}
        rows={2}
        value={value}
        placeholder={placeholder}
        aria-label={label}
        role="combobox"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        onChange={(e) => {
          onChange(e.target.value);
          readQuery(e.target);
        }}
        onKeyDown={onKeyDown}
        onClick={(e) => readQuery(e.currentTarget)}
        onBlur={() => setQuery(null)}
      />
      {open && (
        <ul className="mention-list" role="listbox" id={listId}>
          {matches.map((name, i) => (
            <li
              key={name}
              role="option"
              aria-selected={i === index}
              className={i === index ? 'selected' : undefined}
              onMouseDown={(e) => {
                e.preventDefault();
                pick(name);
              }}
              onMouseEnter={() => setIndex(i)}
            >
              <span className="mention-name">{name}</span>
              <span className="mention-token">@{mentionToken(name)}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
