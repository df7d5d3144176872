/**
 * Pid upkeep (client/src/editor/pids.ts): the pure rule, paste stripping, and uniqueness when
 * several clients split, merge, paste and fix concurrently. Clients here are Y.Docs edited the
 * way the editor binding edits them: read the body into ProseMirror (y-tiptap's
 * initProseMirrorDoc), apply a ProseMirror transaction plus the pid fix, write back with
 * y-tiptap's updateYFragment; updates are exchanged like a server relay would.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { EditorState, TextSelection } from '@tiptap/pm/state';
import { Fragment, Slice, type Node as PMNode } from '@tiptap/pm/model';
import { initProseMirrorDoc, updateYFragment } from '@tiptap/y-tiptap';
import { BODY_FRAGMENT, readBody, writeBody } from '../../../shared/src/model/yBody';
import { listBlocks } from '../../../shared/src/model/blocks';
import type { PMDoc } from '../../../shared/src/model/schema';
import { findPidFixes, pasteBlocksAbove, pidFixTransaction, stripPids } from '../../../client/src/editor/pids';
import { schema } from './fixtures';
import { mulberry32 } from '../../helpers/mulberry32';

const para = (pid: string | null, text: string, numbered = true) => ({ type: 'paragraph', attrs: { pid, numbered }, content: text ? [{ type: 'text', text }] : [] });
const docOf = (...content: unknown[]) => schema.nodeFromJSON({ type: 'doc', content });
const pidsOf = (doc: PMDoc) => listBlocks(doc).map((b) => b.pid);

/** The seeded tests' PRNG (mulberry32), so failing seeds can be replayed. */
function prng(seed: number) {
  const next = mulberry32(seed);
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)] };
}

function counterPids(prefix: string) {
  let n = 0;
  return () => `${prefix}${++n}`;
}

describe('findPidFixes', () => {
  it('leaves a document with unique pids alone', () => {
    expect(findPidFixes(docOf(para('a', 'x'), para('b', 'y')))).toEqual([]);
  });

  it('gives missing pids a fresh one, and duplicates after the first occurrence', () => {
    const doc = docOf(para('a', 'one'), para(null, 'two'), para('a', 'three'), para('b', 'four'), para('', 'five'));
    const fixes = findPidFixes(doc, counterPids('n'));
    const positions = [] as number[];
    doc.forEach((_node, offset, index) => {
      if ([1, 2, 4].includes(index)) positions.push(offset);
    });
    expect(fixes).toEqual([
      { pos: positions[0], pid: 'n1' },
      { pos: positions[1], pid: 'n2' },
      { pos: positions[2], pid: 'n3' },
    ]);
  });

  it('looks into lists and at headings and footnotes', () => {
    const doc = docOf(
      { type: 'heading', attrs: { pid: 'a', level: 1 }, content: [{ type: 'text', text: 'H' }] },
      { type: 'bulletList', content: [{ type: 'listItem', content: [para('a', 'in list', false)] }] },
      { type: 'footnote', attrs: { pid: 'a', marker: '' }, content: [{ type: 'text', text: 'note' }] },
    );
    expect(findPidFixes(doc, counterPids('n')).map((f) => f.pid)).toEqual(['n1', 'n2']);
  });

  it('never hands out a pid that is already in the document', () => {
    const doc = docOf(para('a', 'x'), para('a', 'y'), para('n1', 'z'));
    expect(findPidFixes(doc, counterPids('n'))).toEqual([{ pos: expect.any(Number), pid: 'n2' }]);
  });

  it('fixes through a transaction that only sets attributes', () => {
    const state = EditorState.create({ schema, doc: docOf(para('a', 'x'), para('a', 'y')) });
    const tr = pidFixTransaction(state, counterPids('n'))!;
    expect(tr.steps.every((s) => s.constructor.name === 'AttrStep')).toBe(true);
    expect(pidsOf(tr.doc.toJSON() as PMDoc)).toEqual(['a', 'n1']);
    expect(pidFixTransaction(state.apply(tr))).toBeNull();
  });
});

