/**
 * Machine translation behind one small interface, so the engine is a deployment choice
 * (PLENARY_MT): Apertium run locally, Apertium APy or LibreTranslate over HTTP. Text goes in
 * and comes out as the plain-text format's inline markup ("1^{er}", "**bold**"); providers
 * that speak HTML get it as HTML (html.ts) so formatting survives. Every call is bounded in
 * size and time and never blocks the event loop (a child process or an HTTP request).
 */

export interface MtPair {
  from: string;
  to: string;
}

export interface MtProvider {
  /** `apertium`, `apy` or `libretranslate`: what `/api/mt` answers as `provider`. */
  readonly name: string;
  /** The language pairs the engine serves, as Plenary's primary codes. */
  pairs(): Promise<MtPair[]>;
  /** Translates markup; rejects with an MtError. */
  translate(markup: string, from: string, to: string): Promise<string>;
}

export type MtEngine = 'apertium' | 'apy' | 'libretranslate' | 'off';

export interface MtOptions {
  /** PLENARY_MT; unset → Apertium when installed, else off. */
  engine: MtEngine | 'auto';
  /** PLENARY_MT_URL: the APy or LibreTranslate server. */
  url: string | undefined;
  /** PLENARY_MT_KEY: LibreTranslate's api_key, when the server wants one. */
  apiKey: string | undefined;
  timeoutMs: number;
  /** Longest text sent to the engine, in characters. */
  maxChars: number;
}

export const DEFAULT_MT_OPTIONS: MtOptions = { engine: 'auto', url: undefined, apiKey: undefined, timeoutMs: 15_000, maxChars: 5000 };

/** Why a translation could not be had; the route maps it to 422, 502 or 504. */
export class MtError extends Error {
  constructor(
    readonly kind: 'unsupported' | 'failed' | 'timeout' | 'too_long',
    message: string,
  ) {
    super(message);
    this.name = 'MtError';
  }
}

export const pairKey = (p: MtPair) => `${p.from}-${p.to}`;
