/**
 * The report body in Yjs, encoded exactly as y-prosemirror (@tiptap/y-tiptap) encodes it:
 * each node an `XmlElement` named after its type with its non-null attrs, each run of text an
 * `XmlText` whose formatting attributes are mark name → mark attrs. The server writes imports
 * and reads exports through this module without a ProseMirror schema; a unit test checks it
 * against y-tiptap's own conversion.
 */
import * as Y from 'yjs';
import type { PMBlock, PMDoc, PMInline, PMMark, PMText, ReportMeta } from './schema';
import { META_KEYS } from './schema';

export const BODY_FRAGMENT = 'body';
export const META_MAP = 'meta';
export const SEGMENTS_MAP = 'segments';
export const STATUS_MAP = 'status';
export const THREADS_MAP = 'threads';

type PMNodeJSON = { type: string; attrs?: Record<string, unknown>; content?: PMNodeJSON[]; text?: string; marks?: PMMark[] };

function marksToAttributes(marks: readonly PMMark[] | undefined): Record<string, unknown> | undefined {
  if (!marks || marks.length === 0) return undefined;
  const attrs: Record<string, unknown> = {};
  for (const mark of marks) attrs[mark.type] = mark.attrs ?? {};
  return attrs;
}

function elementFromNode(node: PMNodeJSON): Y.XmlElement {
  const element = new Y.XmlElement(node.type);
  for (const [key, value] of Object.entries(node.attrs ?? {})) {
    if (value !== null && value !== undefined) element.setAttribute(key, value as string);
  }
  element.insert(0, childrenToTypes(node.content ?? []));
  return element;
}

/** Consecutive text nodes become one XmlText, as y-prosemirror groups them. */
function childrenToTypes(children: readonly PMNodeJSON[]): (Y.XmlElement | Y.XmlText)[] {
  const out: (Y.XmlElement | Y.XmlText)[] = [];
  let run: PMText[] = [];
  const flush = () => {
    if (run.length === 0) return;
    const text = new Y.XmlText();
    text.applyDelta(run.map((t) => ({ insert: t.text, attributes: marksToAttributes(t.marks) })));
    out.push(text);
    run = [];
  };
  for (const child of children) {
    if (child.type === 'text') run.push(child as PMText);
    else {
      flush();
      out.push(elementFromNode(child));
    }
  }
  flush();
  return out;
}

/** Fresh (not yet integrated) Yjs nodes for blocks, to insert anywhere in a fragment. */
export function blocksToYNodes(blocks: readonly PMBlock[]): (Y.XmlElement | Y.XmlText)[] {
  return childrenToTypes(blocks as PMNodeJSON[]);
}

/** Replaces the content of `fragment` with `doc`. Call inside a transaction for one update. */
export function writeBody(fragment: Y.XmlFragment, doc: PMDoc): void {
  if (fragment.length > 0) fragment.delete(0, fragment.length);
  fragment.insert(0, childrenToTypes(doc.content as PMNodeJSON[]));
}

/** Writes one block (a translation segment) into its own fragment. */
export function writeBlock(fragment: Y.XmlFragment, block: PMBlock): void {
  if (fragment.length > 0) fragment.delete(0, fragment.length);
  fragment.insert(0, childrenToTypes([block as PMNodeJSON]));
}

function serialize(item: Y.XmlElement | Y.XmlText | Y.XmlHook): PMNodeJSON[] {
  if (item instanceof Y.XmlText) {
    const delta = item.toDelta() as { insert: unknown; attributes?: Record<string, Record<string, unknown>> }[];
    return delta
      .filter((d) => typeof d.insert === 'string')
      .map((d) => {
        const node: PMNodeJSON = { type: 'text', text: d.insert as string };
        if (d.attributes && Object.keys(d.attributes).length > 0) {
          node.marks = Object.entries(d.attributes).map(([name, attrs]) => {
            // y-prosemirror suffixes overlapping marks with `--hash`.
            const type = name.replace(/--[a-zA-Z0-9+/=]{8}$/, '') as PMMark['type'];
            return attrs && Object.keys(attrs).length > 0 ? { type, attrs } : { type };
          });
        }
        return node;
      });
  }
  if (item instanceof Y.XmlElement) {
    const node: PMNodeJSON = { type: item.nodeName };
    const attrs = item.getAttributes();
    if (Object.keys(attrs).length) node.attrs = attrs;
    const children = item.toArray().flatMap((c) => serialize(c as Y.XmlElement | Y.XmlText));
    if (children.length) node.content = children;
    return [node];
  }
  return [];
}

/** Reads the fragment as ProseMirror JSON, with schema defaults filled in for our nodes. */
export function readBody(fragment: Y.XmlFragment): PMDoc {
  const content = fragment.toArray().flatMap((c) => serialize(c as Y.XmlElement | Y.XmlText));
  return { type: 'doc', content: content.map(withDefaults) as PMBlock[] };
}

/** Reads one top-level child of the body as readBody does; null when it is not a block. */
export function readBodyBlock(child: Y.XmlElement | Y.XmlText): PMBlock | null {
  const [node] = serialize(child);
  return node ? (withDefaults(node) as PMBlock) : null;
}

/** Reads a translation segment: the single block of its fragment, or null when empty. */
export function readBlock(fragment: Y.XmlFragment): PMBlock | null {
  const first = fragment.toArray()[0];
  if (!first) return null;
  const [node] = serialize(first as Y.XmlElement | Y.XmlText);
  return node ? (withDefaults(node) as PMBlock) : null;
}

function withDefaults(node: PMNodeJSON): PMNodeJSON {
  const content = node.content?.map(withDefaults);
  const attrs = { ...(node.attrs ?? {}) };
  switch (node.type) {
    case 'paragraph':
      attrs.pid ??= '';
      attrs.numbered = attrs.numbered === true || attrs.numbered === 'true';
      break;
    case 'heading':
      attrs.pid ??= '';
      attrs.level = Number(attrs.level ?? 1);
      break;
    case 'footnote':
      attrs.pid ??= '';
      attrs.marker ??= '';
      break;
    default:
      if (!node.attrs) return content ? { ...node, content } : node;
  }
  return content ? { ...node, attrs, content } : { ...node, attrs };
}

/** Plain text of an inline run (hard breaks as newlines). */
export function inlineJsonText(content: readonly PMInline[] | undefined): string {
  return (content ?? []).map((n) => (n.type === 'text' ? n.text : n.type === 'hardBreak' ? '\n' : '')).join('');
}

export function readMeta(map: Y.Map<unknown>): ReportMeta {
  const meta: ReportMeta = {};
  for (const key of META_KEYS) {
    const value = map.get(key);
    if (typeof value === 'string') meta[key] = value;
  }
  return meta;
}

export function writeMeta(map: Y.Map<unknown>, meta: ReportMeta): void {
  for (const key of META_KEYS) {
    const value = meta[key];
    if (typeof value === 'string' && map.get(key) !== value) map.set(key, value);
  }
}
