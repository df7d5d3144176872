/** Export: the server renders every format; "Print / PDF" opens the print-ready HTML view. */
import { exportUrl } from '../api/http';
import { DownloadMenu } from '../components/DownloadMenu';

const FORMATS = [
  { format: 'docx', label: 'Word document (.docx)' },
  { format: 'html', label: 'Web page (.html)' },
  { format: 'md', label: 'Markdown (.md)' },
  { format: 'txt', label: 'Plain text (.txt)' },
] as const;

export function ExportMenu({ reportId }: { reportId: string }) {
  const links: { key: string; href: string; label: string; inTab: boolean }[] = FORMATS.map(({ format, label }) => ({ key: format, href: exportUrl(reportId, format), label, inTab: format === 'html' }));
  // Open suggestions as Word revisions, threads as Word comments (issue 13).
  links.splice(1, 0, { key: 'docx-tracked', href: `${exportUrl(reportId, 'docx')}&tracked=1`, label: 'Word with tracked changes (.docx)', inTab: false });

  const print = () => {
    const view = window.open(exportUrl(reportId, 'html'), '_blank');
    view?.addEventListener('load', () => view.print(), { once: true });
  };

  return (
    <DownloadMenu
      links={links}
      footer={(close) => (
        <>
          <div className="menu-sep" />
          <button
            type="button"
            role="menuitem"
            onClick={() => {
              close();
              print();
            }}
          >
            Print / PDF
          </button>
        </>
      )}
    />
  );
}
