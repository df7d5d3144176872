/**
 * The inbox in the header (issue 13): mentions of me, replies in threads I took part in, my
 * suggestions accepted or rejected, newest first, with the unread count on the button. It
 * asks the server (GET /api/inbox) on opening the page, every 20 seconds while the tab is
 * visible, and on focus. Clicking an item marks it read and opens the report at its thread.
 */
import { useCallback, useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { request } from '../api/http';
import { useDismiss } from '../components/useDismiss';
import { formatWhen } from '../review/when';
import './inbox.css';

export interface InboxItem {
  id: string;
  kind: 'mention' | 'reply' | 'accepted' | 'rejected';
  reportId: string;
  threadId: string;
  by: string;
  at: number;
  excerpt: string;
  read: boolean;
}

const WHAT: Record<InboxItem['kind'], string> = {
  mention: 'mentioned you',
  reply: 'replied',
  accepted: 'accepted your suggestion',
  rejected: 'rejected your suggestion',
};

function useInbox() {
  const [items, setItems] = useState<InboxItem[]>([]);
  const refresh = useCallback(() => {
    // Offline there is nothing to ask (and a failed request would be noise in the console).
    if (!navigator.onLine) return;
    request<{ items: InboxItem[] }>('GET', '/api/inbox').then((r) => setItems(r.items), () => undefined);
  }, []);
  useEffect(() => {
    refresh();
    const timer = setInterval(() => document.visibilityState === 'visible' && navigator.onLine && refresh(), 20_000);
    window.addEventListener('focus', refresh);
    return () => {
      clearInterval(timer);
      window.removeEventListener('focus', refresh);
    };
  }, [refresh]);
  const markRead = useCallback((ids: string[]) => {
    if (!ids.length) return;
    setItems((all) => all.map((i) => (ids.includes(i.id) ? { ...i, read: true } : i)));
    if (navigator.onLine) void request('POST', '/api/inbox/read', { json: { ids } }).catch(() => undefined);
  }, []);
  return { items, refresh, markRead };
}

export function InboxButton() {
  const { items, refresh, markRead } = useInbox();
  const [open, setOpen] = useState(false);
  const navigate = useNavigate();
  useDismiss(open, (target) => target instanceof Element && !!target.closest('.inbox'), () => setOpen(false));
  const unread = items.filter((i) => !i.read).length;
  return (
    <div className="inbox">
      <button
        type="button"
        className="button ghost small inbox-button"
        aria-expanded={open}
        aria-label={unread ? `Inbox, ${unread} unread` : 'Inbox'}
        onClick={() => {
          if (!open) refresh();
          setOpen((v) => !v);
        }}
      >
        Inbox {unread > 0 && <span className="inbox-count">{unread}</span>}
      </button>
      {open && (
        <div className="inbox-panel" role="dialog" aria-label="Inbox">
          <div className="inbox-head">
            <strong>Inbox</strong>
            {unread > 0 && (
              <button type="button" className="button ghost small" onClick={() => markRead(items.filter((i) => !i.read).map((i) => i.id))}>
                Mark all read
              </button>
            )}
          </div>
          {items.length === 0 ? (
            <p className="muted inbox-empty">Nothing yet. Mentions, replies and decisions on your suggestions arrive here.</p>
          ) : (
            <ul className="inbox-list">
              {items.map((item) => (
                <li key={item.id} className={`inbox-item kind-${item.kind}${item.read ? '' : ' is-unread'}`}>
                  <button
                    type="button"
                    onClick={() => {
                      markRead([item.id]);
                      setOpen(false);
                      navigate(`/reports/${encodeURIComponent(item.reportId)}?thread=${encodeURIComponent(item.threadId)}`);
                    }}
                  >
                    <span className="inbox-who">
                      <strong>{item.by}</strong> {WHAT[item.kind]} <time>{formatWhen(item.at)}</time>
                    </span>
                    <span className="inbox-excerpt">{item.excerpt}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
