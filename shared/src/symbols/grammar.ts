/**
 * The United Nations document symbol grammar (after ST/LIB/SER.B/5/Rev.5, "United Nations
 * Document Series Symbols"), one parser for the masthead check, recognition in text and the
 * translation QA, so that all three agree on what a symbol is.
 *
 *   symbol    := series ("/" body)* ("/" session)? ("/" document) ("/" suffix)*
 *   series    := capitals, e.g. A, S, E, ST, CTOC, UNEP
 *   body      := a subsidiary body or series word, capitals with an optional ".N":
 *                COP, WG.7, C.3, CN.4, Sub.2, AC.109, RES, PRST
 *   session   := a session number or a year (55, 2012)
 *   document  := a number (4), or a distribution component "L.5", "CRP.1", "INF.2", "WP.3"
 *   suffix    := Add.N | Rev.N | Corr.N | Amend.N   (each kind at most once, e.g. /Rev.1/Add.2)
 *
 * Invariants: `parseSymbol` never throws; `formatSymbol(parseSymbol(s).symbol) === s` for a
 * valid `s`; a failure names the component at fault and what was expected there.
 */

export const SUFFIX_KINDS = ['Add', 'Rev', 'Corr', 'Amend'] as const;
export type SuffixKind = (typeof SUFFIX_KINDS)[number];
export const DISTRIBUTION_KINDS = ['L', 'CRP', 'INF', 'WP'] as const;
export type DistributionKind = (typeof DISTRIBUTION_KINDS)[number];

export interface SymbolSuffix {
  kind: SuffixKind;
  n: number;
}

export interface UnSymbol {
  series: string;
  /** Subsidiary bodies and series words between the series and the session ("COP", "WG.7"). */
  bodies: string[];
  /** Session number or year, when the symbol has one. */
  session: number | null;
  /** The document number, or a distribution component. */
  document: { kind: 'number'; n: number } | { kind: DistributionKind; n: number };
  suffixes: SymbolSuffix[];
}

export type SymbolParse =
  | { ok: true; symbol: UnSymbol }
  | { ok: false; message: string; /** 0-based index of the component at fault, -1 for the whole. */ component: number };

const SERIES_RE = /^[A-Z]{1,10}$/;
const BODY_RE = /^[A-Z][A-Za-z]{0,11}(?:\.\d{1,4})?$/;
const NUMBER_RE = /^\d{1,6}$/;
const DISTRIBUTION_RE = new RegExp(`^(${DISTRIBUTION_KINDS.join('|')})\\.(\\d{1,5})$`);
const SUFFIX_RE = new RegExp(`^(${SUFFIX_KINDS.join('|')})\\.(\\d{1,3})$`);
const SUFFIX_LOOSE_RE = /^(add|rev|corr|amend)\.?\s*(\d*)$/i;

function fail(component: number, message: string): SymbolParse {
  return { ok: false, component, message };
}

