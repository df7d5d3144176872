/**
 * A y-websocket client built on yrs (the Rust Yjs, as `ywasm`), framed by hand: an
 * independent implementation to check that what the server stores and relays is readable
 * beyond Yjs itself.
 */
import WebSocket from 'ws';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as ywasm from 'ywasm';

const REMOTE = 'remote';

export class YrsClient {
  readonly doc = new ywasm.YDoc({});
  readonly ws: WebSocket;
  synced = false;
  /** Errors thrown while applying what the server sent (there must be none). */
  readonly errors: string[] = [];

  constructor(wsUrl: string, room: string, token: string) {
    this.ws = new WebSocket(`${wsUrl}/${room}?token=${token}`);
    this.ws.on('open', () => this.sendSync(0, ywasm.encodeStateVector(this.doc)));
    this.ws.on('message', (data: Buffer) => this.receive(new Uint8Array(data)));
    this.doc.onUpdate((update: Uint8Array, origin: unknown) => {
      if (origin !== REMOTE && this.ws.readyState === WebSocket.OPEN) this.sendSync(2, update);
    });
  }

  private sendSync(sub: number, payload: Uint8Array): void {
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 0);
    encoding.writeVarUint(e, sub);
    encoding.writeVarUint8Array(e, payload);
    this.ws.send(encoding.toUint8Array(e));
  }

  private receive(data: Uint8Array): void {
    const d = decoding.createDecoder(data);
    if (decoding.readVarUint(d) !== 0) return; // awareness and auth: not needed here
    const sub = decoding.readVarUint(d);
    const payload = decoding.readVarUint8Array(d);
    if (sub === 0) return this.sendSync(1, ywasm.encodeStateAsUpdate(this.doc, payload));
    try {
      ywasm.applyUpdate(this.doc, payload, REMOTE);
    } catch (err) {
      this.errors.push(String(err));
    }
    if (sub === 1) this.synced = true;
  }

  text(name = 'text'): string {
    return this.doc.getText(name).toString(undefined);
  }

  close(): void {
    this.ws.close();
  }
}

/** Loads `state` into a fresh yrs doc; returns its state vector as a Map (as Yjs decodes one). */
export function yrsStateVector(state: Uint8Array, decode: (sv: Uint8Array) => Map<number, number>): Map<number, number> {
  const doc = new ywasm.YDoc({});
  ywasm.applyUpdate(doc, state, null);
  const sv = decode(ywasm.encodeStateVector(doc));
  doc.free();
  return sv;
}
