/** RoomDocument's cached encodings (joiners share one full-state encoding) follow the doc. */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { RoomDocument } from '../../../server/src/collab/roomDocument';

const text = (update: Uint8Array) => {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  return doc.getText('t').toString();
};

function roomDocument() {
  return new RoomDocument({ idleMs: 0, canSleep: () => false, onWake: () => {}, onSleep: () => {} });
}

describe('RoomDocument encodings', () => {
  it('joiners with an empty state vector share one encoding until changed()', () => {
    const d = roomDocument();
    d.doc.getText('t').insert(0, 'one');
    const first = d.diff();
    expect(d.diff(new Uint8Array([0]))).toBe(first);
    d.doc.getText('t').insert(3, ' two');
    d.changed();
    expect(text(d.diff())).toBe('one two');
  });

  it('a replaced doc (a reload from storage) is what joiners get, not the old encoding', () => {
    const d = roomDocument();
    d.doc.getText('t').insert(0, 'before the reload');
    expect(text(d.diff())).toBe('before the reload');
    const rebuilt = new Y.Doc();
    rebuilt.getText('t').insert(0, 'from storage');
    d.replace(rebuilt);
    expect(text(d.diff())).toBe('from storage');
    expect(Y.decodeStateVector(d.stateVector()).get(rebuilt.clientID)).toBe(12);
  });
});
