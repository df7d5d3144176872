/**
 * The formatting toolbar. It subscribes to the few editor facts it shows (active marks, block
 * type) through `useEditorState`, so typing does not re-render the page. Readers get a line
 * saying what they can do instead.
 */
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useEditorState, type Editor } from '@tiptap/react';
import { yUndoPluginKey } from '@tiptap/y-tiptap';
import { icons } from './icons';
import { isSafeHref } from './schema/link';
import { OPEN_LINK_FORM } from './plugins/linkShortcut';
import { openParagraphPicker } from './ParagraphPicker';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const mod = isMac ? '⌘' : 'Ctrl+';
const alt = isMac ? '⌥' : 'Alt+';

function ToolButton({ label, shortcut, active, disabled, onClick, children }: {
  label: string;
  shortcut?: string;
  active?: boolean;
  disabled?: boolean;
  onClick: () => void;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      className={`tool${active ? ' active' : ''}`}
      aria-label={label}
      aria-pressed={active === undefined ? undefined : active}
      title={shortcut ? `${label} (${shortcut})` : label}
      disabled={disabled}
      onMouseDown={(e) => e.preventDefault()}
      onClick={onClick}
    >
      {children}
    </button>
  );
}

type BlockChoice = 'paragraph' | 'h1' | 'h2' | 'h3' | 'h4';

function LinkForm({ editor, initial, onDone }: { editor: Editor; initial: string; onDone: () => void }) {
  const [href, setHref] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const value = href.trim();
    if (!value) {
      editor.chain().focus().extendMarkRange('link').unsetLink().run();
      return onDone();
    }
    const url = /^[\w.+-]+@[\w-]+\.[\w.-]+$/.test(value) ? `mailto:${value}` : /^[a-z][a-z0-9+.-]*:/i.test(value) ? value : `https://${value}`;
    if (!isSafeHref(url)) return setError('Only http, https and mailto links are allowed.');
    editor.chain().focus().extendMarkRange('link').setLink({ href: url }).run();
    onDone();
  };
  return (
    <form className="link-form" onSubmit={submit}>
      <input autoFocus value={href} onChange={(e) => setHref(e.target.value)} placeholder="https://… or name@example.org" aria-label="Link address" onKeyDown={(e) => e.key === 'Escape' && onDone()} />
      <button type="submit" className="button primary small">
        Apply
      </button>
      {initial && (
        <button type="button" className="button ghost small" onClick={() => { editor.chain().focus().extendMarkRange('link').unsetLink().run(); onDone(); }}>
          Remove
        </button>
      )}
      {error && <span className="form-error">{error}</span>}
    </form>
  );
}

/**
 * `canComment`: a reader who may still comment and suggest (reviewers, translators on the
 * original) sees that said, not "View only", which is for viewers. `modeSwitch`: the
 * Editing / Suggesting / Viewing switch (../suggest/ModeSwitch).
 */
