/**
 * The drafting surface: toolbar, the page (masthead over the Tiptap body) on the desk, the
 * outline on the left and the people on the right. Bound to one RoomConnection.
 */
import { useMemo } from 'react';
import { EditorContent, useEditor } from '@tiptap/react';
import { Masthead } from '../masthead/Masthead';
import { PresenceBar } from '../presence/PresenceBar';
import type { PresenceUser } from '../presence/presence';
import type { RoomConnection } from '../collab/roomConnection';
import { BODY_FRAGMENT, META_MAP } from '../../../shared/src/model/yBody';
import { isRtl } from '../../../shared/src/rooms';
import { reportEditorExtensions } from './editorExtensions';
import { Toolbar } from './Toolbar';
import { Outline } from './Outline';
import { FootnoteNotice } from './FootnoteNotice';
import { ScreenReaderSwitch } from './ScreenReaderSwitch';
import { Suggesting } from '../suggest/suggestingPlugin';
import { ModeSwitch } from '../suggest/ModeSwitch';
import { currentMode, modeKey, type ModeRights } from '../suggest/mode';
import { WorkspaceSymbols, useWorkspaceSymbols } from './workspaceSymbols';
import { ParagraphPicker, editorParagraphs } from './ParagraphPicker';

export interface ReportEditorProps {
  connection: RoomConnection;
  user: PresenceUser;
  lang: string;
  writable: boolean;
  /** May not write the text but may suggest (a reviewer): Suggesting mode, locked. */
  suggestOnly?: boolean;
  aside?: React.ReactNode;
}

export function ReportEditor({ connection, user, lang, writable, suggestOnly = false, aside }: ReportEditorProps) {
  const rights: ModeRights = writable ? 'choose' : suggestOnly ? 'suggest' : 'view';
  const key = modeKey(user.id, connection.room);
  const symbols = useMemo(() => new WorkspaceSymbols(), []);
  const extensions = useMemo(() => {
    const fragment = connection.doc.getXmlFragment(BODY_FRAGMENT);
    return [...reportEditorExtensions({
      doc: connection.doc,
      provider: connection.provider,
      user,
      lang,
      canFix: () => writable && (connection.provider.synced || fragment.length > 0),
      symbolReports: symbols.get,
    }), Suggesting.configure({ mode: () => currentMode(key, rights) })];
    // The editor lives as long as its connection; the page remounts it when the role changes.
  }, [connection]);

  const editor = useEditor(
    {
      extensions,
      editable: rights !== 'view' && currentMode(key, rights) !== 'viewing',
      shouldRerenderOnTransaction: false,
      editorProps: {
        attributes: {
          class: 'report-body',
          lang,
          dir: isRtl(lang) ? 'rtl' : 'ltr',
          spellcheck: 'true',
          'aria-label': 'Report text',
        },
      },
    },
    [extensions],
  );

  useWorkspaceSymbols(symbols, editor);

  const meta = connection.doc.getMap<unknown>(META_MAP);
  return (
    <main className="editor-shell">
      {editor && <Toolbar editor={editor} writable={rights !== 'view'} canComment={user.role !== 'viewer'} modeSwitch={<ModeSwitch editor={editor} modeKey={key} rights={rights} />} />}
      <div className="workspace">
        <aside className="sidebar left">{editor && <Outline editor={editor} />}</aside>
        <div className="desk">
          <article className="page" lang={lang} dir={isRtl(lang) ? 'rtl' : 'ltr'}>
            {editor && <ScreenReaderSwitch editor={editor} />}
            <Masthead map={meta} readOnly={!writable} />
            <EditorContent editor={editor} className="page-body" />
            {editor && <FootnoteNotice editor={editor} />}
            <ParagraphPicker editor={editor} paragraphs={() => (editor ? editorParagraphs(editor) : [])} />
          </article>
        </div>
        <aside className="sidebar right">
          <h3 className="sidebar-title">In this report</h3>
          <PresenceBar awareness={connection.provider.awareness} />
          {aside}
        </aside>
      </div>
    </main>
  );
}
