/**
 * `/reports/:id/translate/:lang` (docs/ARCHITECTURE.md "Client routes"): the translation grid of one language version.
 * Opens the original and the language room as soon as the report's languages are known
 * (useReport), and the workspace once both hold their content. Who may write the language
 * room (owner, its translators) decides whether rows get editors.
 */
import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useSession, useUser } from '../session';
import { AppHeader } from '../components/AppHeader';
import { ConnectionBadge } from '../collab/ConnectionBadge';
import { userColor } from '../collab/userColor';
import { icons } from '../editor/icons';
import { useReport } from '../report/useReport';
import { canWriteRoom } from '../../../shared/src/roles';
import { isLanguageCode, isRtl, languageName, sortLanguages } from '../../../shared/src/rooms';
import type { PresenceUser } from '../presence/presence';
import { useTranslationRooms } from './useTranslationRooms';
import { TranslateWorkspace } from './TranslateWorkspace';
import { TranslationExportMenu, TranslationImportButton } from './TranslationImportExport';
import { PretranslateButton } from './PretranslateDialog';
import { ImportReplyButton } from '../suggest/ImportReplyButton';
import './translate.css';

export function TranslatePage() {
  const { id = '', lang = '' } = useParams();
  const user = useUser();
  const { expire } = useSession();
  const navigate = useNavigate();
  const [roomsReady, setRoomsReady] = useState(false);
  const { access, detail, error } = useReport(id, expire, roomsReady);
  const known = access && (lang === access.originalLanguage || !access.languages.includes(lang)) ? false : true;
  const { rooms, ready } = useTranslationRooms(access?.id, access?.originalLanguage, known && isLanguageCode(lang) ? lang : undefined);
  useEffect(() => setRoomsReady(ready), [ready]);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);

  // Statuses are for those who write this language: wait for the details (myLanguages) before saying so.
  const writable = !!access && !!detail && canWriteRoom({ role: detail.role, languages: detail.myLanguages }, { kind: 'language', reportId: access.id, language: lang }, access);
  const canAddTerms = !!detail && (detail.role === 'owner' || detail.role === 'drafter' || detail.role === 'translator');
  const presenceUser = useMemo<PresenceUser>(
    () => ({ id: user.id, name: user.name, color: userColor(user.id), role: access?.role ?? 'viewer' }),
    [user.id, user.name, access?.role],
  );

  if (error || (access && !known)) {
    const why = error ?? `${languageName(lang)} is not a translation of this report.`;
    return (
      <div className="app">
        <AppHeader />
        <main className="centered-page">
          <h1>Translation unavailable</h1>
          <p className="muted">{why}</p>
          <Link to={access ? `/reports/${access.id}` : '/'} className="button ghost">
            {access ? 'Back to the report' : 'Back to your reports'}
          </Link>
        </main>
      </div>
    );
  }

  const title = detail?.meta.title?.replace(/\s+/g, ' ') || access?.title || 'Report';
  const targets = access ? sortLanguages(access.languages) : [];
  return (
    <div className="app report-app translate-app" lang="en">
      <AppHeader
        actions={
          access && (
            <>
              {writable && <TranslationImportButton reportId={access.id} lang={lang} onResult={(text, isError) => setMessage({ text, error: isError })} />}
              {writable && <PretranslateButton reportId={access.id} from={access.originalLanguage} lang={lang} onResult={(text, isError) => setMessage({ text, error: isError })} />}
              {access.role !== 'viewer' && <ImportReplyButton reportId={access.id} lang={lang} />}
              <TranslationExportMenu reportId={access.id} lang={lang} />
            </>
          )
        }
      >
        <Link to={`/reports/${id}`} className="back-link" aria-label="Back to the report">
          {icons.back}
        </Link>
        <div className="doc-heading">
          <h1 className="doc-title" title={title}>
            {title}
          </h1>
          <span className="doc-sub">
            {access?.symbol && <span className="symbol">{access.symbol}</span>}
            {access && (
              <span className="lang-pair">
                {languageName(access.originalLanguage)} →{' '}
                {targets.length > 1 ? (
                  <select className="lang-switch" value={lang} aria-label="Translation" onChange={(e) => navigate(`/reports/${access.id}/translate/${e.target.value}`)}>
                    {targets.map((l) => (
                      <option key={l} value={l}>
                        {languageName(l)}
                      </option>
                    ))}
                  </select>
                ) : (
                  languageName(lang)
                )}
              </span>
            )}
            {rooms && <ConnectionBadge connection={rooms.target} />}
          </span>
        </div>
      </AppHeader>
      {message && (
        <div className={`import-result${message.error ? ' error' : ''}`} role={message.error ? 'alert' : 'status'}>
          {message.text}
          <button type="button" className="icon-button" aria-label="Dismiss" onClick={() => setMessage(null)}>
            ×
          </button>
        </div>
      )}
      {access && rooms && ready ? (
        <TranslateWorkspace
          key={`${rooms.target.room}`}
          reportId={access.id}
          rooms={rooms}
          user={presenceUser}
          sourceLang={access.originalLanguage}
          targetLang={lang}
          writable={writable}
          canAddTerms={canAddTerms}
          members={detail?.members}
        />
      ) : (
        <div className="tgrid-loading" aria-busy="true" dir={isRtl(lang) ? 'rtl' : 'ltr'}>
          {[0, 1, 2, 3, 4].map((i) => (
            <div key={i} className="skeleton-row">
              <div />
              <div />
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
