/** A React view of a Y.Map of strings: re-renders on every change, local or remote. */
import { useCallback, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';

export function useYMapStrings(map: Y.Map<unknown>): Readonly<Record<string, string>> {
  const subscribe = useCallback(
    (onChange: () => void) => {
      map.observe(onChange);
      return () => map.unobserve(onChange);
    },
    [map],
  );
  const getSnapshot = useCallback(() => snapshotOf(map), [map]);
  return useSyncExternalStore(subscribe, getSnapshot);
}

const cache = new WeakMap<Y.Map<unknown>, { key: string; value: Record<string, string> }>();

/** Same object while the content is the same, as useSyncExternalStore requires. */
function snapshotOf(map: Y.Map<unknown>): Record<string, string> {
  const value: Record<string, string> = {};
  for (const [k, v] of map.entries()) if (typeof v === 'string') value[k] = v;
  const key = JSON.stringify(value);
  const cached = cache.get(map);
  if (cached && cached.key === key) return cached.value;
  cache.set(map, { key, value });
  return value;
}
