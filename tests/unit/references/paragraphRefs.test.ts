/**
 * Live paragraph references across three language rooms: the original (en) and two
 * translations (fr, es) whose segments refer to paragraphs by pid. After inserts, deletes and
 * moves in the original, every reference in every room reads the new number; a reference to a
 * deleted paragraph is flagged by QA; the editor's numbering agrees with the shared model; the
 * node survives Yjs in both encoders (ours and y-tiptap's).
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { prosemirrorJSONToYXmlFragment, yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap';
import { getSchema } from '@tiptap/core';
import { BODY_FRAGMENT, blocksToYNodes, readBlock, readBody, writeBlock, writeBody } from '../../../shared/src/model/yBody';
import { segmentsMap } from '../../../shared/src/model/translation';
import type { PMBlock, PMDoc, PMInline, PMParagraph } from '../../../shared/src/model/schema';
import { DELETED_REFERENCE, paragraphLabels, referenceTargets, resolveBlock, resolveDoc } from '../../../shared/src/references/paragraphRefs';
import { findParagraphMentions, relinkReferences } from '../../../shared/src/references/relink';
import { inlineText } from '../../../shared/src/model/blocks';
import { checkRow } from '../../../shared/src/translation/qa';
import { reportSchemaExtensions } from '../../../client/src/editor/schema';
import { documentLabels } from '../../../client/src/editor/plugins/paragraphRefLabels';

const schema = getSchema(reportSchemaExtensions());
const ref = (target: string): PMInline => ({ type: 'paragraphRef', attrs: { target } });
const text = (t: string): PMInline => ({ type: 'text', text: t });
const para = (pid: string, content: PMInline[], numbered = true): PMParagraph => ({ type: 'paragraph', attrs: { pid, numbered }, content });

function originalDoc(): PMDoc {
  return {
    type: 'doc',
    content: [
      { type: 'heading', attrs: { pid: 'h', level: 1 }, content: [text('I. Introduction')] },
      para('p1', [text('The Working Group met.')]),
      para('p2', [text('It adopted the agenda.')]),
      para('p3', [text('As stated in paragraph '), ref('p1'), text(' above and paragraph '), ref('p2'), text('.')]),
      para('p4', [text('See paragraph '), ref('p3'), text('.')]),
    ],
  };
}

const SEGMENTS: Record<string, Record<string, PMInline[]>> = {
  fr: { p3: [text('Comme indiqué aux paragraphes '), ref('p1'), text(' et '), ref('p2'), text(' ci-dessus.')], p4: [text('Voir le paragraphe '), ref('p3'), text('.')] },
  es: { p3: [text('Como se indica en los párrafos '), ref('p1'), text(' y '), ref('p2'), text('.')], p4: [text('Véase el párrafo '), ref('p3'), text('.')] },
};

function languageRoom(lang: string): Y.Doc {
  const doc = new Y.Doc();
  doc.transact(() => {
    for (const [pid, content] of Object.entries(SEGMENTS[lang])) {
      const fragment = new Y.XmlFragment();
      segmentsMap(doc).set(pid, fragment);
      writeBlock(fragment, para(pid, content));
    }
  });
  return doc;
}

/** What every reference reads as in one room, row by row. */
function rendered(original: Y.Doc, room: Y.Doc | null): Record<string, string> {
  const body = readBody(original.getXmlFragment(BODY_FRAGMENT));
  const labels = paragraphLabels(body);
  const out: Record<string, string> = {};
  if (!room) {
    for (const block of resolveDoc(body, labels).content) if (block.type === 'paragraph') out[block.attrs.pid] = inlineText(block.content);
    return out;
  }
  for (const [pid, fragment] of segmentsMap(room).entries()) {
    const block = readBlock(fragment) as PMBlock;
    out[pid] = inlineText((resolveBlock(block, labels) as PMParagraph).content);
  }
  return out;
}

function bodyIndexOf(fragment: Y.XmlFragment, pid: string): number {
  return fragment.toArray().findIndex((n) => n instanceof Y.XmlElement && n.getAttribute('pid') === pid);
}

