/**
 * The Export button and its menu of the server's renderings, for the report and for one
 * language version. Files download; HTML views open in a tab, where they can be read or printed.
 */
import { useRef, useState, type ReactNode } from 'react';
import { icons } from '../editor/icons';
import { useDismiss } from './useDismiss';

export interface DownloadLink {
  key: string;
  href: string;
  label: string;
  /** Open in a new tab rather than download. */
  inTab?: boolean;
}

export interface DownloadMenuProps {
  links: readonly DownloadLink[];
  /** Extra class of the popup, for menus styled apart. */
  className?: string;
  caption?: ReactNode;
  /** Items after the links; `close` lets an item that acts in place shut the menu. */
  footer?: (close: () => void) => ReactNode;
}

export function DownloadMenu({ links, className, caption, footer }: DownloadMenuProps) {
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  const close = () => setOpen(false);
  useDismiss(open, (target) => !!ref.current?.contains(target as Node | null), close);

  return (
    <div className="menu" ref={ref}>
      <button type="button" className="button ghost small" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen((v) => !v)}>
        {icons.download} Export
      </button>
      {open && (
        <div className={className ? `menu-popup ${className}` : 'menu-popup'} role="menu">
          {caption && <div className="menu-caption">{caption}</div>}
          {links.map(({ key, href, label, inTab }) => (
            <a key={key} role="menuitem" href={href} download={inTab ? undefined : ''} target={inTab ? '_blank' : undefined} rel="noopener" onClick={close}>
              {label}
            </a>
          ))}
          {footer?.(close)}
        </div>
      )}
    </div>
  );
}
