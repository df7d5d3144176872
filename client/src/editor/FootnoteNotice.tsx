/**
 * Says so when an edit took footnotes away with their markers (plugins/footnoteLifecycle.ts):
 * a deleted footnote is never silent, and the notice says how to bring it back.
 */
import { useEffect, useState } from 'react';
import type { Editor } from '@tiptap/react';
import { FOOTNOTES_REMOVED, type FootnotesRemovedDetail } from './plugins/footnoteLifecycle';

const SHOWN_MS = 8000;

export function FootnoteNotice({ editor }: { editor: Editor }) {
  const [markers, setMarkers] = useState<string[] | null>(null);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onRemoved = (event: Event) => {
      setMarkers((event as CustomEvent<FootnotesRemovedDetail>).detail.markers);
      clearTimeout(timer);
      timer = setTimeout(() => setMarkers(null), SHOWN_MS);
    };
    const dom = editor.view.dom;
    dom.addEventListener(FOOTNOTES_REMOVED, onRemoved);
    return () => {
      dom.removeEventListener(FOOTNOTES_REMOVED, onRemoved);
      clearTimeout(timer);
    };
  }, [editor]);
  return (
    <div className="footnote-notice" role="status" aria-live="polite">
      {markers && (
        <>
          {markers.length === 1 ? `Footnote ${markers[0]} was deleted with its marker.` : `Footnotes ${markers.join(', ')} were deleted with their markers.`}{' '}
          <kbd>Ctrl</kbd>+<kbd>Z</kbd> brings {markers.length === 1 ? 'it' : 'them'} back.
        </>
      )}
    </div>
  );
}
