/**
 * Inline formatting across the asset boundaries: TMX codes → markup (inline.ts) and back
 * (write.ts), markup ↔ the HTML machine-translation engines keep (mt/html.ts), and the
 * memory's markup fast path (segmentMarkup.ts).
 */
import { describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import { markOf } from '../../../server/src/tm/tmx/inline';
import { readTmx, type TmxUnit } from '../../../server/src/tm/tmx/read';
import { markupToTmx } from '../../../server/src/tm/tmx/write';
import { htmlToMarkup, markupToHtml } from '../../../server/src/mt/html';
import { inlineToMarkup, markupText } from '../../../shared/src/translation/segmentMarkup';
import { parseModes } from '../../../server/src/mt/apertium';

async function firstTarget(seg: string): Promise<string> {
  const units: TmxUnit[] = [];
  const tmx = `<tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en"><seg>x</seg></tuv><tuv xml:lang="fr"><seg>${seg}</seg></tuv></tu></body></tmx>`;
  await readTmx(Readable.from([tmx]), (u) => units.push(u), () => {});
  return inlineToMarkup(units[0].variants[1].content);
}

describe('TMX inline markup', () => {
  it('tells formatting from its type or its native code', () => {
    expect(markOf('bold', '')).toBe('bold');
    expect(markOf(undefined, '<strong class="x">')).toBe('bold');
    expect(markOf(undefined, '{\\i ')).toBe('italic');
    expect(markOf('x-superscript', '')).toBe('superscript');
    expect(markOf(undefined, '<w:vertAlign w:val="superscript"/>')).toBe('superscript');
    expect(markOf('link', '<a href="x">')).toBeNull();
    expect(markOf(undefined, '<span style="color:red">')).toBeNull();
  });

  it('maps bpt/ept, hi and it; drops ph, ut and unknown codes without leaking them', async () => {
    expect(await firstTarget('le 1<bpt i="1">&lt;sup&gt;</bpt>er<ept i="1">&lt;/sup&gt;</ept> juin')).toBe('le 1^{er} juin');
    expect(await firstTarget('<hi type="bold">très <hi type="italic">important</hi></hi>')).toBe('**très _important_**');
    expect(await firstTarget('a<ph>&lt;img src=x onerror=alert(1)&gt;</ph>b<ut>&lt;x/&gt;</ut>c')).toBe('abc');
    expect(await firstTarget('<bpt i="1">&lt;a href="#"&gt;</bpt>lien<ept i="1">&lt;/a&gt;</ept>')).toBe('lien');
    expect(await firstTarget('<it pos="begin" type="italic">&lt;i&gt;</it>suite')).toBe('_suite_');
    expect(await firstTarget('  spaced \n  out  ')).toBe('spaced out');
    expect(await firstTarget('a_b *c* ^{d}')).toBe('a\\_b \\*c\\* \\^\\{d\\}');
  });

  it('writes markup as bpt/ept pairs that read back the same', async () => {
    for (const markup of ['La **1^{re}** session', '_a **b** c_', 'H_{2}O et 1^{er}', 'plain & <tags>']) {
      expect(await firstTarget(markupToTmx(markup))).toBe(markup);
    }
    expect(markupToTmx('1^{er}')).toBe('1<bpt i="1" type="x-superscript">&lt;sup&gt;</bpt>er<ept i="1">&lt;/sup&gt;</ept>');
  });
});

describe('markup and MT HTML', () => {
  it('round-trips formatting and escapes text', () => {
    expect(markupToHtml('the 1^{st} **meeting** & <b>')).toBe('the 1<sup>st</sup> <b>meeting</b> &amp; &lt;b&gt;');
    expect(htmlToMarkup('la 1<sup>re</sup> <b>réunion</b> &amp; &lt;b&gt;')).toBe('la 1^{re} **réunion** & <b>');
  });

  it('keeps the words of an answer that is not well-formed, and never its tags', () => {
    expect(htmlToMarkup('la <b>réunion &nbsp;<i>de')).toBe('la réunion \u00a0de');
    expect(htmlToMarkup('<script>x</script>ok')).toBe('xok');
  });
});

describe('memory markup', () => {
  it('leaves unformatted text as it is and escapes what would read as markup', () => {
    expect(inlineToMarkup([{ type: 'text', text: 'plain text' }])).toBe('plain text');
    expect(inlineToMarkup([{ type: 'text', text: 'a_b' }])).toBe('a_b');
    expect(markupText('La **1^{re}** session')).toBe('La 1re session');
    expect(inlineToMarkup([{ type: 'text', text: '1' }, { type: 'text', text: 'er', marks: [{ type: 'superscript' }] }])).toBe('1^{er}');
  });
});

describe('Apertium modes', () => {
  it('maps ISO 639-3 pairs and leaves variants out', () => {
    const modes = parseModes('  eco-es-fr\n  eng-spa\n  es-fr\n  fr-es\n  spa-eng\n  spa-eng_US\n');
    expect([...modes.keys()]).toEqual(['en-es', 'es-fr', 'fr-es', 'es-en']);
    expect(modes.get('en-es')?.mode).toBe('eng-spa');
  });
});
