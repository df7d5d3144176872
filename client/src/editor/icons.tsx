/** Toolbar icons: 18px strokes in the current colour. */
import type { ReactNode } from 'react';

function Icon({ children }: { children: ReactNode }) {
  return (
    <svg viewBox="0 0 24 24" width="18" height="18" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
      {children}
    </svg>
  );
}

export const icons = {
  undo: (
    <Icon>
      <path d="M9 14 4 9l5-5" />
      <path d="M4 9h10.5a5.5 5.5 0 0 1 0 11H11" />
    </Icon>
  ),
  redo: (
    <Icon>
      <path d="m15 14 5-5-5-5" />
      <path d="M20 9H9.5a5.5 5.5 0 0 0 0 11H13" />
    </Icon>
  ),
  bold: (
    <Icon>
      <path d="M7 5h6a3.5 3.5 0 0 1 0 7H7zM7 12h7a3.5 3.5 0 0 1 0 7H7z" strokeWidth="2.2" />
    </Icon>
  ),
  italic: (
    <Icon>
      <path d="M14 5h-4M14 19h-4M14 5l-4 14" transform="translate(1 0)" />
    </Icon>
  ),
  superscript: (
    <Icon>
      <path d="m4 8 8 11M12 8l-8 11" />
      <path d="M16 5.5a2 2 0 0 1 4 .3c0 1.5-4 2.5-4 4.2h4" strokeWidth="1.5" />
    </Icon>
  ),
  subscript: (
    <Icon>
      <path d="m4 5 8 11M12 5l-8 11" />
      <path d="M16 15.5a2 2 0 0 1 4 .3c0 1.5-4 2.5-4 4.2h4" strokeWidth="1.5" />
    </Icon>
  ),
  numbered: (
    <Icon>
      <path d="M4 6h2v5M4 11h4" strokeWidth="1.5" />
      <path d="M11 7h9M11 12h9M11 17h9" />
    </Icon>
  ),
  footnote: (
    <Icon>
      <path d="M4 6h11M4 11h11M4 18h6" />
      <path d="M18.5 3.5v5M16.3 4.8l4.4 2.4M16.3 7.2l4.4-2.4" strokeWidth="1.4" />
    </Icon>
  ),
  bulletList: (
    <Icon>
      <circle cx="5" cy="7" r="1" fill="currentColor" />
      <circle cx="5" cy="12" r="1" fill="currentColor" />
      <circle cx="5" cy="17" r="1" fill="currentColor" />
      <path d="M10 7h10M10 12h10M10 17h10" />
    </Icon>
  ),
  orderedList: (
    <Icon>
      <path d="M4 5h1.5v4M4 9h3M4 14.5a1.5 1.5 0 0 1 3 .2c0 1-3 1.8-3 3.3h3" strokeWidth="1.4" />
      <path d="M11 7h9M11 12h9M11 17h9" />
    </Icon>
  ),
  link: (
    <Icon>
      <path d="M10 14a4.5 4.5 0 0 0 6.4 0l3-3a4.5 4.5 0 0 0-6.4-6.4l-1 1" />
      <path d="M14 10a4.5 4.5 0 0 0-6.4 0l-3 3a4.5 4.5 0 0 0 6.4 6.4l1-1" />
    </Icon>
  ),
  download: (
    <Icon>
      <path d="M12 4v11M7 10l5 5 5-5M5 20h14" />
    </Icon>
  ),
  upload: (
    <Icon>
      <path d="M12 15V4M7 9l5-5 5 5M5 20h14" />
    </Icon>
  ),
  share: (
    <Icon>
      <circle cx="9" cy="8" r="3.2" />
      <path d="M3.5 19a5.5 5.5 0 0 1 11 0M17 8v6M14 11h6" />
    </Icon>
  ),
  plus: (
    <Icon>
      <path d="M12 5v14M5 12h14" strokeWidth="2" />
    </Icon>
  ),
  back: (
    <Icon>
      <path d="M15 5l-7 7 7 7" />
    </Icon>
  ),
};
