/** The glossary of one language pair, loaded once and reloaded after a term is added. */
import { useCallback, useEffect, useState } from 'react';
import type { GlossaryEntry } from '../../../shared/src/translation/glossaryEntry';
import { translationApi } from './translationApi';

export function useGlossary(from: string, to: string) {
  const [entries, setEntries] = useState<GlossaryEntry[]>([]);
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let live = true;
    translationApi.glossary(from, to).then(
      (list) => live && setEntries(list),
      () => undefined, // no glossary is not an error worth a banner: rows simply show no terms
    );
    return () => {
      live = false;
    };
  }, [from, to, generation]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { entries, reload };
}
