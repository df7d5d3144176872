/** The signed-in home: the reports the user may see, and "New report". */
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { api, ApiError, type ReportSummary } from '../api/http';
import { languageName } from '../../../shared/src/rooms';
import { AppHeader } from '../components/AppHeader';
import { NewReportDialog } from '../components/NewReportDialog';
import { useSession } from '../session';
import { ProgressBar } from '../components/ProgressBar';
import { icons } from '../editor/icons';
import { ListWordCount } from '../drafting/ListWordCount';

export function ReportListPage() {
  const { expire } = useSession();
  const [reports, setReports] = useState<ReportSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);

  useEffect(() => {
    document.title = 'Reports — Plenary';
    let live = true;
    api.listReports().then(
      (list) => live && setReports([...list].sort((a, b) => (b.createdAt ?? 0) - (a.createdAt ?? 0))),
      (err: unknown) => {
        if (!live) return;
        if (err instanceof ApiError && err.status === 401) expire();
        else setError(err instanceof ApiError ? err.message : 'The reports could not be loaded.');
      },
    );
    return () => {
      live = false;
    };
  }, [expire]);

  return (
    <div className="app">
      <AppHeader />
      <main className="list-page">
        <div className="list-head">
          <div>
            <h1>Reports</h1>
            <p className="muted">Drafts and their language versions you take part in.</p>
          </div>
          <button type="button" className="button primary" onClick={() => setCreating(true)}>
            {icons.plus} New report
          </button>
        </div>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        {reports === null && !error && <div className="list-skeleton" aria-busy="true" />}
        {reports && reports.length === 0 && (
          <div className="empty-state">
            <h2>No reports yet</h2>
            <p className="muted">Start a blank report or bring one in from a plain-text file.</p>
            <button type="button" className="button primary" onClick={() => setCreating(true)}>
              New report
            </button>
          </div>
        )}
        {reports && reports.length > 0 && (
          <ul className="report-list">
            {reports.map((report) => (
              <li key={report.id}>
                <Link to={`/reports/${report.id}`} className="report-row">
                  <span className="report-icon" aria-hidden="true">
                    <span />
                  </span>
                  <span className="report-main">
                    <span className="report-title">{report.title || 'Untitled report'}</span>
                    <span className="report-sub">
                      {report.symbol && <span className="symbol">{report.symbol}</span>}
                      <span className="langs">
                        <span className="lang original" title={`Original: ${languageName(report.originalLanguage)}`}>
                          {report.originalLanguage.toUpperCase()}
                        </span>
                        {report.languages.map((lang) => (
                          <span key={lang} className="lang" title={languageName(lang)}>
                            {lang.toUpperCase()}
                          </span>
                        ))}
                      </span>
                    </span>
                  </span>
                  <ListWordCount reportId={report.id} lang={report.originalLanguage} />
                  {report.progress && <ProgressBar progress={report.progress} />}
                  <span className={`role-badge role-${report.role}`}>{report.role}</span>
                  {report.createdAt && <span className="report-date">{new Date(report.createdAt).toLocaleDateString()}</span>}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </main>
      {creating && <NewReportDialog onClose={() => setCreating(false)} />}
    </div>
  );
}
