/**
 * Screen reader support (Ctrl/⌘+Alt+Z, as in Google Docs). On long reports the editor draws
 * only the blocks near the viewport (plugins/renderWindow.ts); the others are out of the
 * accessibility tree, so a screen reader could not read or move past them. With support on,
 * every block is drawn and reachable — typing on reports over 1,000 blocks is then
 * slower (docs/performance.md). Remembered per browser in localStorage; a tiny external store
 * so the render window and the editor's notice read the same value.
 */
import { useSyncExternalStore } from 'react';

const KEY = 'plenary:screen-reader-support';
const listeners = new Set<() => void>();
let memory: boolean | null = null;

export function screenReaderSupport(): boolean {
  if (memory !== null) return memory;
  try {
    memory = localStorage.getItem(KEY) === 'on';
  } catch {
    memory = false;
  }
  return memory;
}

export function setScreenReaderSupport(on: boolean): void {
  memory = on;
  try {
    if (on) localStorage.setItem(KEY, 'on');
    else localStorage.removeItem(KEY);
  } catch {
    // private mode: remembered for this page only
  }
  listeners.forEach((listener) => listener());
}

export function subscribeScreenReaderSupport(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useScreenReaderSupport(): boolean {
  return useSyncExternalStore(subscribeScreenReaderSupport, screenReaderSupport);
}

/**
 * Ctrl/⌘+Alt+Z (no Shift: Ctrl+Alt+Shift+Z is the Editing mode). Not AltGr+Z, which Windows
 * reports as Ctrl+Alt and which types a letter on some layouts (Polish ż).
 */
export const isScreenReaderShortcut = (event: KeyboardEvent) =>
  (event.ctrlKey || event.metaKey) && event.altKey && !event.shiftKey && event.code === 'KeyZ' && !event.getModifierState('AltGraph');
