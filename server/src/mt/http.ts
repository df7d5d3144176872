/**
 * Machine translation over HTTP: Apertium APy (`GET /listPairs`, `POST /translate` form `q, langpair=
 * eng|spa, format=html, markUnknown=no`) and LibreTranslate (`GET /languages`, `POST /translate
 * {q, source, target, format: "html", api_key?}`), at PLENARY_MT_URL. Requests time out
 * (AbortSignal.timeout); pairs are cached for a minute.
 */
import { engineLanguage } from '../interchange/languageTag';
import { htmlToMarkup, markupToHtml } from './html';
import { MtError, type MtPair, type MtProvider } from './types';

const PAIRS_TTL_MS = 60_000;

abstract class HttpProvider implements MtProvider {
  abstract readonly name: string;
  private cached: { at: number; pairs: MtPair[] } | null = null;

  constructor(
    protected readonly base: string,
    protected readonly timeoutMs: number,
  ) {}

  protected abstract listPairs(): Promise<MtPair[]>;
  protected abstract request(html: string, from: string, to: string): Promise<string>;

  protected async call(path: string, init: RequestInit = {}): Promise<unknown> {
    let res: Response;
    try {
      res = await fetch(new URL(path, this.base.endsWith('/') ? this.base : `${this.base}/`), { ...init, signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (err) {
      if ((err as Error).name === 'TimeoutError') throw new MtError('timeout', `${this.name} took longer than ${this.timeoutMs} ms`);
      throw new MtError('failed', `${this.name} at ${this.base} cannot be reached: ${(err as Error).message}`);
    }
    const body: unknown = await res.json().catch(() => null);
    if (!res.ok) {
      const message = (body as { error?: unknown; message?: unknown } | null)?.error ?? (body as { message?: unknown } | null)?.message;
      throw new MtError(res.status === 400 ? 'unsupported' : 'failed', `${this.name} answered ${res.status}${message ? `: ${String(message)}` : ''}`);
    }
    return body;
  }

  async pairs(): Promise<MtPair[]> {
    if (this.cached && Date.now() - this.cached.at < PAIRS_TTL_MS) return this.cached.pairs;
    const pairs = await this.listPairs();
    this.cached = { at: Date.now(), pairs };
    return pairs;
  }

  async translate(markup: string, from: string, to: string): Promise<string> {
    return htmlToMarkup(await this.request(markupToHtml(markup), from, to));
  }
}

export class ApyProvider extends HttpProvider {
  readonly name = 'apy';
  /** APy names pairs by its own (ISO 639-3) codes: the langpair to send for each of ours. */
  private langpairs = new Map<string, string>();

  protected async listPairs(): Promise<MtPair[]> {
    const body = (await this.call('listPairs')) as { responseData?: { sourceLanguage?: string; targetLanguage?: string }[] };
    const langpairs = new Map<string, string>();
    for (const p of body.responseData ?? []) {
      const from = engineLanguage(p.sourceLanguage);
      const to = engineLanguage(p.targetLanguage);
      if (from && to && from !== to && !langpairs.has(`${from}-${to}`)) langpairs.set(`${from}-${to}`, `${p.sourceLanguage}|${p.targetLanguage}`);
    }
    this.langpairs = langpairs;
    return [...langpairs.keys()].map((k) => ({ from: k.split('-')[0], to: k.split('-')[1] }));
  }

  protected async request(html: string, from: string, to: string): Promise<string> {
    await this.pairs();
    const q = new URLSearchParams({ q: html, langpair: this.langpairs.get(`${from}-${to}`) ?? `${from}|${to}`, format: 'html', markUnknown: 'no' });
    const body = (await this.call('translate', { method: 'POST', body: q })) as { responseData?: { translatedText?: unknown } };
    const text = body.responseData?.translatedText;
    if (typeof text !== 'string') throw new MtError('failed', 'apy answered without a translation');
    return text;
  }
}

export class LibreTranslateProvider extends HttpProvider {
  readonly name = 'libretranslate';

  constructor(base: string, timeoutMs: number, private readonly apiKey: string | undefined) {
    super(base, timeoutMs);
  }

  protected async listPairs(): Promise<MtPair[]> {
    const body = (await this.call('languages')) as { code?: string; targets?: string[] }[];
    const pairs: MtPair[] = [];
    for (const lang of Array.isArray(body) ? body : []) {
      const from = engineLanguage(lang.code);
      for (const t of lang.targets ?? []) {
        const to = engineLanguage(t);
        if (from && to && from !== to) pairs.push({ from, to });
      }
    }
    return pairs;
  }

  protected async request(html: string, from: string, to: string): Promise<string> {
    const body = (await this.call('translate', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ q: html, source: from, target: to, format: 'html', ...(this.apiKey ? { api_key: this.apiKey } : {}) }),
    })) as { translatedText?: unknown };
    if (typeof body.translatedText !== 'string') throw new MtError('failed', 'libretranslate answered without a translation');
    return body.translatedText;
  }
}
