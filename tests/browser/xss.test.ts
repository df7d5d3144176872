/**
 * XSS payloads written straight into the Yjs documents by a y-websocket client from Node —
 * bypassing every check a well-behaved editor would make — stay inert: the report page (editor,
 * masthead, review margin) and the translation grid run none of them (no `window.__xss`, no
 * dialog), put no event-handler attribute, `javascript:` URL or injected element in the DOM,
 * and show the text literally. The HTML export carries none of them either.
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import * as Y from 'yjs';
import { api, createReport, signUp } from '../helpers/server';
import { connectClient, waitFor, waitSynced, type TestClient } from '../helpers/yclient';
import { BODY_FRAGMENT, META_MAP, blocksToYNodes, writeBlock } from '../../shared/src/model/yBody';
import { segmentsMap } from '../../shared/src/model/translation';
import { anchorInText, createThread, threadsMap } from '../../shared/src/review/threads';
import { newPage, SAMPLE_EN, screenshot, signInThroughForm, waitForText } from './harness';
import { browserSuite } from './suite';

const IMG_TEXT = '<img src=x onerror="window.__xss=1">';
const SCRIPT_TITLE = '<script>window.__xss=5</script>Hostile title';
const IMG_SYMBOL = '<img src=x onerror=window.__xss=6>';
const COMMENT = '<img src=x onerror=window.__xss=7> read this';
const PROPOSED = '<svg onload=window.__xss=9>';
const SEGMENT = '<iframe src="javascript:window.__xss=10"></iframe> traduction';

/** What the DOM must never hold, wherever the payloads come from. */
async function domViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    for (const el of document.querySelectorAll('*')) {
      for (const attr of el.attributes) {
        if (/^on/i.test(attr.name)) found.push(`${el.tagName} ${attr.name}="${attr.value}"`);
        if (/^\s*javascript:/i.test(attr.value) && /^(href|src|action|formaction|xlink:href)$/i.test(attr.name)) found.push(`${el.tagName} ${attr.name}="${attr.value}"`);
      }
    }
    for (const el of document.body.querySelectorAll('script, iframe, object, embed, svg[onload], img[src="x"]')) found.push(`element ${el.tagName}`);
    return found;
  });
}

