/**
 * Markdown escaping: text that must read back as the same text, and lines that must not start
 * a heading, quote, list, rule or code block. The importer uses it too, to re-read an
 * autolink's text as literal text.
 */

export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>~|]/g, '\\$&').replace(/&(?=#?[A-Za-z0-9]+;)/g, '\\&');
}

/** Keeps a line of text from starting a heading, quote, list, rule or code block. */
export function escapeLineStart(line: string): string {
  const text = line.replace(/^\s+/, '');
  const ordered = /^(\d{1,9})([.)])(?=\s|$)/.exec(text);
  if (ordered) return `${ordered[1]}\\${text.slice(ordered[1].length)}`;
  return /^[#>+\-=|~`]/.test(text) ? `\\${text}` : text;
}

/** Every line of a text kept from starting a block. */
export const escapeLines = (text: string) => text.split('\n').map(escapeLineStart).join('\n');
