/**
 * A translator's confirmation as the grid writes it over y-websocket: the row's translation in
 * the language room's `segments` map and a `translated` status against the source text.
 */
import * as Y from 'yjs';
import { segmentsMap, statusMap } from '../../shared/src/model/translation';
import { writeBlock } from '../../shared/src/model/yBody';

export function confirmSegment(doc: Y.Doc, pid: string, target: string, sourceText: string, by: string): void {
  doc.transact(() => {
    const fragment = segmentsMap(doc).set(pid, new Y.XmlFragment());
    writeBlock(fragment, { type: 'paragraph', attrs: { pid, numbered: true }, content: [{ type: 'text', text: target }] } as never);
    statusMap(doc).set(pid, { state: 'translated', sourceHash: 'x', sourceText, by, at: Date.now() });
  });
}
