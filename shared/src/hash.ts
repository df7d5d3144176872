/**
 * The source hash that ties a translation to the version of its source block (docs/PROTOCOL.md §1):
 * first 16 hex chars of SHA-256 over the normalised plain text. The same function runs in
 * the browser and on the server, synchronously, so it uses a pure JS SHA-256.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/** Unicode NFC, every run of white space to one space, trimmed. */
export function normalizeText(text: string): string {
  return text.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

export function sourceHash(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(normalizeText(text)))).slice(0, 16);
}
