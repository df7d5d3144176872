/**
 * Shows a string in the plain-text format's inline markup ("1^{er}", "**bold**") as formatted
 * text: memory matches and machine suggestions carry their formatting, shown as it will be
 * inserted. React elements only, never HTML, so a suggestion cannot inject markup.
 */
import type { ReactNode } from 'react';
import { parseInlineMarkup } from '../../../shared/src/format/inlineMarkup';
import type { MarkType } from '../../../shared/src/model/schema';

function wrap(mark: MarkType, child: ReactNode, key: string): ReactNode {
  switch (mark) {
    case 'bold':
      return <strong key={key}>{child}</strong>;
    case 'italic':
      return <em key={key}>{child}</em>;
    case 'superscript':
      return <sup key={key}>{child}</sup>;
    case 'subscript':
      return <sub key={key}>{child}</sub>;
    case 'link':
      return child;
  }
}

export function MarkupText({ markup }: { markup: string }) {
  return (
    <>
      {parseInlineMarkup(markup).map((node, i) => {
        if (node.type === 'hardBreak') return <br key={i} />;
        if (node.type !== 'text') return null;
        return (node.marks ?? []).reduceRight<ReactNode>((child, m, j) => wrap(m.type, child, `${i}.${j}`), <span key={i}>{node.text}</span>);
      })}
    </>
  );
}
