/**
 * The paragraph picker: opened by typing `¶` in an editor (or the toolbar's ¶ button), it
 * lists the numbered paragraphs by number and first words, filtered as one types ("12",
 * "working group"); Enter or a click inserts a live reference to the chosen one.
 */
import { useEffect, useMemo, useState } from 'react';
import type { Editor } from '@tiptap/core';
import { OPEN_PARAGRAPH_PICKER } from './schema/paragraphRef';

export interface PickableParagraph {
  pid: string;
  label: string;
  text: string;
}

/** Numbered paragraphs of an editor's own document, for the original's picker. */
export function editorParagraphs(editor: Editor): PickableParagraph[] {
  const out: PickableParagraph[] = [];
  let n = 0;
  editor.state.doc.descendants((node) => {
    if (node.type.name === 'paragraph') {
      if (node.attrs.numbered === true) out.push({ pid: node.attrs.pid as string, label: String(++n), text: node.textContent });
      return false;
    }
    return !node.isTextblock;
  });
  return out;
}

export function openParagraphPicker(editor: Editor): void {
  editor.view.dom.dispatchEvent(new CustomEvent(OPEN_PARAGRAPH_PICKER, { bubbles: true }));
}

export function ParagraphPicker({ editor, paragraphs }: { editor: Editor | null; paragraphs: () => PickableParagraph[] }) {
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  useEffect(() => {
    if (!editor) return;
    const dom = editor.view.dom;
    const onOpen = () => {
      setQuery('');
      setActive(0);
      setOpen(true);
    };
    dom.addEventListener(OPEN_PARAGRAPH_PICKER, onOpen);
    return () => dom.removeEventListener(OPEN_PARAGRAPH_PICKER, onOpen);
  }, [editor]);

  const list = useMemo(() => {
    if (!open) return [];
    const q = query.trim().toLowerCase();
    const all = paragraphs();
    if (!q) return all;
    // The paragraph with that number first, then numbers starting so, then paragraphs with the words.
    const rank = (p: PickableParagraph) => (p.label === q ? 0 : p.label.startsWith(q) ? 1 : p.text.toLowerCase().includes(q) ? 2 : 3);
    return all.filter((p) => rank(p) < 3).sort((a, b) => rank(a) - rank(b));
  }, [open, query, paragraphs]);

  if (!open || !editor) return null;
  const close = () => {
    setOpen(false);
    editor.commands.focus();
  };
  const choose = (p: PickableParagraph | undefined) => {
    if (!p) return;
    setOpen(false);
    editor.chain().focus().insertParagraphRef(p.pid).run();
  };
  return (
    <div className="paragraph-picker" role="dialog" aria-label="Refer to a paragraph">
      <input
        autoFocus
        aria-label="Paragraph number or words"
        placeholder="Paragraph number or words…"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Escape') close();
          else if (e.key === 'ArrowDown') setActive((a) => Math.min(a + 1, list.length - 1));
          else if (e.key === 'ArrowUp') setActive((a) => Math.max(a - 1, 0));
          else if (e.key === 'Enter') {
            e.preventDefault();
            choose(list[active]);
          } else return;
          e.preventDefault();
        }}
      />
      <ul role="listbox">
        {list.slice(0, 50).map((p, i) => (
          <li key={p.pid} role="option" aria-selected={i === active}>
            <button type="button" className={i === active ? 'active' : ''} data-pid={p.pid} onMouseDown={(e) => e.preventDefault()} onClick={() => choose(p)}>
              <strong>{p.label}.</strong> {p.text.slice(0, 70)}
              {p.text.length > 70 ? '…' : ''}
            </button>
          </li>
        ))}
        {list.length === 0 && <li className="muted">No numbered paragraph matches.</li>}
      </ul>
    </div>
  );
}
