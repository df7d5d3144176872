/**
 * The editor bench's co-author (bench/editor.ts): someone else typing in the same report while
 * keystrokes are measured.
 */
import * as Y from 'yjs';
import { api, signUp, type TestServer } from '../tests/helpers/server';
import { connectClient, waitSynced } from '../tests/helpers/yclient';
import { BODY_FRAGMENT } from '../shared/src/model/yBody';

/**
 * A co-author in the same report, as a real y-websocket client with its own account: types a
 * character every 200 ms at the start of the numbered paragraph `index` (the one being typed
 * in, or the one above it) and moves its caret there, so that the page applies remote updates
 * and redraws a remote caret while keystrokes are measured. Returns the stop.
 */
let coAuthors = 0;

export async function startCoAuthor(server: TestServer, ownerToken: string, reportId: string, index: number): Promise<() => void> {
  const coAuthor = await signUp(server.url, `co-author ${++coAuthors}`);
  await api(server.url, 'PUT', `/api/reports/${reportId}/members`, { name: coAuthor.name, role: 'drafter' }, ownerToken);
  const client = connectClient(server.wsUrl, `${reportId}.en`, coAuthor.token);
  await waitSynced(client);
  const numbered = client.doc.getXmlFragment(BODY_FRAGMENT).toArray()
    .filter((node): node is Y.XmlElement => node instanceof Y.XmlElement && node.nodeName === 'paragraph' && [true, 'true'].includes(node.getAttribute('numbered') as never));
  const paragraph = numbered[index];
  const text = paragraph.get(0) as Y.XmlText;
  const awareness = client.provider.awareness;
  awareness.setLocalStateField('user', { id: 'co-author', name: 'Co-author', color: '#b45309', role: 'drafter' });
  awareness.setLocalStateField('where', { lang: 'en', pid: String(paragraph.getAttribute('pid')), number: index + 1, kind: 'paragraph' });
  let at = 0;
  const timer = setInterval(() => {
    text.insert(at++, 'x');
    const caret = Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, at));
    awareness.setLocalStateField('cursor', { anchor: caret, head: caret });
  }, 200);
  return () => {
    clearInterval(timer);
    client.destroy();
  };
}
