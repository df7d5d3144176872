/**
 * TMX 1.4b writer: one `<tu>` per memory entry, with `creationdate`, `creationid` (who created
 * it) and `changedate`, the origin of imported units as `<prop type="x-origin">`, the source
 * as plain text and the target's inline markup as `<bpt>`/`<ept>` pairs around HTML-like
 * native code (`<b>`, `<i>`, `<sup>`, `<sub>`) with the TMX `type`, which the reader
 * (inline.ts) maps back: import → export → import gives the same units.
 */
import type { MarkType } from '../../../../shared/src/model/schema';
import { parseInlineMarkup } from '../../../../shared/src/format/inlineMarkup';
import { escapeXml } from '../../translation/xliff';
import type { TmEntry } from '../types';

const CODES: Partial<Record<MarkType, { type: string; tag: string }>> = {
  bold: { type: 'bold', tag: 'b' },
  italic: { type: 'italic', tag: 'i' },
  superscript: { type: 'x-superscript', tag: 'sup' },
  subscript: { type: 'x-subscript', tag: 'sub' },
};

/** `20240131T120000Z` */
export function tmxDate(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** A target's markup as TMX segment content. */
export function markupToTmx(markup: string): string {
  let out = '';
  let next = 1;
  const open: { mark: MarkType; i: number }[] = [];
  const close = (depth: number) => {
    while (open.length > depth) {
      const { mark, i } = open.pop()!;
      out += `<ept i="${i}">&lt;/${CODES[mark]!.tag}&gt;</ept>`;
    }
  };
  for (const node of parseInlineMarkup(markup)) {
    if (node.type === 'hardBreak') {
      out += ' ';
      continue;
    }
    if (node.type !== 'text') continue;
    const wanted = (node.marks ?? []).map((m) => m.type).filter((t) => CODES[t]);
    let keep = 0;
    while (keep < open.length && wanted.includes(open[keep].mark)) keep++;
    close(keep);
    for (const mark of wanted) {
      if (open.some((o) => o.mark === mark)) continue;
      const i = next++;
      out += `<bpt i="${i}" type="${CODES[mark]!.type}">&lt;${CODES[mark]!.tag}&gt;</bpt>`;
      open.push({ mark, i });
    }
    out += escapeXml(node.text);
  }
  close(0);
  return out;
}

export function tmxHeader(sourceLang: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n' +
    `<header creationtool="Plenary" creationtoolversion="1" datatype="plaintext" segtype="paragraph" adminlang="en" srclang="${escapeXml(sourceLang)}" o-tmf="Plenary" creationdate="${tmxDate(Date.now())}"/>\n<body>\n`
  );
}

export const TMX_FOOTER = '</body>\n</tmx>\n';

export function tmxUnit(e: TmEntry): string {
  const stamp = [
    `creationdate="${tmxDate(e.createdAt || e.updatedAt)}"`,
    e.createdBy ? `creationid="${escapeXml(e.createdBy)}"` : '',
    `changedate="${tmxDate(e.updatedAt)}"`,
  ].filter(Boolean).join(' ');
  const origin = e.origin ? `\n  <prop type="x-origin">${escapeXml(e.origin)}</prop>` : '';
  return (
    `<tu ${stamp}>${origin}\n` +
    `  <tuv xml:lang="${escapeXml(e.sourceLang)}"><seg>${escapeXml(e.source)}</seg></tuv>\n` +
    `  <tuv xml:lang="${escapeXml(e.targetLang)}"><seg>${markupToTmx(e.target)}</seg></tuv>\n</tu>\n`
  );
}
