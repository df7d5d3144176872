/**
 * Runs in Chromium (bundled by windowedViewUpdate.test.ts): a bare ProseMirror view of a long
 * document, edited by seeded random transactions under changing decorations. After every
 * transaction the view's DOM must equal that of a view created fresh from the same state, and
 * each top-level DOM node must belong to the document's child at its index — so that the
 * patched update (prosemirror-view's `updateChildrenBetween`, patches/README.md), which syncs
 * only the top-level children between the unchanged ones, draws exactly what a full update would.
 */
import { Schema, type Node } from '@tiptap/pm/model';
import { EditorState, Plugin, PluginKey, TextSelection, type Transaction } from '@tiptap/pm/state';
import { Decoration, DecorationSet, EditorView } from '@tiptap/pm/view';
import { mulberry32 } from '../helpers/mulberry32';

const schema = new Schema({
  nodes: {
    doc: { content: 'block+' },
    paragraph: { group: 'block', content: 'inline*', toDOM: () => ['p', 0] },
    heading: { group: 'block', content: 'inline*', toDOM: () => ['h2', 0] },
    note: { group: 'block', content: 'paragraph+', toDOM: () => ['aside', 0] },
    text: { group: 'inline' },
  },
  marks: { strong: { toDOM: () => ['strong', 0] } },
});

interface DecoMeta {
  add?: Decoration[];
  remove?: boolean;
}
/** Two plugins' decorations, so that the view's decorations are a group of sets. */
function decorationPlugin(name: string) {
  const key = new PluginKey<DecorationSet>(`testDecorations-${name}`);
  return new Plugin<DecorationSet>({
    key,
    state: {
      init: () => DecorationSet.empty,
      apply(tr, set) {
        let next = set.map(tr.mapping, tr.doc);
        const meta = tr.getMeta(key) as DecoMeta | undefined;
        if (meta?.remove) {
          const all = next.find();
          if (all.length) next = next.remove([all[Math.floor(all.length / 2)]]);
        }
        if (meta?.add) next = next.add(tr.doc, meta.add);
        return next;
      },
    },
    props: { decorations: (state) => key.getState(state) },
  });
}
const plugins = [decorationPlugin('a'), decorationPlugin('b')];
const keys = plugins.map((p) => p.spec.key!);

/** Each view draws its own copy of a widget (one element cannot be in two views). */
function widget(label: string) {
  return () => {
    const el = document.createElement('span');
    el.className = 'w';
    el.textContent = label;
    return el;
  };
}

/** Top-level positions: [start of each child..., end]. */
function boundaries(doc: Node): number[] {
  const out: number[] = [];
  doc.forEach((_child, offset) => out.push(offset));
  out.push(doc.content.size);
  return out;
}

/** A position inside some textblock's text. */
function textPos(doc: Node, rand: () => number): number {
  for (;;) {
    const pos = 1 + Math.floor(rand() * (doc.content.size - 1));
    const $pos = doc.resolve(pos);
    if ($pos.parent.isTextblock) return pos;
  }
}

/** A decoration added or removed somewhere in the transaction's document. */
function changeDecorations(tr: Transaction, rand: () => number, step: number) {
  const doc = tr.doc;
  const edges = boundaries(doc);
  const key = keys[Math.floor(rand() * keys.length)];
  const pick = rand();
  let meta: DecoMeta;
  if (pick < 0.3) {
    const i = Math.floor(rand() * (edges.length - 1));
    meta = { add: [Decoration.node(edges[i], edges[i + 1], { class: `n${step}` })] };
  } else if (pick < 0.6) {
    // Inline decorations may span several blocks.
    const from = textPos(doc, rand);
    const to = Math.min(doc.content.size - 1, from + 1 + Math.floor(rand() * (rand() < 0.3 ? 400 : 20)));
    meta = { add: [Decoration.inline(from, to, { class: `i${step}` })] };
  } else if (pick < 0.85) {
    // Widgets between top-level blocks and inside text.
    const at = rand() < 0.5 ? edges[Math.floor(rand() * edges.length)] : textPos(doc, rand);
    meta = { add: [Decoration.widget(at, widget(`w${step}`), { side: rand() < 0.5 ? -1 : 1, key: `w${step}` })] };
  } else {
    meta = { remove: true };
  }
  tr.setMeta(key, meta);
}

