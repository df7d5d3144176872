/** Right sidebar details: languages with translation progress, and members. */
import { Link } from 'react-router-dom';
import type { ReportDetail } from '../api/http';
import { languageName, sortLanguages } from '../../../shared/src/rooms';
import { ProgressBar } from '../components/ProgressBar';

export function ReportInfo({ detail }: { detail: ReportDetail }) {
  return (
    <section className="report-info">
      <h3 className="sidebar-title">Languages</h3>
      <p className="small">
        <span className="lang original">{detail.originalLanguage.toUpperCase()}</span> {languageName(detail.originalLanguage)} (original)
      </p>
      {detail.languages.length > 0 && detail.progress && Object.keys(detail.progress).length > 0 ? (
        <div className="info-progress">
          <ProgressBar progress={detail.progress} />
        </div>
      ) : (
        <p className="muted small">{detail.languages.map(languageName).join(', ') || 'No translations'}</p>
      )}
      {detail.languages.length > 0 && (
        <p className="small translate-links">
          Translate:{' '}
          {sortLanguages(detail.languages).map((lang) => (
            <Link key={lang} to={`/reports/${detail.id}/translate/${lang}`} className="lang" title={`Open the ${languageName(lang)} translation grid`}>
              {lang.toUpperCase()}
            </Link>
          ))}
        </p>
      )}
      <h3 className="sidebar-title">Members</h3>
      <p className="small muted">
        {detail.members.length} member{detail.members.length === 1 ? '' : 's'} · you are {detail.role === 'owner' ? 'an' : 'a'} {detail.role}
      </p>
    </section>
  );
}
