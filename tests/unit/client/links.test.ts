/** Links keep to safe protocols: http, https and mailto; everything else is refused. */
import { describe, expect, it } from 'vitest';
import { isSafeHref } from '../../../client/src/editor/schema/link';
import { schema } from './fixtures';

describe('isSafeHref', () => {
  it.each(['https://www.unodc.org/', 'http://example.org/a?b=c#d', 'mailto:secretariat@un.org', 'HTTPS://UN.ORG'])('allows %s', (href) => {
    expect(isSafeHref(href)).toBe(true);
  });

  it.each(['javascript:alert(1)', 'java\tscript:alert(1)', ' javascript:alert(1)', 'data:text/html,<b>x</b>', 'vbscript:msgbox', 'file:///etc/passwd', '//evil.example', '/relative', '', 'ftp://x.org'])(
    'refuses %j',
    (href) => {
      expect(isSafeHref(href)).toBe(false);
    },
  );

  it('refuses non-strings', () => {
    expect(isSafeHref(null)).toBe(false);
    expect(isSafeHref(42)).toBe(false);
  });

  it('does not parse unsafe links from pasted HTML', () => {
    const rule = schema.marks.link.spec.parseDOM?.[0] as { getAttrs?: (dom: HTMLElement) => unknown } | undefined;
    const fakeAnchor = (href: string) => ({ getAttribute: (name: string) => (name === 'href' ? href : null) }) as unknown as HTMLElement;
    expect(rule?.getAttrs?.(fakeAnchor('javascript:alert(1)'))).toBe(false);
    expect(rule?.getAttrs?.(fakeAnchor('https://un.org'))).not.toBe(false);
  });
});
