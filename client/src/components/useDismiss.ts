/**
 * Closes something open (a menu, the active thread card) the way people expect of a popup: a
 * press anywhere outside it, or Escape. Listens on the document only while it is open.
 */
import { useEffect, useRef } from 'react';

/** `isInside` tells which presses belong to the popup and so leave it open. */
export function useDismiss(open: boolean, isInside: (target: EventTarget | null) => boolean, close: () => void): void {
  // Callers pass fresh closures each render; reading them through a ref keeps the listeners
  // from being swapped on every render while open.
  const latest = useRef({ isInside, close });
  latest.current = { isInside, close };
  useEffect(() => {
    if (!open) return;
    const onDown = (event: MouseEvent) => {
      if (!latest.current.isInside(event.target)) latest.current.close();
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') latest.current.close();
    };
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);
}
