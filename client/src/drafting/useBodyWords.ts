/**
 * The live word count of the original's body (shared/src/model/wordCount.ts: body text, no
 * masthead, no footnotes), recounted shortly after each change, local or remote.
 */
import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import { BODY_FRAGMENT, readBody } from '../../../shared/src/model/yBody';
import { bodyWordCount } from '../../../shared/src/model/wordCount';
import type { PMDoc } from '../../../shared/src/model/schema';

/** Re-reads the body (debounced) whenever it changes; `derive` runs on each reading. */
export function useBodyDerived<T>(doc: Y.Doc, derive: (body: PMDoc) => T, initial: T): T {
  const [value, setValue] = useState<T>(initial);
  useEffect(() => {
    const fragment = doc.getXmlFragment(BODY_FRAGMENT);
    let timer: ReturnType<typeof setTimeout> | null = null;
    const recount = () => setValue(derive(readBody(fragment)));
    const onChange = () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(recount, 250);
    };
    recount();
    fragment.observeDeep(onChange);
    return () => {
      if (timer) clearTimeout(timer);
      fragment.unobserveDeep(onChange);
    };
    // `derive` is a module-level function at every call site.
  }, [doc]);
  return value;
}

export function useBodyWords(doc: Y.Doc): number {
  return useBodyDerived(doc, bodyWordCount, 0);
}
