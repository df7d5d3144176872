/**
 * Hooks run just before a message from the server is applied — a document update or someone's
 * presence (their caret) — outside any Yjs transaction. Editors use it to take in what the
 * browser has done and ProseMirror has not read yet (a caret moved by an arrow key is reported
 * by a later `selectionchange` event): otherwise the remote change is rendered with the stale
 * selection, which then overwrites the browser's, and the key press is lost.
 *
 * One set of hooks per provider, installed by wrapping its message handlers on first use.
 */
import type { WebsocketProvider } from 'y-websocket';

/** y-websocket's message types that change what an editor shows. */
const REMOTE_MESSAGES = [0 /* sync */, 1 /* awareness */];
const hooksByProvider = new WeakMap<WebsocketProvider, Set<() => void>>();

/** Registers `hook` to run before each incoming update or presence message; returns its removal. */
export function beforeRemoteUpdate(provider: WebsocketProvider, hook: () => void): () => void {
  let hooks = hooksByProvider.get(provider);
  if (!hooks) {
    const registered = new Set<() => void>();
    hooks = registered;
    hooksByProvider.set(provider, registered);
    for (const type of REMOTE_MESSAGES) {
      const handle = provider.messageHandlers[type];
      provider.messageHandlers[type] = (encoder, decoder, from, emitSynced, messageType) => {
        for (const run of registered) run();
        handle(encoder, decoder, from, emitSynced, messageType);
      };
    }
  }
  hooks.add(hook);
  return () => hooks.delete(hook);
}
