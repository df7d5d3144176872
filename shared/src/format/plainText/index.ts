/**
 * The plain-text report format of `samples/*.txt`: masthead lines, a `**bold**` title (which
 * may span lines), a subtitle, then the body — `N. text` numbered paragraphs, short unnumbered
 * lines as headings, other lines as paragraphs, `- ` bullet lists, and footnotes (`* text`,
 * or `1 text` when the body has a matching `^{1}`) at the end. Lettered subparagraphs
 * ("(a) …") stay paragraphs with their letter as text, so they come back exactly as written.
 * Inline markup is that of `../inlineMarkup`.
 *
 * Invariants:
 * - serialize(parse(sample)) has the sample's non-empty lines in the same order, and
 *   parse(serialize(parse(x))) equals parse(x) apart from pids;
 * - paragraph numbers are checked on import (1, 2, 3 … without gaps), never stored;
 * - a line starting with `\` is always ordinary text: the serializer uses it to protect a
 *   paragraph that would otherwise read back as a number, heading, list item or footnote.
 */
export { parsePlainText } from './parse';
export { serializePlainText } from './serialize';
