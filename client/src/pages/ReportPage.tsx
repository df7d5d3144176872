/**
 * `/reports/:id`: loads the report's details (role, languages, members), opens the original
 * room and shows the editor once the room holds its content. The details are remembered on
 * this device so that a report opened before still opens offline.
 */
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api, ApiError, type ReportDetail } from '../api/http';
import { useSession, useUser } from '../session';
import { AppHeader } from '../components/AppHeader';
import { RoomConnection } from '../collab/roomConnection';
import { ConnectionBadge } from '../collab/ConnectionBadge';
import { userColor } from '../collab/userColor';
import { ReportEditor } from '../editor/ReportEditor';
import { ExportMenu } from '../report/ExportMenu';
import { ImportButton } from '../report/ImportButton';
import { ShareDialog } from '../report/ShareDialog';
import { ReportInfo } from '../report/ReportInfo';
import { icons } from '../editor/icons';
import { BODY_FRAGMENT } from '../../../shared/src/model/yBody';
import { canWriteRoom } from '../../../shared/src/roles';
import { roomName, languageName } from '../../../shared/src/rooms';

const detailKey = (id: string) => `plenary.report.${id}`;

function useReportDetail(id: string) {
  const { expire } = useSession();
  const [detail, setDetail] = useState<ReportDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    setDetail(null);
    setError(null);
    api.getReport(id).then(
      (d) => {
        if (!live) return;
        localStorage.setItem(detailKey(id), JSON.stringify(d));
        performance.mark('plenary:detail');
        setDetail(d);
      },
      (err: unknown) => {
        if (!live) return;
        const cached = localStorage.getItem(detailKey(id));
        if (err instanceof ApiError && err.status === 0 && cached) setDetail(JSON.parse(cached) as ReportDetail);
        else if (err instanceof ApiError && err.status === 401) expire();
        else setError(err instanceof ApiError && err.status === 404 ? 'This report does not exist, or you have no access to it.' : err instanceof ApiError ? err.message : 'The report could not be loaded.');
      },
    );
    return () => {
      live = false;
    };
  }, [id, expire]);
  return { detail, setDetail, error };
}

function useRoom(detail: ReportDetail | null) {
  const [connection, setConnection] = useState<RoomConnection | null>(null);
  const [ready, setReady] = useState(false);
  const id = detail?.id;
  const lang = detail?.originalLanguage;
  useEffect(() => {
    if (!id || !lang) return;
    const room = new RoomConnection(roomName(id, lang), (doc) => doc.getXmlFragment(BODY_FRAGMENT).length > 0);
    let live = true;
    setConnection(room);
    setReady(false);
    void room.ready.then(() => {
      performance.mark('plenary:room-ready');
      if (live) setReady(true);
    });
    return () => {
      live = false;
      room.destroy();
      setConnection(null);
    };
  }, [id, lang]);
  return { connection, ready };
}

export function ReportPage() {
  const { id = '' } = useParams();
  const user = useUser();
  const { detail, setDetail, error } = useReportDetail(id);
  const { connection, ready } = useRoom(detail);
  const [sharing, setSharing] = useState(false);

  if (error) {
    return (
      <div className="app">
        <AppHeader />
        <main className="centered-page">
          <h1>Report unavailable</h1>
          <p className="muted">{error}</p>
          <Link to="/" className="button ghost">
            Back to your reports
          </Link>
        </main>
      </div>
    );
  }

  const writable = detail
    ? canWriteRoom({ role: detail.role, languages: detail.myLanguages }, { kind: 'language', reportId: detail.id, language: detail.originalLanguage }, detail)
    : false;

  const title = detail?.meta.title?.replace(/\s+/g, ' ') || detail?.title || 'Report';
  return (
    <div className="app report-app">
      <AppHeader
        actions={
          detail && (
            <>
              {writable && connection && <ImportButton doc={connection.doc} originalLanguage={detail.originalLanguage} />}
              <ExportMenu reportId={detail.id} />
              <button type="button" className="button primary small" onClick={() => setSharing(true)}>
                {icons.share} Share
              </button>
            </>
          )
        }
      >
        <Link to="/" className="back-link" aria-label="All reports">
          {icons.back}
        </Link>
        <div className="doc-heading">
          <span className="doc-title" title={title}>
            {title}
          </span>
          <span className="doc-sub">
            {detail?.symbol && <span className="symbol">{detail.symbol}</span>}
            {detail && <span>{languageName(detail.originalLanguage)} original</span>}
            {connection && <ConnectionBadge connection={connection} />}
          </span>
        </div>
      </AppHeader>
      {detail && connection && ready ? (
        <ReportEditor
          connection={connection}
          user={{ id: user.id, name: user.name, color: userColor(user.id), role: detail.role }}
          lang={detail.originalLanguage}
          writable={writable}
          aside={<ReportInfo detail={detail} />}
        />
      ) : (
        <div className="desk loading">
          <div className="page skeleton" aria-busy="true">
            <div />
            <div />
            <div />
          </div>
          {connection && <RoomWaitHint connection={connection} />}
        </div>
      )}
      {sharing && detail && (
        <ShareDialog
          reportId={detail.id}
          members={detail.members}
          languages={detail.languages}
          isOwner={detail.role === 'owner'}
          onClose={() => {
            setSharing(false);
            void api.getReport(detail.id).then(setDetail, () => undefined);
          }}
        />
      )}
    </div>
  );
}

function RoomWaitHint({ connection }: { connection: RoomConnection }) {
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setSlow(true), 4000);
    return () => clearTimeout(timer);
  }, []);
  if (!slow) return null;
  return (
    <p className="wait-hint muted">
      {navigator.onLine ? 'Still connecting to the server…' : 'This report has not been opened on this device yet. It will load when you are back online.'}
      <ConnectionBadge connection={connection} />
    </p>
  );
}
