/** The people in a room, from awareness, re-read whenever awareness changes. */
import { useEffect, useState } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import { readPeers, type Peer } from './presence';

export function usePeers(awareness: Awareness): Peer[] {
  const [peers, setPeers] = useState<Peer[]>(() => readPeers(awareness));
  useEffect(() => {
    // Awareness changes on every caret move; re-render only when what we show changes.
    let shown = '';
    const onChange = () => {
      const next = readPeers(awareness);
      const key = JSON.stringify(next);
      if (key === shown) return;
      shown = key;
      setPeers(next);
    };
    awareness.on('change', onChange);
    onChange();
    return () => awareness.off('change', onChange);
  }, [awareness]);
  return peers;
}