/** Parses a symbol such as `CTOC/COP/WG.7/2012/4/Corr.1`; a failure says what is wrong, and where. */
export function parseSymbol(input: string): SymbolParse {
  const text = input.trim();
  if (text === '') return fail(-1, 'The document symbol is empty.');
  if (/\s/.test(text)) return fail(-1, 'A document symbol has no spaces (e.g. CTOC/COP/2012/1).');
  const parts = text.split('/');
  if (parts.some((p) => p === '')) return fail(parts.indexOf(''), 'A document symbol has no empty component ("//" or a "/" at either end).');
  const [series, ...rest] = parts;
  if (!SERIES_RE.test(series)) {
    return fail(0, `"${series}" cannot begin a document symbol: the series is written in capitals (A, S, E, ST, CTOC).`);
  }
  if (rest.length === 0) return fail(-1, `"${series}" is only a series: a symbol goes on to a document number (e.g. ${series}/1).`);

  let i = 0;
  const bodies: string[] = [];
  // "WP.29" is a working party in ECE/TRANS/WP.29/1 but the document in A/C.3/WP.29: it is a
  // body when a number or a further body follows it.
  const isBody = (at: number) =>
    BODY_RE.test(rest[at]) && !SUFFIX_RE.test(rest[at]) && (!DISTRIBUTION_RE.test(rest[at]) || (at + 1 < rest.length && !SUFFIX_RE.test(rest[at + 1])));
  while (i < rest.length && isBody(i)) bodies.push(rest[i++]);

  const numbers: number[] = [];
  while (i < rest.length && NUMBER_RE.test(rest[i]) && numbers.length < 2) numbers.push(Number(rest[i++]));

  let document: UnSymbol['document'] | null = null;
  let session: number | null = null;
  const distribution = i < rest.length ? DISTRIBUTION_RE.exec(rest[i]) : null;
  if (distribution && numbers.length <= 1) {
    document = { kind: distribution[1] as DistributionKind, n: Number(distribution[2]) };
    session = numbers[0] ?? null;
    i++;
  } else if (numbers.length > 0) {
    document = { kind: 'number', n: numbers[numbers.length - 1] };
    session = numbers.length === 2 ? numbers[0] : null;
  }

  const suffixes: SymbolSuffix[] = [];
  for (; i < rest.length; i++) {
    const at = i + 1;
    const part = rest[i];
    const suffix = SUFFIX_RE.exec(part);
    if (!suffix) {
      const loose = SUFFIX_LOOSE_RE.exec(part);
      if (loose) return fail(at, `"${part}" should read ${SUFFIX_KINDS.find((k) => k.toLowerCase() === loose[1].toLowerCase())}.N, a capital, a point and a number (e.g. Rev.1).`);
      if (!document) return fail(at, `"${part}" is not a session or year, a document number, nor L.N, CRP.N, INF.N or WP.N.`);
      return fail(at, `"${part}" cannot follow the document number: only /Add.N, /Rev.N, /Corr.N or /Amend.N may.`);
    }
    if (!document) return fail(at, `"${part}" needs a document number before it (e.g. ${parts.slice(0, at).join('/')}/1/${part}).`);
    const kind = suffix[1] as SuffixKind;
    if (suffixes.some((s) => s.kind === kind)) return fail(at, `"${kind}." appears twice in the symbol.`);
    const n = Number(suffix[2]);
    if (n < 1) return fail(at, `"${part}" is numbered from 1.`);
    suffixes.push({ kind, n });
  }
  if (!document) return fail(-1, `"${text}" has no document number (e.g. ${text}/1) nor L./CRP./INF./WP. component.`);
  return { ok: true, symbol: { series, bodies, session, document, suffixes } };
}

export function formatSymbol(symbol: UnSymbol): string {
  const doc = symbol.document.kind === 'number' ? String(symbol.document.n) : `${symbol.document.kind}.${symbol.document.n}`;
  return [
    symbol.series,
    ...symbol.bodies,
    ...(symbol.session !== null ? [String(symbol.session)] : []),
    doc,
    ...symbol.suffixes.map((s) => `${s.kind}.${s.n}`),
  ].join('/');
}

export function isValidSymbol(text: string): boolean {
  return parseSymbol(text).ok;
}

/** A message for a malformed symbol, or null when it is valid (or empty: a draft may lack one). */
export function symbolProblem(text: string): string | null {
  if (text.trim() === '') return null;
  const parsed = parseSymbol(text);
  return parsed.ok ? null : parsed.message;
}

/**
 * The symbol of the next revision or corrigendum of `base`: `A/1` → `A/1/Rev.1`, `A/1/Rev.1`
 * → `A/1/Rev.2`; a corrigendum numbers on from the corrigenda of the same text
 * (`A/1/Rev.1/Corr.1`). `taken` lists symbols already in use, which are skipped.
 */
export function nextIssueSymbol(base: string, kind: 'rev' | 'corr', taken: ReadonlySet<string> = new Set()): string {
  const parsed = parseSymbol(base);
  if (!parsed.ok) throw new Error(parsed.message);
  const symbol = parsed.symbol;
  const suffixKind: SuffixKind = kind === 'rev' ? 'Rev' : 'Corr';
  // A revision replaces the whole text: its corrigenda and addenda are not carried over.
  const keep = symbol.suffixes.filter((s) => (kind === 'rev' ? s.kind === 'Add' : s.kind !== 'Corr'));
  const current = symbol.suffixes.find((s) => s.kind === suffixKind)?.n ?? 0;
  for (let n = current + 1; ; n++) {
    const suffixes = [...keep.filter((s) => s.kind !== suffixKind), { kind: suffixKind, n }].sort(
      (a, b) => SUFFIX_ORDER.indexOf(a.kind) - SUFFIX_ORDER.indexOf(b.kind),
    );
    const next = formatSymbol({ ...symbol, suffixes });
    if (!taken.has(next)) return next;
  }
}

/** UN order: a revision's addendum is /Rev.1/Add.1; a corrigendum comes last. */
const SUFFIX_ORDER: readonly SuffixKind[] = ['Rev', 'Add', 'Amend', 'Corr'];
