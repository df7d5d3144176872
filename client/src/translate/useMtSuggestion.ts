/**
 * The machine's suggestion for the focused row: its source (with its formatting, as inline
 * markup) sent to `GET /api/mt` after a short pause, when the server's engine serves the pair
 * (`/api/mt/pairs`, asked once per page). Answers are kept per source, so going back to a row
 * does not ask the engine again. Suggestions are only shown; nothing is written until a
 * translator inserts one, and then only as a draft.
 */
import { useEffect, useState } from 'react';
import { ApiError } from '../api/http';
import { inlineToMarkup } from '../../../shared/src/translation/segmentMarkup';
import type { PMTextBlock } from '../../../shared/src/model/schema';
import { translationApi, type MtPairs } from './translationApi';

export type MtState =
  | { status: 'off' }
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'ready'; text: string; provider: string }
  | { status: 'error'; error: string };

const DELAY_MS = 250;
const KEPT = 200;
let pairsOnce: Promise<MtPairs> | null = null;
const answers = new Map<string, { text: string; provider: string }>();

/** The engine's pairs, asked once; a failure counts as no engine. */
export function mtPairs(): Promise<MtPairs> {
  return (pairsOnce ??= translationApi.mtPairs().catch(() => ({ provider: null, pairs: [] })));
}

export function useMtSuggestion(source: PMTextBlock | null, from: string, to: string): MtState {
  const [state, setState] = useState<MtState>({ status: 'idle' });
  const [served, setServed] = useState<boolean | null>(null);
  useEffect(() => {
    let live = true;
    void mtPairs().then((p) => live && setServed(p.pairs.some((x) => x.from === from && x.to === to)));
    return () => {
      live = false;
    };
  }, [from, to]);

  const markup = source ? inlineToMarkup(source.content) : '';
  useEffect(() => {
    if (served === false) return setState({ status: 'off' });
    if (!served || !markup.trim()) return setState({ status: 'idle' });
    const key = `${from}\u0000${to}\u0000${markup}`;
    const known = answers.get(key);
    if (known) return setState({ status: 'ready', ...known });
    setState({ status: 'loading' });
    const abort = new AbortController();
    const timer = setTimeout(() => {
      translationApi.mt(markup, from, to, abort.signal).then(
        (answer) => {
          if (answers.size >= KEPT) answers.delete(answers.keys().next().value!);
          answers.set(key, answer);
          setState({ status: 'ready', ...answer });
        },
        (err: unknown) => {
          if (!abort.signal.aborted) setState({ status: 'error', error: err instanceof ApiError ? err.message : 'The machine translation failed.' });
        },
      );
    }, DELAY_MS);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [markup, from, to, served]);
  return state;
}
