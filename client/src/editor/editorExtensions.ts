/**
 * Everything the report editor runs: the schema, the Yjs binding (Collaboration, with its own
 * undo), named coloured carets, pid upkeep, footnote markers and their notes kept together, Home/End
 * by paragraph and presence tracking.
 */
import type { Extensions } from '@tiptap/core';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import type * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import { reportSchemaExtensions } from './schema';
import { Pids } from './plugins/pidPlugin';
import { FootnoteMarkers } from './plugins/footnoteMarkers';
import { PresenceTracker } from './plugins/presenceTracker';
import { LinkShortcut } from './plugins/linkShortcut';
import { KeepLocalIntent } from './plugins/keepLocalIntent';
import { CaretBlockVisible } from './plugins/caretBlockVisible';
import { RenderWindow } from './plugins/renderWindow';
import { CaretLayoutBoundary } from './plugins/caretLayoutBoundary';
import { ParagraphHomeEnd } from './plugins/paragraphHomeEnd';
import { FootnoteLifecycle } from './plugins/footnoteLifecycle';
import { SymbolLinks, type WorkspaceReport } from './plugins/symbolLinks';
import { ParagraphRefLabels, type LabelsOf } from './plugins/paragraphRefLabels';
import { FrozenNumbers, labelsFor } from '../drafting/frozenNumbers';
import { BracketHighlights } from '../drafting/bracketHighlights';
import { ReviewDecorations } from '../review/reviewDecorations';
import type { PresenceUser } from '../presence/presence';
import { BODY_FRAGMENT } from '../../../shared/src/model/yBody';

export interface EditorBinding {
  doc: Y.Doc;
  provider: WebsocketProvider;
  user: PresenceUser;
  lang: string;
  /** May this client fix pids now (it may write, and holds the room's content)? */
  canFix: () => boolean;
  /** Reports of the workspace by symbol, for symbol links (filled in once the list arrives). */
  symbolReports?: () => ReadonlyMap<string, WorkspaceReport>;
  /** What references show (frozen numbering); the document's own order by default. */
  paragraphLabels?: LabelsOf;
}

export function reportEditorExtensions(binding: EditorBinding): Extensions {
  return [
    ...reportSchemaExtensions(),
    Collaboration.configure({ document: binding.doc, field: BODY_FRAGMENT }),
    CollaborationCaret.configure({ provider: binding.provider, user: binding.user }),
    KeepLocalIntent.configure({ provider: binding.provider }),
    CaretBlockVisible,
    RenderWindow,
    CaretLayoutBoundary,
    Pids.configure({ canFix: binding.canFix }),
    FootnoteMarkers,
    FootnoteLifecycle.configure({ canFix: binding.canFix }),
    PresenceTracker.configure({ awareness: binding.provider.awareness, lang: binding.lang }),
    LinkShortcut,
    ParagraphHomeEnd,
    ParagraphRefLabels.configure({ labelsOf: binding.paragraphLabels ?? labelsFor(binding.doc, binding.lang) }),
    FrozenNumbers.configure({ doc: binding.doc, lang: binding.lang }),
    BracketHighlights,
    SymbolLinks.configure({ reports: binding.symbolReports ?? (() => new Map()) }),
    // Review threads drawn over the text (highlights, suggestions); see client/src/review.
    ReviewDecorations.configure({ doc: binding.doc }),
  ];
}
