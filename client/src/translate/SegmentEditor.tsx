/**
 * The live editor of the focused row: Tiptap bound to `segments[pid]` through the
 * Collaboration extension. Mounted for one row at a time (every other row is static HTML), it
 * takes the caret where the translator clicked, and a local edit of a confirmed row turns it
 * back into a draft.
 *
 * Two people focusing an untranslated row at the same moment both create its fragment, and
 * the map keeps one: the other editor then rebinds to the survivor, carrying over what it had
 * typed when the survivor is still empty.
 */
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { refreshParagraphLabels } from '../editor/plugins/paragraphRefLabels';
import * as Y from 'yjs';
import { EditorContent, useEditor, type Editor } from '@tiptap/react';
import { isChangeOrigin } from '@tiptap/extension-collaboration';
import type { PresenceUser } from '../presence/presence';
import type { RoomConnection } from '../collab/roomConnection';
import type { GridRow, TranslationGridStore } from './gridStore';
import { segmentEditorExtensions } from './segmentExtensions';
import { rowLabel } from './rowLabel';
import { ModeSwitch } from '../suggest/ModeSwitch';
import { currentMode, modeKey, type ModeRights } from '../suggest/mode';
import { fragmentText, segmentsMap } from '../../../shared/src/model/translation';
import { writeBlock } from '../../../shared/src/model/yBody';
import type { PMTextBlock } from '../../../shared/src/model/schema';

export interface CaretPoint {
  x: number;
  y: number;
}

export interface SegmentEditorProps {
  row: GridRow;
  store: TranslationGridStore;
  connection: RoomConnection;
  user: PresenceUser;
  lang: string;
  dir: 'ltr' | 'rtl';
  /** Where the translator clicked in the static row, to put the caret there. */
  point: CaretPoint | null;
  onEditor: (pid: string, editor: Editor | null) => void;
  /**
   * False for members who only read this language (reviewers): the editor shows the existing
   * segment for selecting and commenting, and never writes the language room.
   */
  editable?: boolean;
}

/** The row's fragment when it already has content; reading it writes nothing. */
function existingSegment(store: TranslationGridStore, pid: string): Y.XmlFragment | null {
  const existing = segmentsMap(store.targetDoc).get(pid);
  return existing instanceof Y.XmlFragment && existing.length > 0 ? existing : null;
}

export function SegmentEditor({ row, store, connection, user, lang, dir, point, onEditor, editable = true }: SegmentEditorProps) {
  const { pid } = row;
  // Those who may not write this language suggest (issue 13); writers choose their mode.
  const rights: ModeRights = editable ? 'choose' : 'suggest';
  const key = modeKey(user.id, connection.room);
  // Creating the fragment is the first write of a row; it happens once, on first focus.
  const [fragment, setFragment] = useState(() => (editable ? store.ensureSegment(pid) : existingSegment(store, pid)));
  const extensions = useMemo(
    () =>
      fragment
        ? segmentEditorExtensions({ fragment, provider: connection.provider, user, footnoteMarkers: () => store.getSnapshot().footnotes, paragraphLabels: () => store.getSnapshot().paragraphLabels, placeholder: 'Type the translation…', mode: () => currentMode(key, rights) })
        : [],
    // One editor per row and fragment; the user and the connection are fixed for the page.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [fragment],
  );

  const editor = useEditor(
    {
      extensions,
      editable: currentMode(key, rights) !== 'viewing',
      enableInputRules: false,
      enablePasteRules: false,
      shouldRerenderOnTransaction: false,
      editorProps: {
        attributes: {
          class: 'segment-body',
          lang,
          dir,
          spellcheck: 'true',
          'aria-label': `Translation of ${rowLabel(row.block)}`,
        },
      },
      onCreate: ({ editor: created }) => {
        const view = created.view;
        const at = point ? view.posAtCoords({ left: point.x, top: point.y }) : null;
        if (currentMode(key, rights) === 'viewing') return;
        if (at) created.chain().setTextSelection(at.pos).focus(undefined, { scrollIntoView: false }).run();
        else created.commands.focus('end', { scrollIntoView: false });
      },
      onUpdate: ({ transaction }) => {
        if (!isChangeOrigin(transaction)) store.demoteOnEdit(pid, user.name);
      },
    },
    [extensions],
  );

  useEffect(() => {
    if (!fragment) return;
    const segments = segmentsMap(store.targetDoc);
    const onChange = (event: Y.YMapEvent<Y.XmlFragment>) => {
      if (!event.keysChanged.has(pid)) return;
      const next = segments.get(pid);
      if (!(next instanceof Y.XmlFragment) || next === fragment) return;
      if (!editable) return setFragment(next.length > 0 ? next : null);
      const mine = editor?.isDestroyed === false ? (editor.getJSON().content?.[0] as PMTextBlock | undefined) : undefined;
      const typed = (mine?.content ?? []).length > 0;
      if (typed && mine && fragmentText(next).trim() === '') store.targetDoc.transact(() => writeBlock(next, mine));
      setFragment(next.length > 0 ? next : store.ensureSegment(pid));
    };
    segments.observe(onChange);
    return () => segments.unobserve(onChange);
  }, [editor, fragment, pid, store, editable]);

  // Renumbering in the original redraws this row's references at once.
  const labels = useSyncExternalStore(store.subscribe, () => store.getSnapshot().paragraphLabels);
  useEffect(() => {
    if (editor && !editor.isDestroyed) editor.view.dispatch(refreshParagraphLabels(editor.state.tr));
  }, [editor, labels]);

  useEffect(() => {
    if (!editor) return;
    onEditor(pid, editor);
    return () => onEditor(pid, null);
  }, [editor, onEditor, pid]);

  if (!fragment) return null;
  return (
    <>
      {editor && <ModeSwitch editor={editor} modeKey={key} rights={rights} />}
      <EditorContent editor={editor} className="segment-editor" />
    </>
  );
}
