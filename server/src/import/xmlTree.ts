/**
 * A small element tree from an XML string, built with saxes (a conforming, non-validating
 * parser): what the Word revision import walks. Namespace prefixes are kept in names
 * (`w:p`, `w:ins`), as OOXML always writes them. Malformed XML throws.
 */
import { SaxesParser } from 'saxes';

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
}
export type XmlNode = XmlElement | string;

export function parseXml(xml: string): XmlElement {
  const parser = new SaxesParser();
  const root: XmlElement = { name: '#document', attrs: {}, children: [] };
  const stack: XmlElement[] = [root];
  parser.on('opentag', (tag) => {
    const attrs: Record<string, string> = {};
    for (const [k, v] of Object.entries(tag.attributes)) attrs[k] = String(v);
    const el: XmlElement = { name: tag.name, attrs, children: [] };
    stack[stack.length - 1].children.push(el);
    stack.push(el);
  });
  parser.on('closetag', () => void stack.pop());
  parser.on('text', (text) => stack[stack.length - 1].children.push(text));
  parser.on('cdata', (text) => stack[stack.length - 1].children.push(text));
  parser.write(xml).close();
  return root;
}

export const isElement = (n: XmlNode): n is XmlElement => typeof n !== 'string';

export function elements(el: XmlElement, name?: string): XmlElement[] {
  return el.children.filter(isElement).filter((c) => !name || c.name === name);
}

/** Every descendant named `name`, in document order, not descending into a match. */
export function findAll(el: XmlElement, name: string, out: XmlElement[] = []): XmlElement[] {
  for (const child of elements(el)) {
    if (child.name === name) out.push(child);
    else findAll(child, name, out);
  }
  return out;
}

/** The concatenated text of `w:t` (and `w:delText`) descendants. */
export function textOf(el: XmlElement): string {
  let out = '';
  for (const child of el.children) {
    if (typeof child === 'string') continue;
    if (child.name === 'w:t' || child.name === 'w:delText') out += child.children.filter((c): c is string => typeof c === 'string').join('');
    else if (child.name === 'w:tab') out += '\t';
    else out += textOf(child);
  }
  return out;
}
