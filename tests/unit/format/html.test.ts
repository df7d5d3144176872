/**
 * The print-ready HTML export: UN layout for the samples, and nothing from the content reaches
 * the page unescaped — no script, no unsafe link, no attribute taken raw.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { escapeHtml, isSafeHref, renderReportHtml } from '../../../shared/src/format/html';
import { parsePlainText } from '../../../shared/src/format/plainText';
import type { PMInline, ReportContent } from '../../../shared/src/model/schema';

const sample = (lang: 'en' | 'fr') => parsePlainText(readFileSync(new URL(`../../../server/samples/ctoc-cop-2012-wg-report.${lang}.txt`, import.meta.url), 'utf8'));

describe('renderReportHtml', () => {
  it('renders the English sample as a complete A4 document in UN layout', () => {
    const html = renderReportHtml(sample('en'), { lang: 'en' });
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en" dir="ltr">')).toBe(true);
    expect(html).toContain('@page { size: A4;');
    expect(html).toMatch(/font-family: "Times New Roman".*"Noto Naskh Arabic".*SimSun.*serif/);
    expect(html).toContain('<div class="organ">Conference of the Parties to the United Nations Convention against Transnational Organized Crime</div>');
    expect(html).toContain('<div class="distribution">Distr.: General</div><div class="date">10 July 2012</div><div class="original">Original: English</div>');
    expect(html).toContain('<div class="agenda-item">Item 2 (c) of the provisional agenda*</div>');
    expect(html).toContain('<h1 class="title">Review of the implementation');
    expect(html).toContain('<h2 class="heading">Note by the Secretariat</h2>');
    for (const n of [1, 2, 3]) expect(html).toContain(`<p class="para numbered"><span class="para-number">${n}.</span>`);
    expect(html).toContain('<footer class="footnotes"><hr class="footnote-rule"><p class="footnote" id="fn-1"><span class="fn-marker">*</span>CTOC/COP/2012/1.</p>');
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
  });

  it('keeps the French title lines and superscripts, and escapes the apostrophes', () => {
    const html = renderReportHtml(sample('fr'), { lang: 'fr' });
    expect(html).toContain("Examen de l&#39;application de la Convention des Nations Unies<br>contre la criminalité");
    expect(html).toContain('du 30 mai au 1<sup>er</sup> juin 2012');
    expect(html).toContain('<div class="language">Français</div>');
  });

  it('is right-to-left for Arabic, and takes an explicit direction', () => {
    expect(renderReportHtml(sample('en'), { lang: 'ar' })).toContain('<html lang="ar" dir="rtl">');
    expect(renderReportHtml(sample('en'), { lang: 'en', dir: 'rtl' })).toContain('dir="rtl"');
    expect(renderReportHtml(sample('en'), { lang: 'en"><script>x</script>' })).toContain('<html lang="und" dir="ltr">');
  });

  it('escapes every text and drops unsafe hrefs', () => {
    const link = (href: string, label: string): PMInline => ({ type: 'text', text: label, marks: [{ type: 'link', attrs: { href } }] });
    const content: ReportContent = {
      meta: { organ: '<script>alert("organ")</script>', title: 'A & B <img src=x onerror=alert(1)>', agendaItem: '"quoted" \'item\'' },
      body: {
        type: 'doc',
        content: [
          {
            type: 'paragraph',
            attrs: { pid: '"><script>alert(1)</script>', numbered: true },
            content: [
              { type: 'text', text: '<script>alert(1)</script>' },
              link('javascript:alert(1)', 'js'),
              link(' JaVaScRiPt:alert(1)', 'js2'),
              link('java\tscript:alert(1)', 'js3'),
              link('data:text/html,<script>alert(1)</script>', 'data'),
              link('vbscript:msgbox(1)', 'vb'),
              link('https://example.org/?a=1&b="2"', 'ok'),
              link('mailto:someone@example.org', 'mail'),
              { type: 'footnoteRef', attrs: { target: 'n"><b>' } },
            ],
          },
          { type: 'heading', attrs: { pid: 'h', level: '2"><script>' as unknown as number }, content: [{ type: 'text', text: 'H' }] },
          { type: 'footnote', attrs: { pid: 'n"><b>', marker: '<i>*</i>' }, content: [{ type: 'text', text: 'note </p><script>' }] },
        ],
      },
    };
    const html = renderReportHtml(content, { lang: 'en' });
    const body = html.slice(html.indexOf('<body>'));
    expect(body).not.toMatch(/<script|<img|<i>|javascript:|vbscript:|data:text/i);
    expect(body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(body).toContain('A &amp; B &lt;img src=x onerror=alert(1)&gt;');
    expect(body).toContain('<a href="https://example.org/?a=1&amp;b=&quot;2&quot;" rel="noopener noreferrer">ok</a>');
    expect(body).toContain('<a href="mailto:someone@example.org" rel="noopener noreferrer">mail</a>');
    // Unsafe links keep their text, without the link.
    expect(body).toContain('&lt;/script&gt;jsjs2js3datavb<a href="https://example.org/');
    expect(body).toContain('<h2 class="heading">H</h2>');
    expect(body).toContain('<sup class="fnref"><a href="#fn-1">&lt;i&gt;*&lt;/i&gt;</a></sup>');
    expect(body).not.toContain('n"><b>');
  });
});

describe('escapeHtml and isSafeHref', () => {
  it('escapes the five characters that matter', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  it('accepts only absolute http, https and mailto URLs', () => {
    for (const ok of ['http://example.org', 'https://undocs.org/CTOC/COP/2012/1', 'HTTPS://EXAMPLE.ORG/x', 'mailto:a@b.org', ' https://example.org ']) expect(isSafeHref(ok)).toBe(true);
    for (const bad of ['javascript:alert(1)', 'JavaScript:alert(1)', 'java\nscript:alert(1)', ' javascript:x', 'data:text/html,x', 'vbscript:x', 'file:///etc/passwd', '//evil.example', '/relative', '#top', 'https://', 'http:\\\\evil', 'https://exa mple.org', '', 42, null, undefined]) {
      expect(isSafeHref(bad)).toBe(false);
    }
  });
});
