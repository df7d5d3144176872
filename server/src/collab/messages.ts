/**
 * Encoders for the frames the server sends, one per y-websocket message, built on
 * y-protocols so an unmodified client reads them.
 */
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import * as authProtocol from 'y-protocols/auth';
import * as awarenessProtocol from 'y-protocols/awareness';
import { MessageType, PERMISSION_DENIED_REASON } from '../../../shared/src/protocol';

/** SyncStep1 from a state vector (what `syncProtocol.writeSyncStep1` writes from a doc). */
export function encodeSyncStep1(stateVector: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MessageType.Sync);
  encoding.writeVarUint(e, syncProtocol.messageYjsSyncStep1);
  encoding.writeVarUint8Array(e, stateVector);
  return encoding.toUint8Array(e);
}

export function encodeSyncStep2(state: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MessageType.Sync);
  encoding.writeVarUint(e, syncProtocol.messageYjsSyncStep2);
  encoding.writeVarUint8Array(e, state);
  return encoding.toUint8Array(e);
}

export function encodeUpdate(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MessageType.Sync);
  syncProtocol.writeUpdate(e, update);
  return encoding.toUint8Array(e);
}

export function encodeAwareness(awareness: awarenessProtocol.Awareness, clients: number[]): Uint8Array {
  return encodeAwarenessPayload(awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
}

export function encodeAwarenessPayload(payload: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MessageType.Awareness);
  encoding.writeVarUint8Array(e, payload);
  return encoding.toUint8Array(e);
}

export function encodePermissionDenied(reason = PERMISSION_DENIED_REASON): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MessageType.Auth);
  authProtocol.writePermissionDenied(e, reason);
  return encoding.toUint8Array(e);
}

/** Plenary's durability report: the connection's first `frames` update frames are stored. */
export function encodeDurableAck(frames: number): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MessageType.DurableAck);
  encoding.writeVarUint(e, frames);
  return encoding.toUint8Array(e);
}

/** What another instance published: an update, an awareness payload, or nothing we apply. Throws on malformed input. */
export function decodePublished(message: Uint8Array): { update: Uint8Array } | { awareness: Uint8Array } | null {
  const decoder = decoding.createDecoder(message);
  const type = decoding.readVarUint(decoder);
  if (type === MessageType.Awareness) return { awareness: decoding.readVarUint8Array(decoder) };
  if (type !== MessageType.Sync) return null;
  const sub = decoding.readVarUint(decoder);
  const isUpdate = sub === syncProtocol.messageYjsUpdate || sub === syncProtocol.messageYjsSyncStep2;
  return isUpdate ? { update: decoding.readVarUint8Array(decoder) } : null;
}
