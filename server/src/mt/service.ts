/**
 * The machine translation the server offers: the provider PLENARY_MT selects (`apertium`,
 * `apy`, `libretranslate`, `off`; unset → Apertium when `apertium -l` runs here, else off),
 * chosen once at first use. `translate` checks the pair against the engine's pairs and the
 * length against the cap before the engine is asked, so a pair no engine serves is a clear
 * 422 naming the pairs there are.
 */
import { PlenaryError } from '../../../shared/src/errors';
import { markupText } from '../../../shared/src/translation/segmentMarkup';
import { ApertiumProvider, apertiumModes } from './apertium';
import { ApyProvider, LibreTranslateProvider } from './http';
import { MtError, pairKey, type MtOptions, type MtPair, type MtProvider } from './types';

export interface MtResult {
  text: string;
  provider: string;
}

async function chooseProvider(options: MtOptions): Promise<MtProvider | null> {
  switch (options.engine) {
    case 'off':
      return null;
    case 'apy':
    case 'libretranslate': {
      if (!options.url) throw new Error(`PLENARY_MT=${options.engine} needs PLENARY_MT_URL`);
      return options.engine === 'apy' ? new ApyProvider(options.url, options.timeoutMs) : new LibreTranslateProvider(options.url, options.timeoutMs, options.apiKey);
    }
    case 'apertium':
    case 'auto': {
      const modes = await apertiumModes();
      if (modes) return new ApertiumProvider(modes, options.timeoutMs);
      if (options.engine === 'apertium') throw new Error('PLENARY_MT=apertium but the apertium command does not run here');
      return null;
    }
  }
}

export class MachineTranslation {
  private provider: Promise<MtProvider | null> | null = null;

  constructor(readonly options: MtOptions) {}

  private engine(): Promise<MtProvider | null> {
    return (this.provider ??= chooseProvider(this.options));
  }

  async status(): Promise<{ provider: string | null; pairs: MtPair[] }> {
    const provider = await this.engine();
    return { provider: provider?.name ?? null, pairs: provider ? await this.pairsOf(provider) : [] };
  }

  private async pairsOf(provider: MtProvider): Promise<MtPair[]> {
    try {
      return await provider.pairs();
    } catch (err) {
      throw err instanceof MtError ? new PlenaryError('upstream_failed', err.message) : err;
    }
  }

  /** Translates markup; PlenaryErrors for what the caller can act on. */
  async translate(markup: string, from: string, to: string): Promise<MtResult> {
    const provider = await this.engine();
    if (!provider) throw new PlenaryError('unprocessable', 'machine translation is off on this server (PLENARY_MT)');
    const pairs = await this.pairsOf(provider);
    if (!pairs.some((p) => p.from === from && p.to === to)) {
      const list = pairs.map(pairKey).join(', ') || 'none';
      throw new PlenaryError('unprocessable', `${provider.name} does not translate ${from}→${to}; available pairs: ${list}`, { pairs });
    }
    if (markup.length > this.options.maxChars) {
      throw new PlenaryError('payload_too_large', `machine translation takes at most ${this.options.maxChars} characters`);
    }
    if (!markupText(markup).trim()) return { text: '', provider: provider.name };
    try {
      return { text: await provider.translate(markup, from, to), provider: provider.name };
    } catch (err) {
      if (!(err instanceof MtError)) throw err;
      throw new PlenaryError(err.kind === 'unsupported' ? 'unprocessable' : 'upstream_failed', err.message);
    }
  }
}
