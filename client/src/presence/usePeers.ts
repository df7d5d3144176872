/** The people in a room, from awareness, re-read whenever awareness changes. */
import { useEffect, useState } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import { readPeers, type Peer } from './presence';

export function usePeers(awareness: Awareness): Peer[] {
  const [peers, setPeers] = useState<Peer[]>(() => readPeers(awareness));
  useEffect(() => {
    const onChange = () => setPeers(readPeers(awareness));
    awareness.on('change', onChange);
    onChange();
    return () => awareness.off('change', onChange);
  }, [awareness]);
  return peers;
}
