/**
 * y-websocket message types, as the unmodified y-websocket client speaks them.
 * Encoding and decoding live in y-protocols (sync, awareness, auth); this names the outer tag.
 */
export const MessageType = {
  Sync: 0,
  Awareness: 1,
  Auth: 2,
  QueryAwareness: 3,
} as const;
export type MessageType = (typeof MessageType)[keyof typeof MessageType];

/** Sync sub-messages (y-protocols/sync). */
export const SyncMessageType = {
  Step1: 0,
  Step2: 1,
  Update: 2,
} as const;

export const PERMISSION_DENIED_REASON = 'read-only';
