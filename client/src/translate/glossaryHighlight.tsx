/**
 * Glossary terms found in source text, wrapped in `<mark class="term">` with the agreed
 * translation as the tooltip. Matching follows the QA rule (qa.ts `containsTerm`):
 * case-insensitive, from the start of a word, plain substring for scripts without spaces.
 */
import type { ReactNode } from 'react';
import type { GlossaryTerm } from '../../../shared/src/translation/qa';

const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/u;
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export interface TermHighlighter {
  highlight(text: string): ReactNode;
  /** Terms whose source appears in `text`. */
  termsIn(text: string): GlossaryTerm[];
}

export function termHighlighter(terms: readonly GlossaryTerm[]): TermHighlighter | null {
  const bySource = new Map<string, GlossaryTerm[]>();
  for (const term of terms) {
    const key = term.source.normalize('NFC').replace(/\s+/gu, ' ').trim().toLowerCase();
    if (!key) continue;
    bySource.set(key, [...(bySource.get(key) ?? []), term]);
  }
  if (bySource.size === 0) return null;
  const alternatives = [...bySource.keys()]
    .sort((a, b) => b.length - a.length)
    .map((key) => {
      const body = key.split(' ').map(escapeRegExp).join('\\s+');
      return UNSPACED.test(key) ? body : `(?<![\\p{L}\\p{N}])${body}`;
    });
  const pattern = new RegExp(alternatives.join('|'), 'giu');
  const lookup = (match: string) => bySource.get(match.replace(/\s+/gu, ' ').toLowerCase()) ?? [];

  return {
    highlight(text) {
      const parts: ReactNode[] = [];
      let last = 0;
      for (const m of text.matchAll(pattern)) {
        const at = m.index ?? 0;
        if (at > last) parts.push(text.slice(last, at));
        const found = lookup(m[0]);
        parts.push(
          <mark key={at} className="term" title={found.map((t) => `${t.source} → ${t.target}`).join('\n')}>
            {m[0]}
          </mark>,
        );
        last = at + m[0].length;
      }
      if (last === 0) return text;
      if (last < text.length) parts.push(text.slice(last));
      return parts;
    },
    termsIn(text) {
      const out: GlossaryTerm[] = [];
      for (const m of text.matchAll(pattern)) for (const t of lookup(m[0])) if (!out.includes(t)) out.push(t);
      return out;
    },
  };
}
