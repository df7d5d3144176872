/** The HTTP request schemas of shared/src/api (docs/PROTOCOL.md §10): what they accept, what they refuse and say. */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  CreateReportRequest, CreateVersionRequest, GlossaryQuery, LoginRequest, NewGlossaryEntryRequest, PutMemberRequest,
  RestoreRequest, SignupRequest, TmQuery,
} from '../../../shared/src/api';

/** The first issue's path and message, as the error handler turns it into a 400. */
function refusal(schema: z.ZodType, input: unknown): string {
  const result = schema.safeParse(input);
  if (result.success) throw new Error(`accepted ${JSON.stringify(input)}`);
  const first = result.error.issues[0];
  return `${first.path.join('.')}: ${first.message}`;
}

describe('[R17] request schemas', () => {
  it('sign-up trims the name and needs an 8-character password; login is looser', () => {
    expect(SignupRequest.parse({ name: '  Ada ', password: '12345678' })).toEqual({ name: 'Ada', password: '12345678' });
    expect(refusal(SignupRequest, { name: 'Ada', password: 'short' })).toMatch(/^password: .*8 characters/);
    expect(refusal(SignupRequest, { name: 'a<b>', password: '12345678' })).toMatch(/^name: name may contain/);
    expect(refusal(SignupRequest, { name: '   ', password: '12345678' })).toMatch(/^name: name is required/);
    expect(LoginRequest.parse({ name: 'x', password: 'y' })).toEqual({ name: 'x', password: 'y' });
  });

  it('a new report gets its defaults and refuses a bad language by field', () => {
    expect(CreateReportRequest.parse({ originalLanguage: 'en' })).toEqual({ title: '', originalLanguage: 'en', languages: [], format: 'txt' });
    expect(refusal(CreateReportRequest, { originalLanguage: 'EN' })).toMatch(/^originalLanguage: a BCP 47/);
    expect(refusal(CreateReportRequest, { originalLanguage: 'en', languages: ['fr', 'french'] })).toMatch(/^languages\.1: a BCP 47/);
    expect(refusal(CreateReportRequest, { originalLanguage: 'en', format: 'pdf' })).toMatch(/^format: /);
  });

  it('a member change names a role of the contract, or none', () => {
    expect(PutMemberRequest.parse({ name: 'Bo', role: 'none' })).toEqual({ name: 'Bo', role: 'none' });
    expect(refusal(PutMemberRequest, { name: 'Bo', role: 'admin' })).toMatch(/^role: /);
    expect(refusal(PutMemberRequest, { name: 'Bo', role: 'translator', language: 'x' })).toMatch(/^language: a BCP 47/);
  });

  it('versions: a label is required; restore takes an optional language', () => {
    expect(refusal(CreateVersionRequest, { label: '  ' })).toMatch(/^label: label is required/);
    expect(RestoreRequest.parse(undefined)).toEqual({});
    expect(RestoreRequest.parse({ lang: 'fr' })).toEqual({ lang: 'fr' });
  });

  it('translation memory and glossary: pairs must differ, limits are coerced and bounded', () => {
    expect(TmQuery.parse({ q: ' x ', from: 'en', to: 'fr', limit: '3' })).toEqual({ q: 'x', from: 'en', to: 'fr', mode: 'fuzzy', limit: 3 });
    expect(refusal(TmQuery, { q: 'x', from: 'en', to: 'fr', limit: '99' })).toMatch(/^limit: /);
    expect(refusal(TmQuery, { q: '', from: 'en', to: 'fr' })).toMatch(/^q: q is the text/);
    expect(refusal(GlossaryQuery, { from: 'en', to: 'en' })).toBe('to: from and to must differ');
    expect(refusal(NewGlossaryEntryRequest, { from: 'en', to: 'fr', source: 'x', target: ' ' })).toBe('target: target must not be empty');
    expect(NewGlossaryEntryRequest.parse({ from: 'en', to: 'fr', source: 'State party', target: 'État partie' }).note).toBe('');
  });
});
