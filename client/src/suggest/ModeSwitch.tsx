/**
 * The Editing / Suggesting / Viewing switch of the toolbar (issue 13), with Google Docs'
 * shortcuts: Ctrl+Alt+Shift+Z editing, X suggesting, C viewing (⌘⌥⇧ on a Mac). A reviewer's
 * switch shows Suggesting, locked; a viewer's shows Viewing. Switching to or from Viewing makes
 * the editor read-only or editable again.
 */
import { useEffect } from 'react';
import type { Editor } from '@tiptap/core';
import { useEditorMode, type EditorMode, type ModeRights } from './mode';
import './suggest.css';

const LABELS: Record<EditorMode, string> = { editing: 'Editing', suggesting: 'Suggesting', viewing: 'Viewing' };
const KEYS: Record<string, EditorMode> = { KeyZ: 'editing', KeyX: 'suggesting', KeyC: 'viewing' };

export function ModeSwitch({ editor, modeKey, rights }: { editor: Editor; modeKey: string; rights: ModeRights }) {
  const [mode, setMode] = useEditorMode(modeKey, rights);

  useEffect(() => {
    if (!editor.isDestroyed) editor.setEditable(rights !== 'view' && mode !== 'viewing', false);
  }, [editor, mode, rights]);

  useEffect(() => {
    if (rights !== 'choose') return;
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || !event.altKey || !event.shiftKey) return;
      const next = KEYS[event.code];
      if (!next) return;
      event.preventDefault();
      setMode(next);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [rights, setMode]);

  const locked = rights !== 'choose';
  return (
    <label className={`mode-switch mode-${mode}`} title={locked ? `${LABELS[mode]} only (your role)` : 'Mode (Ctrl+Alt+Shift+Z / X / C)'}>
      <select aria-label="Editing mode" value={mode} disabled={locked} onChange={(e) => setMode(e.target.value as EditorMode)}>
        {(Object.keys(LABELS) as EditorMode[]).map((m) => (
          <option key={m} value={m}>
            {LABELS[m]}
          </option>
        ))}
      </select>
    </label>
  );
}