describe('XSS payloads forged into the Yjs documents', () => {
  const suite = browserSuite();
  const clients: TestClient[] = [];
  afterAll(() => {
    for (const c of clients) c.destroy();
  });

  it('are inert in the editor, masthead, review margin, translation grid and HTML export', async () => {
    const { server, browser, log } = suite;
    const owner = await signUp(server.url, 'Mallory Owner');
    const report = await createReport(server.url, owner.token, { title: '', text: readFileSync(SAMPLE_EN, 'utf8'), languages: ['fr'] });
    const open = (suffix: string) => {
      const c = connectClient(server.wsUrl, `${report.id}.${suffix}`, owner.token);
      clients.push(c);
      return c;
    };
    const en = open('en');
    const fr = open('fr');
    const review = open('review');
    await Promise.all([en, fr, review].map((c) => waitSynced(c)));

    // ---- Forged content: well-formed nodes with hostile text and marks, and raw elements
    // with event-handler attributes and node types the schema does not know. ----
    const body = en.doc.getXmlFragment(BODY_FRAGMENT);
    const isNumbered = (n: unknown): n is Y.XmlElement => n instanceof Y.XmlElement && n.nodeName === 'paragraph' && String(n.getAttribute('numbered')) === 'true';
    const firstPid = String(body.toArray().find(isNumbered)!.getAttribute('pid'));
    en.doc.transact(() => {
      const nodes = blocksToYNodes([
        { type: 'paragraph', attrs: { pid: 'xss-text', numbered: true }, content: [{ type: 'text', text: IMG_TEXT }] },
        {
          type: 'paragraph',
          attrs: { pid: 'xss-link', numbered: true },
          content: [
            { type: 'text', text: 'Press ' },
            { type: 'text', text: 'click me', marks: [{ type: 'link', attrs: { href: 'javascript:window.__xss=2' } }] },
            { type: 'text', text: ' or ' },
            { type: 'text', text: 'this', marks: [{ type: 'link', attrs: { href: ' JaVaScRiPt:window.__xss=11', onclick: 'window.__xss=12' } }] },
          ],
        },
      ]);
      const raw = new Y.XmlElement('paragraph');
      raw.setAttribute('pid', 'xss-raw" onmouseover="window.__xss=4');
      raw.setAttribute('numbered', 'true');
      raw.setAttribute('onclick', 'window.__xss=3');
      raw.setAttribute('onerror', 'window.__xss=3');
      raw.setAttribute('style', 'background:url(javascript:window.__xss=3)');
      const rawText = new Y.XmlText();
      rawText.insert(0, 'Raw paragraph with handlers.');
      raw.insert(0, [rawText]);
      const img = new Y.XmlElement('img');
      img.setAttribute('src', 'x');
      img.setAttribute('onerror', 'window.__xss=13');
      const script = new Y.XmlElement('script');
      const scriptText = new Y.XmlText();
      scriptText.insert(0, 'window.__xss=14');
      script.insert(0, [scriptText]);
      body.insert(0, [...nodes, raw, img, script]);
      const meta = en.doc.getMap(META_MAP);
      meta.set('title', SCRIPT_TITLE);
      meta.set('symbol', IMG_SYMBOL);
      meta.set('agendaItem', '<a href="javascript:window.__xss=15">agenda</a>');
    });
    fr.doc.transact(() => {
      const fragment = new Y.XmlFragment();
      segmentsMap(fr.doc).set(firstPid, fragment);
      writeBlock(fragment, { type: 'paragraph', attrs: { pid: firstPid, numbered: true }, content: [{ type: 'text', text: SEGMENT }] });
    });

    // Review threads: hostile message, quote, proposal and author; a hostile id; and entries
    // that are not threads at all, which must cost nothing but themselves.
    const forged = (body.get(0) as Y.XmlElement).get(0) as Y.XmlText;
    const commentId = createThread(review.doc, { room: 'en', pid: 'xss-text', anchor: anchorInText(forged, 0, 4), quote: '<script>window.__xss=8</script>', kind: 'comment', author: '<b onmouseover=window.__xss=16>Mallory</b>', body: COMMENT });
    createThread(review.doc, { room: 'en', pid: 'xss-text', anchor: anchorInText(forged, 5, 12), quote: 'src=x o', kind: 'suggestion', proposed: PROPOSED, author: 'Mallory Owner', body: '' });
    review.doc.transact(() => {
      const evil = new Y.Map<unknown>();
      for (const [k, v] of Object.entries({ room: 'en', pid: 'xss-text', quote: 'q', kind: 'comment', status: 'open', createdBy: 'x', createdAt: 1 })) evil.set(k, v);
      evil.set('anchor', anchorInText(forged, 0, 3));
      evil.set('messages', new Y.Array());
      threadsMap(review.doc).set('t"><img src=x onerror=window.__xss=17>', evil);
      (threadsMap(review.doc) as Y.Map<unknown>).set('not-a-thread', '<img src=x onerror=window.__xss=18>');
      const broken = new Y.Map<unknown>();
      broken.set('room', 'en');
      broken.set('anchor', 'garbage');
      broken.set('messages', 'also garbage');
      threadsMap(review.doc).set('broken', broken);
    });
    await waitFor(() => review.provider.synced && en.provider.synced && fr.provider.synced, 5000, 'forged updates sent');

    // ---- The report page. ----
    const { page } = await newPage(browser, log, 'owner');
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await signInThroughForm(page, server.url, owner.name, owner.password);
    await page.goto(`${server.url}/reports/${report.id}`);
    await page.waitForSelector('.ProseMirror [data-pid="xss-text"]');
    await page.waitForSelector('.connection-badge[data-state="online"]');
    await page.waitForSelector(`.review-card[data-thread="${commentId}"]`);
    // Give handlers a chance to fire: hover and click everything hostile.
    await page.hover('.ProseMirror [data-pid="xss-text"]');
    await page.locator('.ProseMirror a', { hasText: 'click me' }).click();
    await page.locator(`.review-card[data-thread="${commentId}"]`).click();
    await page.locator('.review-card.kind-suggestion').hover();

    // The paragraph's own text, without the suggestion's widget.
    const text = await page.locator('.ProseMirror [data-pid="xss-text"]').evaluate((el) => {
      const clone = el.cloneNode(true) as HTMLElement;
      clone.querySelectorAll('.review-suggest-new').forEach((w) => w.remove());
      return clone.textContent;
    });
    expect(text).toBe(IMG_TEXT);
    expect(await page.inputValue('[data-meta="symbol"]')).toBe(IMG_SYMBOL);
    expect(await page.inputValue('[data-meta="title"]')).toBe(SCRIPT_TITLE);
    await waitForText(page, `.review-card[data-thread="${commentId}"] .review-body`, COMMENT);
    expect(await page.locator(`.review-card[data-thread="${commentId}"] .review-card-who strong`).textContent()).toBe('<b onmouseover=window.__xss=16>Mallory</b>');
    expect(await page.locator(`.review-card[data-thread="${commentId}"] .review-quote`).textContent()).toBe('“<script>window.__xss=8</script>”');
    expect(await page.locator('.ProseMirror .review-suggest-new').textContent()).toBe(PROPOSED);
    expect(await page.locator('.ProseMirror a', { hasText: 'click me' }).getAttribute('href')).not.toMatch(/javascript/i);
    await screenshot(page, 'xss-report');

    expect(await domViolations(page)).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();

    // ---- The translation grid. ----
    await page.goto(`${server.url}/reports/${report.id}/translate/fr`);
    await page.waitForSelector('.trow[data-pid]');
    await waitForText(page, '.trow', 'traduction');
    await screenshot(page, 'xss-grid');
    expect(await domViolations(page)).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
    expect(dialogs).toEqual([]);

    // ---- The HTML exports: no tag or attribute from the payloads, only their escaped text;
    // and loaded in the browser, they run nothing. ----
    for (const lang of ['en', 'fr']) {
      const res = await api<string>(server.url, 'GET', `/api/reports/${report.id}/export?lang=${lang}&format=html`, undefined, owner.token);
      expect(res.status).toBe(200);
      const html = res.body;
      expect(html).not.toMatch(/<script/i);
      expect(html).not.toMatch(/<(img|svg|iframe)\b/i);
      // Inside tags: no event handler, no javascript: URL. (In text, `&lt;img … onerror=` is inert.)
      expect(html).not.toMatch(/<[^>]*\son\w+\s*=/i);
      expect(html).not.toMatch(/<[^>]*javascript:/i);
      if (lang === 'en') {
        expect(html).toContain('&lt;img src=x onerror=&quot;window.__xss=1&quot;&gt;');
        expect(html).toContain('&lt;script&gt;window.__xss=5&lt;/script&gt;Hostile title');
        expect(html).toContain('Press click me or this');
      }
      await page.setContent(html);
      expect(await domViolations(page)).toEqual([]);
      expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
    }
    expect(dialogs).toEqual([]);

    // Console errors other than the browser refusing the forged nodes would be a bug too.
    expect(log.errors).toEqual([]);
  }, 90_000);
});
