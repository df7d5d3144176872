/**
 * The side panel of the grid: tools for the active row (copy the source, footnote
 * references), its review threads, translation memory and glossary.
 */
import type { Editor } from '@tiptap/react';
import type { PresenceUser } from '../presence/presence';
import type { GlossaryEntry } from '../../../shared/src/translation/glossaryEntry';
import type { GridRow } from './gridStore';
import type { TermHighlighter } from './glossaryHighlight';
import type { TmState } from './useTmMatches';
import type { MtState } from './useMtSuggestion';
import type { SegmentOrigin } from '../../../shared/src/model/translation';
import { tmOrigin } from './useSuggestionInsert';
import { MtSuggestion } from './MtSuggestion';
import { RowReview, type GridThreads } from './RowReview';
import { TmPanel } from './TmPanel';
import { GlossaryPanel } from './GlossaryPanel';

export interface TranslatePanelProps {
  activeRow: GridRow | null;
  /** The active row's editor, once it is that row's. */
  editor: Editor | null;
  footnotes: ReadonlyMap<string, string>;
  sourceLang: string;
  targetLang: string;
  targetDir: 'ltr' | 'rtl';
  writable: boolean;
  canInsert: boolean;
  canComment: boolean;
  canAddTerms: boolean;
  user: PresenceUser;
  members: readonly { userId: string; name: string }[];
  grid: GridThreads;
  tm: TmState;
  machine: MtState;
  insertSuggestion(markup: string, origin: SegmentOrigin): boolean;
  glossary: { entries: GlossaryEntry[]; reload(): void };
  terms: TermHighlighter | null;
  insertText(text: string): void;
  copySource(): void;
  addFootnoteRef(target: string): void;
}

export function TranslatePanel(props: TranslatePanelProps) {
  const { activeRow, writable, canInsert, sourceLang, targetLang, targetDir } = props;
  const current = activeRow?.block.text ?? null;
  const sourceRefs = (activeRow?.source.content ?? []).flatMap((n) => (n.type === 'footnoteRef' ? [n.attrs.target] : []));
  return (
    <aside className="tpanel" aria-label="Translation aids">
      {activeRow && writable && (
        <section className="panel-section row-tools">
          <h3 className="sidebar-title">This row</h3>
          <div className="row-tool-buttons">
            <button type="button" className="button small ghost" onMouseDown={(e) => e.preventDefault()} onClick={props.copySource} disabled={!canInsert}>
              Copy source
            </button>
            {sourceRefs.map((target, i) => (
              <button key={`${target}${i}`} type="button" className="button small ghost" onMouseDown={(e) => e.preventDefault()} onClick={() => props.addFootnoteRef(target)} disabled={!canInsert} title="Insert this footnote reference at the caret">
                Footnote <sup>{props.footnotes.get(target) ?? '?'}</sup>
              </button>
            ))}
          </div>
        </section>
      )}
      {activeRow && (
        <RowReview
          key={activeRow.pid}
          grid={props.grid}
          lang={targetLang}
          pid={activeRow.pid}
          editor={props.editor}
          me={props.user}
          canComment={props.canComment}
          canDecide={writable}
          members={props.members}
        />
      )}
      <TmPanel tm={props.tm} current={current} from={sourceLang} to={targetLang} targetDir={targetDir} onInsert={canInsert ? (m) => props.insertSuggestion(m.target, tmOrigin(m)) : null}>
        <MtSuggestion
          mt={props.machine}
          targetLang={targetLang}
          targetDir={targetDir}
          onInsert={canInsert ? (text, provider) => props.insertSuggestion(text, { kind: 'mt', provider }) : null}
        />
      </TmPanel>
      <GlossaryPanel
        entries={props.glossary.entries}
        terms={props.terms}
        current={current}
        from={sourceLang}
        to={targetLang}
        targetDir={targetDir}
        canAdd={props.canAddTerms}
        onAdded={props.glossary.reload}
      />
    </aside>
  );
}
