/** sourceHash (docs/PROTOCOL.md §1): 16 hex chars of SHA-256 over NFC, white-space-collapsed, trimmed text. */
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { normalizeText, sourceHash } from '../../../shared/src/hash';

describe('sourceHash', () => {
  it('is the first 16 hex chars of SHA-256 of the normalised text', () => {
    const text = 'The Conference also decided';
    expect(sourceHash(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 16));
    expect(sourceHash(text)).toMatch(/^[0-9a-f]{16}$/);
  });

  it('ignores white space runs, ends and Unicode composition, nothing else', () => {
    const composed = 'Conf\u00e9rence  des\tParties\n';
    const decomposed = ' Confe\u0301rence des Parties';
    expect(normalizeText(composed)).toBe('Conférence des Parties');
    expect(sourceHash(composed)).toBe(sourceHash(decomposed));
    expect(sourceHash('Conférence des Parties')).not.toBe(sourceHash('conférence des Parties'));
    expect(sourceHash('5/3')).not.toBe(sourceHash('5/4'));
  });
});
