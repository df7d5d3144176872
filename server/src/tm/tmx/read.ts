/**
 * Streaming TMX 1.4b reader (saxes, interchange/xmlStream.ts): hands each `<tu>` to a callback
 * as soon as it is closed, with its variants' language tags, dates, `creationid` and inline
 * content (inline.ts). Nothing but the unit being read is kept. Problems of one unit (a
 * variant without a usable language, a unit without any text) are reported with its line and
 * the unit skipped; malformed or truncated XML, or a root that is not `<tmx>`, is an
 * ImportError that stops the import.
 */
import type { SaxesTagPlain } from 'saxes';
import { ImportError } from '../../../../shared/src/errors';
import type { PMInline } from '../../../../shared/src/model/schema';
import { parseXmlStream } from '../../interchange/xmlStream';
import { primaryLanguage } from '../../interchange/languageTag';
import { SegBuilder } from './inline';

export interface TmxStamp {
  creationId?: string;
  creationDate?: number;
  changeDate?: number;
}

export interface TmxVariant extends TmxStamp {
  lang: string;
  content: PMInline[];
}

export interface TmxUnit extends TmxStamp {
  line: number;
  /** The unit's `srclang`, else the header's: a primary code, `*all*`, or null. */
  srclang: string | null;
  variants: TmxVariant[];
  /** `<prop type="x-origin">`, as Plenary's export writes it. */
  origin?: string;
}

export interface TmxProblem {
  line: number;
  message: string;
}

/** TMX dates: `YYYYMMDDThhmmssZ` (UTC). */
export function parseTmxDate(value: string | undefined): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value?.trim() ?? '');
  if (!m) return undefined;
  const at = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
  return Number.isFinite(at) ? at : undefined;
}

const attr = (tag: SaxesTagPlain, name: string): string | undefined => {
  const v = tag.attributes[name];
  return typeof v === 'string' && v.trim() ? v.trim() : undefined;
};

const stampOf = (tag: SaxesTagPlain): TmxStamp => ({
  creationId: attr(tag, 'creationid'),
  creationDate: parseTmxDate(attr(tag, 'creationdate')),
  changeDate: parseTmxDate(attr(tag, 'changedate')),
});

function srclangOf(value: string | undefined): string | null {
  if (!value) return null;
  return value.toLowerCase() === '*all*' ? '*all*' : primaryLanguage(value);
}

export async function readTmx(
  input: AsyncIterable<Buffer | string>,
  onUnit: (unit: TmxUnit) => void,
  onProblem: (problem: TmxProblem) => void,
  afterChunk?: () => Promise<void>,
): Promise<void> {
  let root = true;
  let headerSrclang: string | null = null;
  let unit: TmxUnit | null = null;
  let variant: { lang: string | null; tag: string; stamp: TmxStamp; line: number } | null = null;
  let seg: SegBuilder | null = null;
  let segDone: PMInline[] | null = null;
  let prop: string | null = null;

  await parseXmlStream(input, {
    open(tag, line) {
      if (root) {
        root = false;
        if (tag.name !== 'tmx') throw new ImportError(`not a TMX file: the root element is <${tag.name}>, not <tmx>`, line);
        return;
      }
      if (seg) return seg.open(tag.name, tag.attributes as Record<string, string>);
      switch (tag.name) {
        case 'header':
          headerSrclang = srclangOf(attr(tag, 'srclang'));
          return;
        case 'tu':
          unit = { line, srclang: srclangOf(attr(tag, 'srclang')) ?? headerSrclang, variants: [], ...stampOf(tag) };
          return;
        case 'tuv':
          if (!unit) return;
          {
            const tagValue = attr(tag, 'xml:lang') ?? attr(tag, 'lang') ?? '';
            variant = { lang: primaryLanguage(tagValue), tag: tagValue, stamp: stampOf(tag), line };
            segDone = null;
          }
          return;
        case 'seg':
          if (variant) seg = new SegBuilder();
          return;
        case 'prop':
          if (unit && !variant && tag.attributes.type === 'x-origin') prop = '';
          return;
      }
    },
    text(text) {
      seg?.text(text);
      if (prop !== null) prop += text;
    },
    close(name) {
      if (seg) {
        if (name !== 'seg') return seg.close(name);
        segDone = seg.finish();
        seg = null;
        return;
      }
      if (name === 'prop' && unit && prop !== null) {
        if (prop.trim()) unit.origin = prop.trim();
        prop = null;
      } else if (name === 'tuv' && unit && variant) {
        if (!variant.lang) onProblem({ line: variant.line, message: variant.tag ? `"${variant.tag}" is not a language tag Plenary knows` : '<tuv> without xml:lang' });
        else if (segDone) unit.variants.push({ lang: variant.lang, content: segDone, ...variant.stamp });
        variant = null;
        segDone = null;
      } else if (name === 'tu' && unit) {
        onUnit(unit);
        unit = null;
      }
    },
    afterChunk,
  });
  if (root) throw new ImportError('the file is empty', 1);
}