describe('stripPids', () => {
  it('removes pids from every pasted block, nested ones included', () => {
    const content = docOf(para('a', 'x'), { type: 'bulletList', content: [{ type: 'listItem', content: [para('b', 'y', false)] }] }).content;
    const stripped = stripPids(new Slice(content, 0, 0));
    const found: unknown[] = [];
    stripped.content.descendants((node) => {
      if ('pid' in node.attrs) found.push(node.attrs.pid);
    });
    expect(found).toEqual([null, null]);
  });

  it('returns the same slice when there is nothing to strip', () => {
    const slice = new Slice(Fragment.from(schema.text('plain')), 0, 0);
    expect(stripPids(slice)).toBe(slice);
  });
});

describe('pasteBlocksAbove', () => {
  const state = (caretOffset: number) => {
    const doc = docOf(para('a', 'alpha'), para('b', 'bravo'));
    const pos = doc.child(0).nodeSize + 1 + caretOffset;
    return EditorState.create({ schema, doc, selection: TextSelection.create(doc, pos) });
  };
  const copied = (open: number) => new Slice(stripPids(new Slice(docOf(para('c', 'copied'), para('d', '')).content, 0, 0)).content, open, open);

  it('puts whole pasted blocks above the block at the caret, which keeps its pid and text', () => {
    const tr = pasteBlocksAbove(state(0), copied(1))!;
    const after = pidFixTransaction(EditorState.create({ schema, doc: tr.doc }), counterPids('n'));
    expect(pidsOf(after!.doc.toJSON() as PMDoc)).toEqual(['a', 'n1', 'b']);
    expect(after!.doc.child(2).textContent).toBe('bravo');
    expect(after!.doc.child(1).textContent).toBe('copied');
  });

  it('leaves inline pastes and pastes inside a block to ProseMirror', () => {
    expect(pasteBlocksAbove(state(2), copied(1))).toBeNull();
    const inline = new Slice(docOf(para(null, 'words')).content, 1, 1);
    expect(pasteBlocksAbove(state(0), inline)).toBeNull();
  });
});

/** One client: a Y.Doc edited through ProseMirror transactions, as the editor binding does. */
class Client {
  readonly doc = new Y.Doc();
  constructor(readonly name: string) {}

  get fragment() {
    return this.doc.getXmlFragment(BODY_FRAGMENT);
  }

  body(): PMDoc {
    return readBody(this.fragment);
  }

  /** Runs a local edit, then the pid fix in the same Yjs transaction (appendTransaction). */
  edit(change: (state: EditorState) => EditorState | null, makePid?: () => string) {
    const { doc, meta } = initProseMirrorDoc(this.fragment, schema);
    const before = EditorState.create({ schema, doc });
    let after = change(before);
    if (!after) return;
    const fix = pidFixTransaction(after, makePid);
    if (fix) after = after.apply(fix);
    this.doc.transact(() => updateYFragment(this.doc, this.fragment, after!.doc, meta));
  }

  /** The deferred fix a client runs after rendering remote changes. */
  fixRemote(makePid?: () => string) {
    this.edit((state) => state, makePid);
  }
}

function exchange(clients: Client[]) {
  for (const from of clients)
    for (const to of clients) if (from !== to) Y.applyUpdate(to.doc, Y.encodeStateAsUpdate(from.doc, Y.encodeStateVector(to.doc)));
}

function expectConverged(clients: Client[]) {
  const bodies = clients.map((c) => JSON.stringify(c.body()));
  for (const b of bodies) expect(b).toBe(bodies[0]);
}

function expectUniquePids(body: PMDoc) {
  const pids = pidsOf(body);
  expect(pids.every((p) => typeof p === 'string' && p.length > 0)).toBe(true);
  expect(new Set(pids).size).toBe(pids.length);
}

function seeded(clients: Client[], body: PMDoc) {
  writeBody(clients[0].fragment, body);
  exchange(clients);
}

/** Text position `offset` characters into the `index`-th top-level block. */
function posIn(doc: PMNode, index: number, offset: number): number {
  let pos = 0;
  for (let i = 0; i < index; i++) pos += doc.child(i).nodeSize;
  return pos + 1 + Math.min(offset, doc.child(index).content.size);
}

