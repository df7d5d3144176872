/**
 * The body of a plain-text report as blocks: numbered paragraphs (checked to run 1, 2, 3 …),
 * headings, bullet lists and paragraphs, then the footnotes at the end with the references
 * to them bound. Paragraph numbers are checked here and never stored.
 */
import { ImportError } from '../../errors';
import type { PMBlock, PMListItem, PMParagraph } from '../../model/schema';
import { parseInlineMarkup } from '../inlineMarkup';
import { headingNode, paragraphNode } from '../nodes';
import { bindFootnoteRefs, footnoteBlock, footnoteRegionStart } from './footnotes';
import { BULLET_RE, EXPLICIT_HEADING_RE, NUMBERED_RE, headingLevelOf } from './lineShapes';
import { unitBody, type Unit } from './units';

function paragraph(text: string, numbered: boolean): PMParagraph {
  return paragraphNode(parseInlineMarkup(text), numbered);
}

function listItem(text: string): PMListItem {
  return { type: 'listItem', content: [paragraph(text, false)] };
}

export function readBody(units: readonly Unit[]): PMBlock[] {
  const footnotesFrom = footnoteRegionStart(units);
  const blocks: PMBlock[] = [];
  let lastNumber = 0;
  for (let k = 0; k < footnotesFrom; k++) {
    const unit = units[k];
    switch (unit.kind) {
      case 'numbered': {
        const n = Number(NUMBERED_RE.exec(unit.texts[0])![1]);
        if (n !== lastNumber + 1) {
          const message = lastNumber === 0 ? `paragraph number ${n} comes first, expected 1` : `paragraph number ${n} follows ${lastNumber}`;
          throw new ImportError(message, unit.first.no);
        }
        lastNumber = n;
        blocks.push(paragraph(unitBody(unit, NUMBERED_RE), true));
        break;
      }
      case 'heading': {
        const level = EXPLICIT_HEADING_RE.exec(unit.texts[0])![1].length;
        blocks.push(headingNode(parseInlineMarkup(unitBody(unit, EXPLICIT_HEADING_RE)), level));
        break;
      }
      case 'bullet': {
        const last = blocks[blocks.length - 1];
        const item = listItem(unitBody(unit, BULLET_RE));
        if (last?.type === 'bulletList' && units[k - 1]?.kind === 'bullet') last.content.push(item);
        else blocks.push({ type: 'bulletList', content: [item] });
        break;
      }
      case 'star':
      case 'escaped':
        blocks.push(paragraph(unit.texts.join('\n'), false));
        break;
      case 'plain': {
        const text = unit.texts.join('\n');
        const level = unit.texts.length === 1 ? headingLevelOf(text) : 0;
        // A line that reads as a heading starts with a letter, so its content is never empty.
        if (level) blocks.push(headingNode(parseInlineMarkup(text), level));
        else blocks.push(paragraph(text, false));
        break;
      }
    }
  }
  const footnotes = units.slice(footnotesFrom).map(footnoteBlock);
  bindFootnoteRefs(blocks, footnotes);
  return [...blocks, ...footnotes];
}
