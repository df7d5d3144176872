/** Export: the server renders every format; "Print / PDF" opens the print-ready HTML view. */
import { useEffect, useRef, useState } from 'react';
import { exportUrl } from '../api/http';
import { icons } from '../editor/icons';

const FORMATS = [
  { format: 'docx', label: 'Word document (.docx)' },
  { format: 'html', label: 'Web page (.html)' },
  { format: 'md', label: 'Markdown (.md)' },
  { format: 'txt', label: 'Plain text (.txt)' },
] as const;

export function ExportMenu({ reportId }: { reportId: string }) {
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (event: MouseEvent) => {
      if (!ref.current?.contains(event.target as Node)) setOpen(false);
    };
    const escape = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setOpen(false);
    };
    document.addEventListener('mousedown', close);
    document.addEventListener('keydown', escape);
    return () => {
      document.removeEventListener('mousedown', close);
      document.removeEventListener('keydown', escape);
    };
  }, [open]);

  const print = () => {
    setOpen(false);
    const view = window.open(exportUrl(reportId, 'html'), '_blank');
    view?.addEventListener('load', () => view.print(), { once: true });
  };

  return (
    <div className="menu" ref={ref}>
      <button type="button" className="button ghost small" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen((v) => !v)}>
        {icons.download} Export
      </button>
      {open && (
        <div className="menu-popup" role="menu">
          {FORMATS.map(({ format, label }) => (
            <a key={format} role="menuitem" href={exportUrl(reportId, format)} download={format === 'html' ? undefined : ''} target={format === 'html' ? '_blank' : undefined} rel="noopener" onClick={() => setOpen(false)}>
              {label}
            </a>
          ))}
          <div className="menu-sep" />
          <button type="button" role="menuitem" onClick={print}>
            Print / PDF
          </button>
        </div>
      )}
    </div>
  );
}