export function Toolbar({ editor, writable, canComment = false, modeSwitch }: { editor: Editor; writable: boolean; canComment?: boolean; modeSwitch?: ReactNode }) {
  const [linking, setLinking] = useState(false);
  useEffect(() => {
    const dom = editor.view.dom;
    const open = () => setLinking(true);
    dom.addEventListener(OPEN_LINK_FORM, open);
    return () => dom.removeEventListener(OPEN_LINK_FORM, open);
  }, [editor]);
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => {
      const heading = [1, 2, 3, 4].find((level) => e.isActive('heading', { level }));
      const block: BlockChoice = heading ? (`h${heading}` as BlockChoice) : 'paragraph';
      return {
        bold: e.isActive('bold'),
        italic: e.isActive('italic'),
        superscript: e.isActive('superscript'),
        subscript: e.isActive('subscript'),
        link: e.isActive('link'),
        href: (e.getAttributes('link').href as string | undefined) ?? '',
        numbered: e.isActive('paragraph', { numbered: true }),
        bulletList: e.isActive('bulletList'),
        orderedList: e.isActive('orderedList'),
        block,
        canUndo: (yUndoPluginKey.getState(e.state)?.undoManager.undoStack.length ?? 0) > 0,
        canRedo: (yUndoPluginKey.getState(e.state)?.undoManager.redoStack.length ?? 0) > 0,
      };
    },
  });

  const chain = () => editor.chain().focus();
  const setBlock = (value: BlockChoice) => {
    if (value === 'paragraph') chain().setParagraph().run();
    else chain().setHeading({ level: Number(value.slice(1)) as 1 | 2 | 3 | 4 }).run();
  };

  if (!writable) {
    return (
      <div className="toolbar read-only" role="toolbar" aria-label="Formatting">
        {modeSwitch}
        <span className="muted access-note">
          {canComment
            ? 'You can comment and suggest here, not edit: select text to comment on it or to suggest a change.'
            : 'View only — you can read this version and follow others as they write.'}
        </span>
      </div>
    );
  }

  return (
    <div className="toolbar" role="toolbar" aria-label="Formatting">
      {modeSwitch}
      <span className="toolbar-review-slot" />
      <ToolButton label="Undo" shortcut={`${mod}Z`} disabled={!state.canUndo} onClick={() => chain().undo().run()}>
        {icons.undo}
      </ToolButton>
      <ToolButton label="Redo" shortcut={`${mod}Shift+Z`} disabled={!state.canRedo} onClick={() => chain().redo().run()}>
        {icons.redo}
      </ToolButton>
      <span className="tool-sep" />
      <select className="block-select" aria-label="Block type" value={state.block} onChange={(e) => setBlock(e.target.value as BlockChoice)}>
        <option value="paragraph">Paragraph</option>
        <option value="h1">Heading 1</option>
        <option value="h2">Heading 2</option>
        <option value="h3">Heading 3</option>
        <option value="h4">Heading 4</option>
      </select>
      <ToolButton label="Numbered paragraph" shortcut={`${mod}${alt}N`} active={state.numbered} onClick={() => chain().toggleNumbered().run()}>
        {icons.numbered}
      </ToolButton>
      <span className="tool-sep" />
      <ToolButton label="Bold" shortcut={`${mod}B`} active={state.bold} onClick={() => chain().toggleBold().run()}>
        {icons.bold}
      </ToolButton>
      <ToolButton label="Italic" shortcut={`${mod}I`} active={state.italic} onClick={() => chain().toggleItalic().run()}>
        {icons.italic}
      </ToolButton>
      <ToolButton label="Superscript" shortcut={`${mod}.`} active={state.superscript} onClick={() => chain().toggleSuperscript().run()}>
        {icons.superscript}
      </ToolButton>
      <ToolButton label="Subscript" shortcut={`${mod},`} active={state.subscript} onClick={() => chain().toggleSubscript().run()}>
        {icons.subscript}
      </ToolButton>
      <span className="tool-sep" />
      <ToolButton label="Bulleted list" shortcut={`${mod}Shift+8`} active={state.bulletList} onClick={() => chain().toggleBulletList().run()}>
        {icons.bulletList}
      </ToolButton>
      <ToolButton label="Ordered list" shortcut={`${mod}Shift+7`} active={state.orderedList} onClick={() => chain().toggleOrderedList().run()}>
        {icons.orderedList}
      </ToolButton>
      <span className="tool-sep" />
      <ToolButton label="Insert footnote" shortcut={`${mod}${alt}F`} onClick={() => chain().insertFootnote().run()}>
        {icons.footnote}
      </ToolButton>
      <ToolButton label="Refer to a paragraph" shortcut="¶" onClick={() => openParagraphPicker(editor)}>
        <span aria-hidden="true">¶</span>
      </ToolButton>
      <span className="link-anchor">
        <ToolButton label="Link" shortcut={`${mod}K`} active={state.link || linking} onClick={() => setLinking((v) => !v)}>
          {icons.link}
        </ToolButton>
        {linking && <LinkForm editor={editor} initial={state.href} onDone={() => setLinking(false)} />}
      </span>
    </div>
  );
}