describe('pids under concurrent edits', () => {
  const initial = (): PMDoc => ({
    type: 'doc',
    content: [para('a', 'Alpha paragraph text'), para('b', 'Bravo paragraph with more text'), para('c', 'Charlie text')] as PMDoc['content'],
  });

  it('two clients splitting the same paragraph end with unique pids, and b stays on its first half', () => {
    const [one, two] = [new Client('one'), new Client('two')];
    seeded([one, two], initial());
    // A naive split copies the attributes: the new half repeats pid b until the fix.
    one.edit((s) => s.apply(s.tr.split(posIn(s.doc, 1, 5))));
    two.edit((s) => s.apply(s.tr.split(posIn(s.doc, 1, 12))));
    exchange([one, two]);
    expectConverged([one, two]);
    const body = one.body();
    expectUniquePids(body);
    expect(pidsOf(body)[0]).toBe('a');
    expect(pidsOf(body)[1]).toBe('b');
    expect(pidsOf(body)).toContain('c');
  });

  it('a duplicate that reaches both clients is fixed the same way: the first occurrence keeps its pid', () => {
    const [one, two] = [new Client('one'), new Client('two')];
    seeded([one, two], { type: 'doc', content: [para('a', 'first'), para('x', 'second'), para('x', 'third')] as PMDoc['content'] });
    one.fixRemote(counterPids('one-'));
    two.fixRemote(counterPids('two-'));
    exchange([one, two]);
    expectConverged([one, two]);
    const pids = pidsOf(one.body());
    expect(pids[0]).toBe('a');
    // The classic failure is each client renaming a different copy, so that `x` disappears.
    expect(pids[1]).toBe('x');
    expect(['one-1', 'two-1']).toContain(pids[2]);
  });

  it('split on one side, merge and paste on the other, converge with unique pids', () => {
    const [one, two] = [new Client('one'), new Client('two')];
    seeded([one, two], initial());
    one.edit((s) => s.apply(s.tr.split(posIn(s.doc, 0, 3))));
    // Merge b into a (join at the boundary between the first two blocks).
    two.edit((s) => s.apply(s.tr.join(s.doc.child(0).nodeSize)));
    // Paste a copy of c, pid and all, at the end (as if transformPasted had not run).
    two.edit((s) => s.apply(s.tr.insert(s.doc.content.size, s.doc.child(s.doc.childCount - 1))));
    exchange([one, two]);
    one.fixRemote();
    two.fixRemote();
    exchange([one, two]);
    expectConverged([one, two]);
    expectUniquePids(one.body());
  });

  for (const seed of [1, 2, 3, 7, 42, 1234, 9001, 31337]) {
    it(`fuzz: three clients, random splits, merges, pastes and typing (seed ${seed})`, () => {
      const random = prng(seed);
      const clients = [new Client('a'), new Client('b'), new Client('c')];
      seeded(clients, initial());
      for (let round = 0; round < 25; round++) {
        const client = random.pick(clients);
        const op = random.int(4);
        client.edit((s) => {
          const count = s.doc.childCount;
          const index = random.int(count);
          const node = s.doc.child(index);
          switch (op) {
            case 0:
              return s.apply(s.tr.split(posIn(s.doc, index, random.int(node.content.size + 1))));
            case 1: {
              if (index + 1 >= count) return null;
              let boundary = 0;
              for (let i = 0; i <= index; i++) boundary += s.doc.child(i).nodeSize;
              return s.apply(s.tr.join(boundary));
            }
            case 2: {
              let at = 0;
              const target = random.int(count + 1);
              for (let i = 0; i < target; i++) at += s.doc.child(i).nodeSize;
              return s.apply(s.tr.insert(at, node));
            }
            default:
              return s.apply(s.tr.insertText(`w${round} `, posIn(s.doc, index, random.int(node.content.size + 1))));
          }
        });
        if (random.next() < 0.4) exchange(clients);
      }
      exchange(clients);
      // Every client renders the merged state and runs its deferred fix; repeat until quiet.
      for (let pass = 0; pass < 3; pass++) {
        for (const c of clients) c.fixRemote();
        exchange(clients);
      }
      expectConverged(clients);
      expectUniquePids(clients[0].body());
      for (const c of clients) expect(findPidFixes(schema.nodeFromJSON(c.body()))).toEqual([]);
    });
  }
});
