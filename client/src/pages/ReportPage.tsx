/**
 * `/reports/:id`: opens the original room as soon as the report's language and the caller's
 * role are known (see useReport), and shows the editor once the room holds its content.
 */
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useSession, useUser } from '../session';
import { AppHeader } from '../components/AppHeader';
import { RoomConnection } from '../collab/roomConnection';
import { ConnectionBadge } from '../collab/ConnectionBadge';
import { userColor } from '../collab/userColor';
import { ReportEditor } from '../editor/ReportEditor';
import { ExportMenu } from '../report/ExportMenu';
import { ImportButton } from '../report/ImportButton';
import { ImportReplyButton } from '../suggest/ImportReplyButton';
import { ShareDialog } from '../report/ShareDialog';
import { ReportInfo } from '../report/ReportInfo';
import { useReport, type ReportAccess } from '../report/useReport';
import { ReviewLayer } from '../review/ReviewLayer';
import { HistoryButton } from '../history/HistoryPanel';
import { icons } from '../editor/icons';
import { ReportWordCount } from '../drafting/WordCountBadge';
import { NegotiationBar } from '../drafting/NegotiationBar';
import { BODY_FRAGMENT } from '../../../shared/src/model/yBody';
import { canWriteRoom } from '../../../shared/src/roles';
import { roomName, languageName } from '../../../shared/src/rooms';

function useRoom(access: ReportAccess | null) {
  const [connection, setConnection] = useState<RoomConnection | null>(null);
  const [ready, setReady] = useState(false);
  const id = access?.id;
  const lang = access?.originalLanguage;
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
  const { expire } = useSession();
  const [roomReady, setRoomReady] = useState(false);
  const { access, detail, error, refresh } = useReport(id, expire, roomReady);
  const { connection, ready } = useRoom(access);
  // useReport waits for the room's first sync before it asks for the (slower) details.
  useEffect(() => setRoomReady(ready), [ready]);
  // The server closed the room's socket because the session is gone: back to sign-in.
  useEffect(() => {
    if (!connection) return;
    return connection.subscribe(() => {
      if (connection.getSnapshot().refused === 'unauthorized') expire();
    });
  }, [connection, expire]);
  const [sharing, setSharing] = useState(false);
  const pageTitle = detail?.meta.title?.replace(/\s+/g, ' ') || access?.title;
  useEffect(() => {
    document.title = pageTitle ? `${pageTitle} — Plenary` : 'Plenary';
  }, [pageTitle]);

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

  const writable = access
    ? canWriteRoom({ role: access.role, languages: access.myLanguages }, { kind: 'language', reportId: access.id, language: access.originalLanguage }, access)
    : false;

  const title = pageTitle || 'Report';
  return (
    <div className="app report-app">
      <AppHeader
        actions={
          access && (
            <>
              {writable && connection && <ImportButton doc={connection.doc} originalLanguage={access.originalLanguage} />}
              {access.role !== 'viewer' && <ImportReplyButton reportId={access.id} lang={access.originalLanguage} />}
              <HistoryButton access={access} />
              <ExportMenu reportId={access.id} />
              <button type="button" className="button primary small" onClick={() => setSharing(true)}>
                {icons.share} {access.role === 'owner' ? 'Share' : 'People'}
              </button>
            </>
          )
        }
      >
        <Link to="/" className="back-link" aria-label="All reports">
          {icons.back}
        </Link>
        <div className="doc-heading">
          <h1 className="doc-title" title={title}>
            {title}
          </h1>
          <span className="doc-sub">
            {access?.symbol && <span className="symbol">{access.symbol}</span>}
            {access && <span>{languageName(access.originalLanguage)} original</span>}
            {connection && <ConnectionBadge connection={connection} />}
            {access && connection && ready && <ReportWordCount doc={connection.doc} reportId={access.id} isOwner={access.role === 'owner'} />}
            {access && connection && ready && <NegotiationBar doc={connection.doc} reportId={access.id} isOwner={access.role === 'owner'} />}
          </span>
        </div>
      </AppHeader>
      {access && connection && ready ? (
        <ReportEditor
          key={`${connection.room}:${access.role}:${writable}`}
          connection={connection}
          user={{ id: user.id, name: user.name, color: userColor(user.id), role: access.role }}
          lang={access.originalLanguage}
          writable={writable}
          suggestOnly={!writable && access.role !== 'viewer'}
          aside={detail && <ReportInfo detail={detail} />}
        />
      ) : (
        <main className="desk loading">
          <div className="page skeleton" aria-busy="true">
            <div />
            <div />
            <div />
          </div>
          {connection && <RoomWaitHint connection={connection} />}
        </main>
      )}
      {access && connection && ready && (
        <ReviewLayer
          reportId={access.id}
          lang={access.originalLanguage}
          doc={connection.doc}
          me={user}
          role={access.role}
          canWriteContent={writable}
          members={detail?.members ?? []}
        />
      )}
      {sharing && detail && (
        <ShareDialog
          reportId={detail.id}
          members={detail.members}
          languages={detail.languages}
          isOwner={detail.role === 'owner'}
          onClose={() => {
            setSharing(false);
            refresh();
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
