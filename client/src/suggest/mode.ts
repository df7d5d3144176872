/**
 * Editing / Suggesting / Viewing (issue 13): the editor mode, remembered per user and room
 * (report and language) in localStorage. Reviewers are always in Suggesting; viewers only view.
 * A tiny external store, so the toolbar switch and the suggesting plugin read the same value.
 */
import { useCallback, useSyncExternalStore } from 'react';

export const EDITOR_MODES = ['editing', 'suggesting', 'viewing'] as const;
export type EditorMode = (typeof EDITOR_MODES)[number];

/** What the role allows: a writer chooses, a reviewer only suggests, anyone else views. */
export type ModeRights = 'choose' | 'suggest' | 'view';

const listeners = new Set<() => void>();
const memory = new Map<string, EditorMode>();

export const modeKey = (userId: string, room: string) => `plenary:mode:${userId}:${room}`;

function stored(key: string): EditorMode | null {
  if (memory.has(key)) return memory.get(key)!;
  try {
    const value = localStorage.getItem(key);
    return (EDITOR_MODES as readonly string[]).includes(value ?? '') ? (value as EditorMode) : null;
  } catch {
    return null;
  }
}

export function currentMode(key: string, rights: ModeRights): EditorMode {
  if (rights === 'suggest') return 'suggesting';
  if (rights === 'view') return 'viewing';
  return stored(key) ?? 'editing';
}

export function setMode(key: string, mode: EditorMode): void {
  memory.set(key, mode);
  try {
    localStorage.setItem(key, mode);
  } catch {
    // private mode: remembered for this page only
  }
  listeners.forEach((listener) => listener());
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useEditorMode(key: string, rights: ModeRights): [EditorMode, (mode: EditorMode) => void] {
  const mode = useSyncExternalStore(subscribe, () => currentMode(key, rights));
  const set = useCallback((next: EditorMode) => {
    if (rights === 'choose') setMode(key, next);
  }, [key, rights]);
  return [mode, set];
}

/** The next mode for the keyboard shortcut (Ctrl+Alt+Shift+M cycles, as in Docs' menu order). */
export function nextMode(mode: EditorMode): EditorMode {
  return EDITOR_MODES[(EDITOR_MODES.indexOf(mode) + 1) % EDITOR_MODES.length];
}
