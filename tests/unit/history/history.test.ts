import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { PMDoc } from '../../../shared/src/model/schema';
import { listBlocks } from '../../../shared/src/model/blocks';
import { readBody, writeBody } from '../../../shared/src/model/yBody';
import { diffBlocks } from '../../../shared/src/history/blockDiff';
import { restoreBody } from '../../../server/src/history/restore';

const p = (pid: string, text: string, numbered = true) => ({ type: 'paragraph' as const, attrs: { pid, numbered }, content: text ? [{ type: 'text' as const, text }] : undefined });
const doc = (...content: ReturnType<typeof p>[]): PMDoc => ({ type: 'doc', content: content.map((b) => (b.content ? b : { type: b.type, attrs: b.attrs })) as PMDoc['content'] });

describe('diffBlocks', () => {
  it('names added, removed, moved and changed blocks, with word changes', () => {
    const before = listBlocks(doc(p('a', 'Alpha one'), p('b', 'Beta two'), p('c', 'Gamma three'), p('d', 'Delta')));
    const after = listBlocks(doc(p('c', 'Gamma three'), p('a', 'Alpha one'), p('b', 'Beta two and more'), p('e', 'New')));
    const changes = diffBlocks(before, after);
    const byPid = Object.fromEntries(changes.map((c) => [c.pid, c]));
    expect(byPid.e.kind).toBe('added');
    expect(byPid.d.kind).toBe('removed');
    expect(byPid.b.kind).toBe('changed');
    expect(byPid.b.words?.filter((w) => w.type === 'insert').map((w) => w.text.trim())).toEqual(['and more']);
    expect(['a', 'c'].some((pid) => byPid[pid]?.kind === 'moved')).toBe(true);
    expect(changes).toHaveLength(4);
  });

  it('reports nothing for identical versions', () => {
    const blocks = listBlocks(doc(p('a', 'x'), p('b', 'y')));
    expect(diffBlocks(blocks, blocks)).toEqual([]);
  });
});

describe('restoreBody', () => {
  it('restores a version touching only the blocks that differ, and keeps concurrent edits elsewhere', () => {
    const server = new Y.Doc();
    const body = server.getXmlFragment('body');
    writeBody(body, doc(p('a', 'Alpha'), p('b', 'Beta'), p('c', 'Gamma')));
    const version = readBody(body);
    // Later edits: b changed, d added, c removed.
    server.transact(() => writeBody(body, doc(p('a', 'Alpha'), p('b', 'Beta edited'), p('d', 'Delta'))));
    // An offline client holds the state and edits paragraph a meanwhile.
    const offline = new Y.Doc();
    Y.applyUpdate(offline, Y.encodeStateAsUpdate(server));
    const aText = (offline.getXmlFragment('body').get(0) as Y.XmlElement).get(0) as Y.XmlText;
    aText.insert(5, ' (offline)');

    let touched = 0;
    server.transact(() => (touched = restoreBody(body, version)));
    expect(readBody(body)).toEqual(version);
    expect(touched).toBe(3); // b replaced, d removed, c re-inserted; a untouched

    Y.applyUpdate(server, Y.encodeStateAsUpdate(offline));
    Y.applyUpdate(offline, Y.encodeStateAsUpdate(server));
    const texts = listBlocks(readBody(body)).map((b) => b.text);
    expect(texts).toEqual(['Alpha (offline)', 'Beta', 'Gamma']);
    expect(listBlocks(readBody(offline.getXmlFragment('body'))).map((b) => b.text)).toEqual(texts);
  });
});
