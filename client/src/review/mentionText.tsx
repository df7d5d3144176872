/**
 * @mentions. `mentions()` (shared) reads `@name` tokens of letters, digits and `. _ -`, so a
 * member is mentioned by their name with every other character run turned into `_`
 * ("Amina Diallo" → `@Amina_Diallo`). Message bodies are rendered as React text, never HTML.
 */
import type { ReactNode } from 'react';

export function mentionToken(name: string): string {
  return name.trim().replace(/[^\p{L}\p{N}._-]+/gu, '_');
}

export function mentionsMe(body: string, me: string): boolean {
  const mine = mentionToken(me).toLowerCase();
  return [...body.matchAll(/(^|\s)@([\p{L}\p{N}._-]+)/gu)].some((m) => m[2].toLowerCase() === mine);
}

/** The body as text nodes, with mentions of members in their own spans. */
export function MessageText({ body, me, members }: { body: string; me: string; members: readonly string[] }) {
  const known = new Set(members.map((m) => mentionToken(m).toLowerCase()));
  const mine = mentionToken(me).toLowerCase();
  const parts: ReactNode[] = [];
  let last = 0;
  for (const match of body.matchAll(/(^|\s)@([\p{L}\p{N}._-]+)/gu)) {
    const start = (match.index ?? 0) + match[1].length;
    const token = match[2].toLowerCase();
    if (!known.has(token) && token !== mine) continue;
    if (start > last) parts.push(body.slice(last, start));
    const end = start + 1 + match[2].length;
    parts.push(
      <span key={start} className={`mention${token === mine ? ' is-me' : ''}`}>
        {body.slice(start, end)}
      </span>,
    );
    last = end;
  }
  if (last < body.length) parts.push(body.slice(last));
  return <span className="message-text">{parts}</span>;
}
