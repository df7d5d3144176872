/**
 * The left sidebar: headings of the body, for moving around a long report, the counts of
 * numbered paragraphs and footnotes, and a warning for footnotes no marker refers to.
 */
import { useEffect, useState } from 'react';
import type { Editor } from '@tiptap/react';
import { orphanNotes } from './plugins/footnoteMarkers';

interface OutlineEntry {
  pid: string;
  level: number;
  text: string;
}

function readOutline(editor: Editor): { entries: OutlineEntry[]; paragraphs: number; footnotes: number; orphans: string[] } {
  const entries: OutlineEntry[] = [];
  let paragraphs = 0;
  let footnotes = 0;
  editor.state.doc.forEach((node) => {
    if (node.type.name === 'heading') entries.push({ pid: String(node.attrs.pid ?? ''), level: Number(node.attrs.level), text: node.textContent });
    else if (node.type.name === 'paragraph' && node.attrs.numbered) paragraphs++;
    else if (node.type.name === 'footnote') footnotes++;
  });
  // A note without a marker is not counted as a footnote of the text: it is flagged below.
  const orphans = orphanNotes(editor.state.doc);
  return { entries, paragraphs, footnotes: footnotes - orphans.length, orphans };
}

export function Outline({ editor }: { editor: Editor }) {
  const [outline, setOutline] = useState(() => readOutline(editor));
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onUpdate = () => {
      timer ??= setTimeout(() => {
        timer = undefined;
        if (!editor.isDestroyed) setOutline(readOutline(editor));
      }, 400);
    };
    editor.on('update', onUpdate);
    onUpdate();
    return () => {
      editor.off('update', onUpdate);
      clearTimeout(timer);
    };
  }, [editor]);

  const jump = (pid: string) => document.querySelector(`.ProseMirror [data-pid="${CSS.escape(pid)}"]`)?.scrollIntoView({ block: 'start', behavior: 'smooth' });

  return (
    <nav className="outline" aria-label="Outline">
      <h3 className="sidebar-title">Outline</h3>
      {outline.entries.length === 0 ? (
        <p className="muted small">Headings appear here.</p>
      ) : (
        <ul>
          {outline.entries.map((entry) => (
            <li key={entry.pid} className={`outline-level-${entry.level}`}>
              <button type="button" onClick={() => jump(entry.pid)}>
                {entry.text || <span className="muted">Untitled heading</span>}
              </button>
            </li>
          ))}
        </ul>
      )}
      <p className="outline-stats muted small">
        {outline.paragraphs} numbered paragraph{outline.paragraphs === 1 ? '' : 's'} · {outline.footnotes} footnote{outline.footnotes === 1 ? '' : 's'}
      </p>
      {outline.orphans.length > 0 && (
        <p className="outline-warning small" role="alert">
          {outline.orphans.length === 1 ? 'A footnote has' : `${outline.orphans.length} footnotes have`} no marker in the text.{' '}
          <button type="button" className="link-button" onClick={() => jump(outline.orphans[0])}>
            Show
          </button>
        </p>
      )}
    </nav>
  );
}
