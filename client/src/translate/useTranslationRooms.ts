/**
 * The two rooms a translation grid reads: the original (`<id>.<orig>`, the source, read-only
 * for translators: the server refuses their writes) and the language room (`<id>.<lang>`,
 * segments and statuses). Both are ordinary RoomConnections (y-websocket + IndexedDB), so the
 * grid opens offline when the report was opened on this device before.
 */
import { useEffect, useState } from 'react';
import { RoomConnection } from '../collab/roomConnection';
import { BODY_FRAGMENT } from '../../../shared/src/model/yBody';
import { segmentsMap, statusMap } from '../../../shared/src/model/translation';
import { roomName } from '../../../shared/src/rooms';

export interface TranslationRooms {
  original: RoomConnection;
  target: RoomConnection;
}

export function useTranslationRooms(reportId: string | undefined, originalLanguage: string | undefined, lang: string | undefined) {
  const [rooms, setRooms] = useState<TranslationRooms | null>(null);
  const [ready, setReady] = useState(false);
  useEffect(() => {
    if (!reportId || !originalLanguage || !lang || lang === originalLanguage) return;
    const original = new RoomConnection(roomName(reportId, originalLanguage), (doc) => doc.getXmlFragment(BODY_FRAGMENT).length > 0);
    const target = new RoomConnection(roomName(reportId, lang), (doc) => segmentsMap(doc).size > 0 || statusMap(doc).size > 0);
    let live = true;
    setRooms({ original, target });
    setReady(false);
    void Promise.all([original.ready, target.ready]).then(() => {
      performance.mark('plenary:translate-rooms-ready');
      if (live) setReady(true);
    });
    return () => {
      live = false;
      original.destroy();
      target.destroy();
      setRooms(null);
    };
  }, [reportId, originalLanguage, lang]);
  return { rooms, ready };
}
