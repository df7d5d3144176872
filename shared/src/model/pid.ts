/** Paragraph ids: random, 12 base-36 characters (~62 bits), never reused. */
const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

export function newPid(): string {
  const bytes = new Uint8Array(12);
  globalThis.crypto.getRandomValues(bytes);
  let id = 'p';
  for (const b of bytes) id += ALPHABET[b % 36];
  return id;
}