function randomStep(state: EditorState, rand: () => number, step: number): Transaction {
  const tr = state.tr;
  const doc = state.doc;
  const pick = rand();
  const edges = boundaries(doc);
  if (pick < 0.4) {
    tr.insertText(rand() < 0.2 ? ' and so on' : String.fromCharCode(97 + (step % 26)), textPos(doc, rand));
  } else if (pick < 0.48) {
    const from = textPos(doc, rand);
    tr.delete(from, Math.min(doc.content.size - 1, from + 1 + Math.floor(rand() * 40)));
  } else if (pick < 0.56) {
    tr.split(textPos(doc, rand));
  } else if (pick < 0.62) {
    const at = edges[1 + Math.floor(rand() * (edges.length - 2))];
    tr.insert(at, schema.nodes.paragraph.create(null, schema.text(`new ${step}`)));
  } else if (pick < 0.66 && doc.childCount > 70) {
    const i = Math.floor(rand() * (edges.length - 2));
    tr.delete(edges[i], edges[i + 1]);
  } else if (pick < 0.7) {
    const pos = textPos(doc, rand);
    const $pos = doc.resolve(pos);
    tr.setBlockType($pos.start(), $pos.start(), $pos.parent.type === schema.nodes.heading ? schema.nodes.paragraph : schema.nodes.heading);
  } else if (pick < 0.73) {
    const from = textPos(doc, rand);
    const $from = doc.resolve(from);
    tr.addMark(from, Math.min($from.end(), from + 5), schema.marks.strong.create());
  } else if (pick < 0.78) {
    // Two edits far apart in one transaction (a remote update, a replace all).
    tr.insertText('x', textPos(doc, rand));
    tr.insertText('y', textPos(tr.doc, rand));
  } else if (pick < 0.93) {
    changeDecorations(tr, rand, step);
  } else {
    tr.setSelection(TextSelection.create(doc, textPos(doc, rand)));
    tr.insertText('z');
  }
  // An edit that also changes decorations elsewhere (a plugin redrawing a marker, a remote caret).
  if (tr.docChanged && rand() < 0.25) changeDecorations(tr, rand, step);
  return tr;
}

/** The DOM's HTML with each class list sorted (overlapping decorations' class order is history). */
function html(dom: HTMLElement): string {
  const copy = dom.cloneNode(true) as HTMLElement;
  for (const el of Array.from(copy.querySelectorAll('[class]'))) el.setAttribute('class', [...el.classList].sort().join(' '));
  return copy.innerHTML;
}

/** Names the first difference between the view's DOM and a fresh view's, or null. */
function difference(view: EditorView, fresh: EditorView): string | null {
  const a = html(view.dom);
  const b = html(fresh.dom);
  if (a !== b) {
    let i = 0;
    while (a[i] === b[i]) i++;
    return `DOM differs at ${i}: updated "…${a.slice(Math.max(0, i - 60), i + 60)}…" vs fresh "…${b.slice(Math.max(0, i - 60), i + 60)}…"`;
  }
  // Every top-level DOM node belongs to the child at its index, and positions read from the
  // view's tree of descriptions are the document's.
  let index = 0;
  let offset = 0;
  for (const el of Array.from(view.dom.childNodes)) {
    const desc = (el as unknown as { pmViewDesc?: { node?: Node } }).pmViewDesc;
    if (!desc?.node) continue;
    const child = view.state.doc.child(index);
    if (!desc.node.eq(child)) return `top-level DOM node ${index} belongs to another node`;
    if (view.posAtDOM(el, 0) !== offset + 1) return `top-level DOM node ${index} starts at ${view.posAtDOM(el, 0)}, not ${offset + 1}`;
    offset += child.nodeSize;
    index++;
  }
  return index === view.state.doc.childCount ? null : `${index} top-level nodes drawn of ${view.state.doc.childCount}`;
}

export function runWindowedUpdate(seed: number, steps: number, blocks: number) {
  const rand = mulberry32(seed);
  const children: Node[] = [];
  for (let i = 0; i < blocks; i++) {
    if (i % 37 === 5) children.push(schema.nodes.note.create(null, [schema.nodes.paragraph.create(null, schema.text(`Note ${i}.`))]));
    else children.push((i % 11 === 0 ? schema.nodes.heading : schema.nodes.paragraph).create(null, schema.text(`Block ${i}: the text of this block.`)));
  }
  const state = EditorState.create({ doc: schema.nodes.doc.create(null, children), plugins });
  const host = document.createElement('div');
  document.body.append(host);
  const view = new EditorView(host, { state, dispatchTransaction: (tr) => view.updateState(view.state.apply(tr)) });
  // The document's view description (internal to prosemirror-view) has the patched method.
  const proto = Object.getPrototypeOf((view as unknown as { docView: object }).docView) as { updateChildrenBetween?: (...args: unknown[]) => boolean };
  const original = proto.updateChildrenBetween;
  if (!original) throw new Error('prosemirror-view is not patched: no updateChildrenBetween');
  let windowed = 0;
  proto.updateChildrenBetween = function (this: unknown, ...args: unknown[]) {
    const taken = original.apply(this, args);
    if (taken) windowed++;
    return taken;
  };
  try {
    for (let step = 0; step < steps; step++) {
      const tr = randomStep(view.state, rand, step);
      // What the failing transaction did, for the assertion's message.
      const transaction = JSON.stringify({ steps: tr.steps.map((s) => s.toJSON()), decorations: keys.map((k) => tr.getMeta(k) ?? null) });
      view.dispatch(tr);
      const fresh = new EditorView(document.createElement('div'), { state: view.state });
      const diff = difference(view, fresh);
      fresh.destroy();
      if (diff) return { failedAt: step, diff, windowed, transaction };
    }
    return { failedAt: -1, diff: null, windowed, blocks: view.state.doc.childCount };
  } finally {
    proto.updateChildrenBetween = original;
    view.destroy();
    host.remove();
  }
}

(window as unknown as { runWindowedUpdate: typeof runWindowedUpdate }).runWindowedUpdate = runWindowedUpdate;
