/**
 * A block rendered read-only from its ProseMirror JSON, with the same tags the editor draws
 * (so a row looks the same before and after its editor mounts), footnote references showing
 * the original's markers, and glossary terms highlighted in source text.
 */
import { Fragment, type ReactNode } from 'react';
import type { PMInline, PMMark, PMTextBlock } from '../../../shared/src/model/schema';
import { isSafeHref } from '../editor/schema/link';
import type { TermHighlighter } from './glossaryHighlight';

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

export function InlineContent({ content, footnotes, terms }: {
  content: readonly PMInline[] | undefined;
  footnotes: ReadonlyMap<string, string>;
  terms?: TermHighlighter | null;
}) {
  return (
    <>
      {(content ?? []).map((node, i) => {
        switch (node.type) {
          case 'hardBreak':
            return <br key={i} />;
          case 'footnoteRef':
            return <sup key={i} className="footnote-ref" data-target={node.attrs.target} data-marker={footnotes.get(node.attrs.target) ?? '?'} />;
          case 'text': {
            let out: ReactNode = terms ? terms.highlight(node.text) : node.text;
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
export function StaticBlock({ block, footnotes, terms }: { block: PMTextBlock; footnotes: ReadonlyMap<string, string>; terms?: TermHighlighter | null }) {
  const inner = <InlineContent content={block.content} footnotes={footnotes} terms={terms} />;
  const empty = !block.content?.length;
  switch (block.type) {
    case 'heading': {
      const level = Math.min(4, Math.max(1, block.attrs.level || 1));
      const Tag = `h${level}` as 'h1' | 'h2' | 'h3' | 'h4';
      return <Tag>{empty ? <br /> : inner}</Tag>;
    }
    case 'footnote':
      return <div className="footnote">{empty ? <br /> : inner}</div>;
    case 'paragraph':
      return <p>{empty ? <br /> : inner}</p>;
  }
}
