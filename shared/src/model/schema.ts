/**
 * The report document model, as ProseMirror JSON (what Tiptap edits and y-prosemirror
 * stores in the `body` XmlFragment). Node and mark names here are the names in Yjs.
 *
 * Invariants:
 * - every `paragraph`, `heading` and `footnote` carries a `pid`, unique in the report;
 * - `numbered` paragraphs get their number from document order, never stored;
 * - footnotes are top-level blocks kept at the foot of the body; a `footnoteRef` inline node
 *   points at one by pid, and the masthead binds a footnote through its `marker` (e.g. `*`).
 */

export const BLOCK_WITH_PID = ['paragraph', 'heading', 'footnote'] as const;
export type PidBlockType = (typeof BLOCK_WITH_PID)[number];

export type MarkType = 'bold' | 'italic' | 'superscript' | 'subscript' | 'link';

export interface PMMark {
  type: MarkType;
  attrs?: Record<string, unknown>;
}

export interface PMText {
  type: 'text';
  text: string;
  marks?: PMMark[];
}
export interface PMHardBreak {
  type: 'hardBreak';
}
export interface PMFootnoteRef {
  type: 'footnoteRef';
  /** `target` is the pid of the footnote block. */
  attrs: { target: string };
}
/**
 * A live reference to a numbered paragraph ("see paragraph 12 above": "12" is this node). It
 * stores the target's pid only; the number shown is computed, like the paragraph's own.
 */
export interface PMParagraphRef {
  type: 'paragraphRef';
  attrs: { target: string };
}
export type PMInline = PMText | PMHardBreak | PMFootnoteRef | PMParagraphRef;

export interface ParagraphAttrs {
  pid: string;
  numbered: boolean;
  /** Subparagraph level under the numbered paragraph above: 1 → (a), 2 → (i) (shared/src/numbering/subparagraphs.ts). */
  sub?: number | null;
}
export interface HeadingAttrs {
  pid: string;
  level: number;
}
export interface FootnoteAttrs {
  pid: string;
  /** A fixed marker such as `*`; empty means numbered automatically (1, 2, …). */
  marker: string;
}

export interface PMParagraph {
  type: 'paragraph';
  attrs: ParagraphAttrs;
  content?: PMInline[];
}
export interface PMHeading {
  type: 'heading';
  attrs: HeadingAttrs;
  content?: PMInline[];
}
export interface PMFootnote {
  type: 'footnote';
  attrs: FootnoteAttrs;
  content?: PMInline[];
}
export interface PMListItem {
  type: 'listItem';
  content: PMBlock[];
}
export interface PMBulletList {
  type: 'bulletList';
  content: PMListItem[];
}
export interface PMOrderedList {
  type: 'orderedList';
  attrs?: { start?: number };
  content: PMListItem[];
}
export type PMTextBlock = PMParagraph | PMHeading | PMFootnote;
export type PMBlock = PMTextBlock | PMBulletList | PMOrderedList;

export interface PMDoc {
  type: 'doc';
  content: PMBlock[];
}

/**
 * Masthead and header fields, the `meta` map of a language room. Display strings are kept
 * as they read in that language ("Distr.: General", "Distr. générale"), so that a text
 * export reproduces the front page line for line.
 */
export interface ReportMeta {
  /** Document symbol, e.g. CTOC/COP/WG.7/2012/4. */
  symbol?: string;
  /** Issuing body: "Conference of the Parties to the …". */
  organ?: string;
  /** The distribution line, e.g. "Distr.: General". */
  distribution?: string;
  date?: string;
  /** Language of this version as printed under the date in translations ("Français"). */
  languageLine?: string;
  /** The "Original: English" line, as printed in this language. */
  originalLine?: string;
  /** Code of the original language, e.g. `en`. */
  originalLanguage?: string;
  session?: string;
  /** Place and dates of the session. */
  place?: string;
  /** Agenda item line, with its footnote marker (e.g. "Item 2 (c) of the provisional agenda*"). */
  agendaItem?: string;
  /** The title; `\n` keeps the line breaks of the source. */
  title?: string;
  subtitle?: string;
}

export const META_KEYS = [
  'symbol', 'organ', 'distribution', 'date', 'languageLine', 'originalLine', 'originalLanguage',
  'session', 'place', 'agendaItem', 'title', 'subtitle',
] as const satisfies readonly (keyof ReportMeta)[];

/** A report in memory, independent of Yjs: what imports produce and exports consume. */
export interface ReportContent {
  meta: ReportMeta;
  body: PMDoc;
}

/** One aligned unit: a block with a pid, in document order, with its computed number. */
export interface BlockInfo {
  pid: string;
  type: PidBlockType;
  /** Paragraph number (1, 2, …) for numbered paragraphs, else null. */
  number: number | null;
  /**
   * What a view shows instead of the plain number, when it differs: a subparagraph's letter
   * ("(a)"), a frozen paragraph's label ("12 bis"). Computed by the view, never stored.
   */
  displayLabel?: string;
  /** Footnote marker or number as displayed, for footnotes; heading level for headings. */
  marker?: string;
  level?: number;
  text: string;
}
