/**
 * TMX inline markup → Plenary's inline formatting, while a `<seg>` is read. `<bpt>`/`<ept>`
 * pairs (by `i`), `<it>` and `<hi>` become bold, italic, superscript or subscript when their
 * `type` or the native code they wrap says so (`<b>`, `<strong>`, `<i>`, `<em>`, `<sup>`,
 * `<sub>`, RTF `\b`, `\i`, `\super`, `\sub`, Word's `<w:b/>`, `<w:i/>`, `w:vertAlign`);
 * anything else (`<ph>`, `<ut>`, colours, links, fonts) is dropped with its code. Code text is
 * never content, so no tag ever leaks into a translation as literal text.
 */
import type { MarkType, PMInline } from '../../../../shared/src/model/schema';
import { appendText, sortMarks } from '../../../../shared/src/format/nodes';

export const CODE_ELEMENTS = new Set(['bpt', 'ept', 'it', 'ph', 'ut']);

/** The formatting a TMX type attribute or a piece of native code stands for, if any. */
export function markOf(type: string | undefined, code: string): MarkType | null {
  const t = (type ?? '').toLowerCase().replace(/^x-/, '');
  if (t === 'bold' || t === 'b' || t === 'strong') return 'bold';
  if (t === 'italic' || t === 'i' || t === 'em') return 'italic';
  if (t === 'superscript' || t === 'sup' || t === 'super') return 'superscript';
  if (t === 'subscript' || t === 'sub') return 'subscript';
  const c = code.toLowerCase();
  if (/<(b|strong)\b|<w:b\s*\/?>|\\b(?![a-z])/.test(c)) return 'bold';
  if (/<(i|em)\b|<w:i\s*\/?>|\\i(?![a-z])/.test(c)) return 'italic';
  if (/<sup\b|\\super\b|superscript/.test(c)) return 'superscript';
  if (/<sub\b|\\sub\b|subscript/.test(c)) return 'subscript';
  return null;
}

/** Builds the inline content of one `<seg>` from its parser events. */
export class SegBuilder {
  private readonly content: PMInline[] = [];
  /** Marks opened by `<bpt i>` (by i), `<it pos="begin">` and `<hi>` (a stack). */
  private readonly paired = new Map<string, MarkType | null>();
  private readonly begun: MarkType[] = [];
  private readonly highlights: (MarkType | null)[] = [];
  /** The code element being read, with its attributes and code text. */
  private code: { name: string; attrs: Record<string, string>; text: string; depth: number } | null = null;

  open(name: string, attrs: Record<string, string>): void {
    if (this.code) {
      this.code.depth++;
      return;
    }
    if (CODE_ELEMENTS.has(name)) this.code = { name, attrs, text: '', depth: 0 };
    else if (name === 'hi') this.highlights.push(markOf(attrs.type, ''));
  }

  text(text: string): void {
    if (this.code) this.code.text += text;
    else appendText(this.content, text.replace(/\s+/g, ' '), sortMarks([...this.marks()].map((type) => ({ type }))));
  }

  close(name: string): void {
    if (this.code) {
      if (this.code.depth > 0) {
        this.code.depth--;
        return;
      }
      this.endCode(this.code);
      this.code = null;
      return;
    }
    if (name === 'hi') this.highlights.pop();
  }

  private endCode({ name, attrs, text }: { name: string; attrs: Record<string, string>; text: string }): void {
    const id = attrs.i ?? attrs.x ?? '';
    if (name === 'bpt') this.paired.set(id, markOf(attrs.type, text));
    else if (name === 'ept') this.paired.delete(id);
    else if (name === 'it') {
      const mark = markOf(attrs.type, text);
      if (!mark) return;
      if (attrs.pos === 'end') {
        const at = this.begun.lastIndexOf(mark);
        if (at >= 0) this.begun.splice(at, 1);
      } else this.begun.push(mark);
    }
  }

  private marks(): Set<MarkType> {
    const out = new Set<MarkType>();
    for (const m of [...this.paired.values(), ...this.begun, ...this.highlights]) if (m) out.add(m);
    return out;
  }

  /** The content, white space trimmed at both ends. */
  finish(): PMInline[] {
    const out = this.content;
    const first = out[0];
    if (first?.type === 'text') first.text = first.text.trimStart();
    const last = out[out.length - 1];
    if (last?.type === 'text') last.text = last.text.trimEnd();
    return out.filter((n) => n.type !== 'text' || n.text !== '');
  }
}
