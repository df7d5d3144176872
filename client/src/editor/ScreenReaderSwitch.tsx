/**
 * The way a screen reader user finds screen reader support (screenReaderSupport.ts) on a long
 * report: a button first in the page, out of sight until it has focus (as a skip link is),
 * saying why the far parts of the report are not read and how to change that; and a status
 * line that announces the switch, from the button or Ctrl/⌘+Alt+Z anywhere on the page.
 */
import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import type { Editor } from '@tiptap/react';
import { MIN_BLOCKS } from './plugins/renderWindow';
import { isScreenReaderShortcut, screenReaderSupport, setScreenReaderSupport, useScreenReaderSupport } from './screenReaderSupport';

/** Long enough for the render window (renderWindow.ts) — an O(1) read on each change. */
function useLongReport(editor: Editor): boolean {
  return useSyncExternalStore(
    (listener) => {
      editor.on('update', listener);
      return () => void editor.off('update', listener);
    },
    () => editor.state.doc.childCount > MIN_BLOCKS,
  );
}

export function ScreenReaderSwitch({ editor }: { editor: Editor }) {
  const on = useScreenReaderSupport();
  const long = useLongReport(editor);
  const [announcement, setAnnouncement] = useState('');
  const toggle = useCallback(() => {
    const next = !screenReaderSupport();
    setScreenReaderSupport(next);
    setAnnouncement(next ? 'Screen reader support on: every paragraph of the report can be read.' : 'Screen reader support off.');
  }, []);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!isScreenReaderShortcut(event)) return;
      event.preventDefault();
      toggle();
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, [toggle]);
  return (
    <div className="screen-reader-switch">
      {long && (
        <button type="button" className="visually-hidden-focusable" aria-pressed={on} onClick={toggle}>
          {on
            ? 'Screen reader support is on: every paragraph can be read, typing is slower. Turn it off (Ctrl+Alt+Z).'
            : 'This report is long: paragraphs far from your position are not read aloud. Turn on screen reader support (Ctrl+Alt+Z).'}
        </button>
      )}
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
    </div>
  );
}