describe('paragraph references across three language rooms', () => {
  it('follow inserts, deletes and moves in the original, in every room', () => {
    const en = new Y.Doc();
    writeBody(en.getXmlFragment(BODY_FRAGMENT), originalDoc());
    const fr = languageRoom('fr');
    const es = languageRoom('es');
    expect(rendered(en, null).p3).toBe('As stated in paragraph 1 above and paragraph 2.');
    expect(rendered(en, fr).p3).toBe('Comme indiqué aux paragraphes 1 et 2 ci-dessus.');
    expect(rendered(en, es).p4).toBe('Véase el párrafo 3.');

    // Insert a numbered paragraph above the first one: every number moves by one.
    const body = en.getXmlFragment(BODY_FRAGMENT);
    body.insert(1, blocksToYNodes([para('p0', [text('A new first paragraph.')])]));
    expect(rendered(en, null).p3).toBe('As stated in paragraph 2 above and paragraph 3.');
    expect(rendered(en, fr)).toEqual({ p3: 'Comme indiqué aux paragraphes 2 et 3 ci-dessus.', p4: 'Voir le paragraphe 4.' });
    expect(rendered(en, es)).toEqual({ p3: 'Como se indica en los párrafos 2 y 3.', p4: 'Véase el párrafo 4.' });

    // Move p2 to the end (delete and re-insert the same pid, as a cut and paste does).
    const p2 = readBody(body).content.find((b) => b.type === 'paragraph' && b.attrs.pid === 'p2')!;
    en.transact(() => {
      body.delete(bodyIndexOf(body, 'p2'), 1);
      body.insert(body.length, blocksToYNodes([p2]));
    });
    expect(rendered(en, fr)).toEqual({ p3: 'Comme indiqué aux paragraphes 2 et 5 ci-dessus.', p4: 'Voir le paragraphe 3.' });
    expect(rendered(en, es).p3).toBe('Como se indica en los párrafos 2 y 5.');

    // Delete p1: references to it read as deleted, the others renumber.
    body.delete(bodyIndexOf(body, 'p1'), 1);
    expect(rendered(en, fr)).toEqual({ p3: `Comme indiqué aux paragraphes ${DELETED_REFERENCE} et 4 ci-dessus.`, p4: 'Voir le paragraphe 2.' });
    expect(rendered(en, null).p3).toBe(`As stated in paragraph ${DELETED_REFERENCE} above and paragraph 4.`);
  });

  it('the editor numbers references as the shared model does', () => {
    const doc = originalDoc();
    const node = schema.nodeFromJSON(doc);
    expect(node.check()).toBeUndefined();
    expect([...documentLabels(node)]).toEqual([...paragraphLabels(doc)]);
  });

  it('survives both Yjs encoders unchanged', () => {
    const ours = new Y.Doc();
    writeBody(ours.getXmlFragment(BODY_FRAGMENT), originalDoc());
    const json = yXmlFragmentToProsemirrorJSON(ours.getXmlFragment(BODY_FRAGMENT)) as PMDoc;
    expect(referenceTargets((json.content[3] as PMParagraph).content)).toEqual(['p1', 'p2']);
    const theirs = new Y.Doc();
    prosemirrorJSONToYXmlFragment(schema, originalDoc(), theirs.getXmlFragment(BODY_FRAGMENT));
    expect(readBody(theirs.getXmlFragment(BODY_FRAGMENT))).toEqual(originalDoc());
  });
});

describe('QA of references', () => {
  const labels = new Map([['p1', '1'], ['p2', '2']]);
  const row = (sourceRefs: string[], targetRefs: string[]) =>
    checkRow({ source: 'As stated in paragraph above', target: 'Comme indiqué au paragraphe ci-dessus', sourceLang: 'en', targetLang: 'fr', sourceParagraphRefs: sourceRefs, targetParagraphRefs: targetRefs, paragraphLabels: labels }).map((i) => i.code);

  it('flags a translation whose references differ and a reference to a deleted paragraph', () => {
    expect(row(['p1', 'p2'], ['p2', 'p1'])).toEqual([]);
    expect(row(['p1', 'p2'], ['p1'])).toEqual(['reference_mismatch']);
    expect(row(['p1'], ['p2'])).toEqual(['reference_mismatch']);
    expect(row(['gone'], ['gone'])).toEqual(['reference_deleted']);
  });
});

describe('plain text back into references', () => {
  it('puts the source’s references back into a memory suggestion at their numbers', () => {
    const content = relinkReferences('Comme indiqué aux paragraphes 12 et 14 ci-dessus (2012).', [{ target: 'a', label: '12' }, { target: 'b', label: '14' }]);
    expect(referenceTargets(content)).toEqual(['a', 'b']);
    expect(inlineText(content)).toBe('Comme indiqué aux paragraphes  et  ci-dessus (2012).');
    // A number that is not there leaves the reference out (QA will say so).
    expect(referenceTargets(relinkReferences('Voir le paragraphe 7.', [{ target: 'a', label: '12' }]))).toEqual([]);
  });

  it('finds "paragraph N" mentions in the UN languages, not article paragraphs', () => {
    const mentions = findParagraphMentions('as stated in paragraph 12 above; see para. 3; au paragraphe 4; en el párrafo 5; in accordance with article 32, paragraph 3, of the Convention and rule 2, paragraph 2, of its rules of procedure; paragraph 2 of the resolution');
    expect(mentions.map((m) => m.number)).toEqual([12, 3, 4, 5]);
  });
});

describe('linking mentions on import', () => {
  it('finds nothing to link in the sample (its mentions are of the Convention and the rules)', async () => {
    const { readFileSync } = await import('node:fs');
    const { parsePlainText } = await import('../../../shared/src/format/plainText');
    const { mentionCandidates } = await import('../../../shared/src/references/relink');
    const sample = readFileSync(new URL('../../../server/samples/ctoc-cop-2012-wg-report.en.txt', import.meta.url), 'utf8');
    expect(mentionCandidates(parsePlainText(sample).body)).toEqual([]);
  });

  it('lists mentions of existing paragraphs and links only the accepted ones', async () => {
    const { mentionCandidates, linkMentions } = await import('../../../shared/src/references/relink');
    const doc: PMDoc = {
      type: 'doc',
      content: [
        para('a', [text('First.')]),
        para('b', [text('Second.')]),
        para('c', [text('As stated in paragraph 1 above and in paragraph 2; paragraph 9 does not exist.')]),
      ],
    };
    const candidates = mentionCandidates(doc);
    expect(candidates.map((c) => [c.mention.number, c.target])).toEqual([[1, 'a'], [2, 'b']]);
    const linked = linkMentions(doc, [candidates[1]]);
    const content = (linked.content[2] as PMParagraph).content!;
    expect(referenceTargets(content)).toEqual(['b']);
    expect(inlineText(resolveBlock(linked.content[2], paragraphLabels(linked)).type === 'paragraph' ? (resolveBlock(linked.content[2], paragraphLabels(linked)) as PMParagraph).content : [])).toBe(
      'As stated in paragraph 1 above and in paragraph 2; paragraph 9 does not exist.',
    );
  });
});
