/**
 * A block rendered read-only from its ProseMirror JSON, with the same tags the editor draws
 * (so a row looks the same before and after its editor mounts), footnote references showing
 * the original's markers, glossary terms highlighted in source text, and review threads drawn
 * in translations as the editor's review layer draws them (highlight; struck text + proposal).
 */
import { Fragment, useContext, type ReactNode } from 'react';
import { ParagraphLabelsContext } from '../drafting/paragraphLabelsContext';
import type { PMInline, PMMark, PMTextBlock } from '../../../shared/src/model/schema';
import { isSafeHref } from '../editor/schema/link';
import type { TermHighlighter } from './glossaryHighlight';
import type { BlockHighlight } from '../review/blockHighlights';
import { threadClass } from '../review/reviewDecorations';

const MARK_ORDER: readonly PMMark['type'][] = ['link', 'bold', 'italic', 'superscript', 'subscript'];

function wrap(mark: PMMark, child: ReactNode, key: number): ReactNode {
  switch (mark.type) {
    case 'bold':
      return <strong key={key}>{child}</strong>;
    case 'italic':
      return <em key={key}>{child}</em>;
    case 'superscript':
      return <sup key={key}>{child}</sup>;
    case 'subscript':
      return <sub key={key}>{child}</sub>;
    case 'link': {
      const href = mark.attrs?.href;
      return isSafeHref(href) ? (
        <a key={key} href={href} target="_blank" rel="noopener noreferrer nofollow">
          {child}
        </a>
      ) : (
        <Fragment key={key}>{child}</Fragment>
      );
    }
  }
}

/**
 * The text of one text node, `start` being its offset in the block, cut where highlights begin
 * and end; a suggestion's proposal follows the text it replaces.
 */
function highlighted(text: string, start: number, highlights: readonly BlockHighlight[]): ReactNode {
  const end = start + text.length;
  const cuts = new Set([start, end]);
  for (const h of highlights) for (const at of [h.from, h.to]) if (at > start && at < end) cuts.add(at);
  const points = [...cuts].sort((a, b) => a - b);
  const out: ReactNode[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const [from, to] = [points[i], points[i + 1]];
    let piece: ReactNode = text.slice(from - start, to - start);
    for (const h of highlights) {
      if (h.from > from || h.to < to) continue;
      const cls = h.kind === 'suggestion' ? 'review-suggest-old' : 'review-mark';
      piece = <span className={`${cls} ${threadClass(h.thread)}`} data-thread={h.thread}>{piece}</span>;
    }
    out.push(<Fragment key={from}>{piece}</Fragment>);
    for (const h of highlights) {
      if (h.kind === 'suggestion' && h.to === to) out.push(<span key={`p${h.thread}`} className="review-suggest-new" data-thread={h.thread}>{h.proposed ?? ''}</span>);
    }
  }
  return out;
}

export function InlineContent({ content, footnotes, terms, highlights }: {
  content: readonly PMInline[] | undefined;
  footnotes: ReadonlyMap<string, string>;
  terms?: TermHighlighter | null;
  highlights?: readonly BlockHighlight[];
}) {
  const labels = useContext(ParagraphLabelsContext);
  let offset = 0;
  return (
    <>
      {(content ?? []).map((node, i) => {
        const start = offset;
        offset += node.type === 'text' ? node.text.length : 1;
        switch (node.type) {
          case 'hardBreak':
            return <br key={i} />;
          case 'footnoteRef':
            return <sup key={i} className="footnote-ref" data-target={node.attrs.target} data-marker={footnotes.get(node.attrs.target) ?? '?'} />;
          case 'paragraphRef': {
            const label = labels.get(node.attrs.target);
            return label !== undefined ? (
              <span key={i} className="para-ref" data-target={node.attrs.target} data-number={label} title={`Paragraph ${label}`} />
            ) : (
              <span key={i} className="para-ref broken" data-target={node.attrs.target} data-number="?" title="This reference points at a paragraph that was deleted" />
            );
          }
          case 'text': {
            const touching = highlights?.filter((h) => h.from < offset && h.to > start);
            let out: ReactNode = touching?.length ? highlighted(node.text, start, touching) : terms ? terms.highlight(node.text) : node.text;
            const marks = [...(node.marks ?? [])].sort((a, b) => MARK_ORDER.indexOf(b.type) - MARK_ORDER.indexOf(a.type));
            marks.forEach((mark, m) => (out = wrap(mark, out, m)));
            return <Fragment key={i}>{out}</Fragment>;
          }
        }
      })}
    </>
  );
}

/** The block element itself: `p`, `h1`–`h4` or a footnote `div`, as the schema renders them. */
export function StaticBlock({ block, footnotes, terms, highlights }: {
  block: PMTextBlock;
  footnotes: ReadonlyMap<string, string>;
  terms?: TermHighlighter | null;
  highlights?: readonly BlockHighlight[];
}) {
  const inner = <InlineContent content={block.content} footnotes={footnotes} terms={terms} highlights={highlights} />;
  const empty = !block.content?.length;
  switch (block.type) {
    case 'heading': {
      // One level down, as in the editor (editor/schema/heading.ts): the page's h1 is its title.
      const level = Math.min(4, Math.max(1, block.attrs.level || 1));
      const Tag = `h${level + 1}` as 'h2' | 'h3' | 'h4' | 'h5';
      return <Tag data-level={level}>{empty ? <br /> : inner}</Tag>;
    }
    case 'footnote':
      return <div className="footnote">{empty ? <br /> : inner}</div>;
    case 'paragraph':
      return <p>{empty ? <br /> : inner}</p>;
  }
}
