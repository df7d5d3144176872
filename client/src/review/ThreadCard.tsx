/**
 * One thread in the margin. Collapsed, it shows its first message and how many replies follow;
 * active (clicked, or its text clicked), it shows every message, the reply box and its actions:
 * resolve/reopen for anyone who may write the review room, accept/reject of a suggestion for
 * those who may write the text, edit/delete of one's own messages. Everything is text.
 */
import { useState } from 'react';
import { ChangeSummary } from '../suggest/ChangeSummary';
import type * as Y from 'yjs';
import { editMessage, reply, setStatus, type Message, type Thread } from '../../../shared/src/review/threads';
import { Avatar } from '../components/Avatar';
import { MentionInput } from './MentionInput';
import { MessageText } from './mentionText';
import { formatExact, formatWhen } from './when';

export interface ThreadCardProps {
  thread: Thread;
  review: Y.Doc;
  /** Its text is gone: shown with its quote. */
  detached: boolean;
  /** The text at the anchor now, when it differs from the quote. */
  currentText: string | null;
  active: boolean;
  hovered: boolean;
  me: string;
  colorOf: (name: string) => string;
  members: readonly string[];
  canComment: boolean;
  canDecide: boolean;
  onActivate: (id: string | null) => void;
  onHover: (id: string | null) => void;
  onAccept: (thread: Thread) => boolean;
}

const STATUS_LABEL: Record<Thread['status'], string> = { open: 'Open', resolved: 'Resolved', accepted: 'Accepted', rejected: 'Rejected' };

export function ThreadCard(props: ThreadCardProps) {
  const { thread, review, detached, currentText, active, hovered, me, canComment, canDecide, onActivate, onHover } = props;
  const [draft, setDraft] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const messages = thread.messages;
  const shown = active ? messages : messages.slice(0, 1);
  const hidden = messages.length - shown.length;
  const isOpen = thread.status === 'open';
  const suggestion = thread.kind === 'suggestion';

  const send = () => {
    if (!draft.trim()) return;
    reply(review, thread.id, me, draft.trim());
    setDraft('');
  };

  return (
    <section
      className={`review-card kind-${thread.kind} status-${thread.status}${active ? ' is-active' : hovered ? ' is-hover' : ''}${detached ? ' is-detached' : ''}`}
      data-thread={thread.id}
      data-status={thread.status}
      data-change={thread.change ?? undefined}
      aria-label={`${suggestion ? 'Suggestion' : 'Comment'} by ${thread.createdBy}`}
      onMouseEnter={() => onHover(thread.id)}
      onMouseLeave={() => onHover(null)}
      onClick={() => !active && onActivate(thread.id)}
      tabIndex={active ? -1 : 0}
      onKeyDown={(e) => {
        if (!active && e.target === e.currentTarget && (e.key === 'Enter' || e.key === ' ')) {
          e.preventDefault();
          onActivate(thread.id);
        }
      }}
    >
      <header className="review-card-head">
        <Avatar name={thread.createdBy} color={props.colorOf(thread.createdBy)} size={26} />
        <div className="review-card-who">
          <strong>{thread.createdBy}</strong>
          <time title={formatExact(thread.createdAt)}>{formatWhen(thread.createdAt)}</time>
        </div>
        {!isOpen && <span className={`review-status status-${thread.status}`}>{STATUS_LABEL[thread.status]}</span>}
        {suggestion && isOpen && canDecide && (
          <>
            <button
              type="button"
              className="review-icon-button accept"
              title="Accept"
              aria-label="Accept suggestion"
              onClick={(e) => {
                e.stopPropagation();
                if (!props.onAccept(thread)) {
                  setNotice('The suggested text no longer exists; nothing was changed.');
                  onActivate(thread.id);
                }
              }}
            >
              ✓
            </button>
            <button
              type="button"
              className="review-icon-button reject"
              title="Reject"
              aria-label="Reject suggestion"
              onClick={(e) => {
                e.stopPropagation();
                setStatus(review, thread.id, 'rejected');
              }}
            >
              ✕
            </button>
          </>
        )}
        {canComment && !suggestion && (
          <button
            type="button"
            className="review-icon-button"
            title={isOpen ? 'Resolve' : 'Reopen'}
            aria-label={isOpen ? 'Resolve' : 'Reopen'}
            onClick={(e) => {
              e.stopPropagation();
              setStatus(review, thread.id, isOpen ? 'resolved' : 'open');
              if (isOpen) onActivate(null);
            }}
          >
            {isOpen ? '✓' : '↺'}
          </button>
        )}
      </header>

      {detached ? (
        <p className="review-quote detached" title="The text this thread was about has been deleted">
          <span className="review-detached-label">{suggestion ? 'Outdated' : 'Detached'}</span> “{thread.quote}”
        </p>
      ) : suggestion ? (
        <ChangeSummary thread={thread} />
      ) : (
        <p className="review-quote">“{thread.quote}”</p>
      )}
      {currentText !== null && active && isOpen && (
        <p className="review-warning">The text has changed since: “{currentText}”</p>
      )}

      <ol className="review-messages">
        {shown.map((m) => (
          <MessageItem key={m.id} message={m} thread={thread} review={review} me={me} members={props.members} colorOf={props.colorOf} editable={active && canComment && m.author === me} />
        ))}
      </ol>
      {hidden > 0 && <p className="review-more">{hidden === 1 ? '1 reply' : `${hidden} replies`}</p>}

      {active && (
        <div className="review-card-foot" onClick={(e) => e.stopPropagation()}>
          {suggestion && isOpen && canDecide && (
            <div className="review-decide">
              <button
                type="button"
                className="button primary small"
                onClick={() => {
                  if (!props.onAccept(thread)) setNotice('The suggested text no longer exists; nothing was changed.');
                }}
              >
                Accept
              </button>
              <button type="button" className="button small" onClick={() => setStatus(review, thread.id, 'rejected')}>
                Reject
              </button>
            </div>
          )}
          {notice && <p className="review-warning">{notice}</p>}
          {canComment && (
            <>
              <MentionInput value={draft} onChange={setDraft} onSubmit={send} onCancel={() => onActivate(null)} members={props.members} placeholder="Reply… (@ to mention)" label="Reply" />
              <div className="review-row-actions">
                <button type="button" className="button primary small" disabled={!draft.trim()} onClick={send}>
                  Reply
                </button>
                {!suggestion && isOpen && (
                  <button
                    type="button"
                    className="button small"
                    onClick={() => {
                      if (draft.trim()) send();
                      setStatus(review, thread.id, 'resolved');
                      onActivate(null);
                    }}
                  >
                    {draft.trim() ? 'Reply & resolve' : 'Resolve'}
                  </button>
                )}
                {!isOpen && (
                  <button type="button" className="button small" onClick={() => setStatus(review, thread.id, 'open')}>
                    Reopen
                  </button>
                )}
              </div>
            </>
          )}
        </div>
      )}
    </section>
  );
}

interface MessageItemProps {
  message: Message;
  thread: Thread;
  review: Y.Doc;
  me: string;
  members: readonly string[];
  colorOf: (name: string) => string;
  editable: boolean;
}

function MessageItem({ message, thread, review, me, members, colorOf, editable }: MessageItemProps) {
  const [editing, setEditing] = useState<string | null>(null);
  const first = thread.messages[0]?.id === message.id;
  const save = () => {
    if (editing === null || !editing.trim()) return;
    editMessage(review, thread.id, message.id, me, editing.trim());
    setEditing(null);
  };
  return (
    <li className="review-message" data-message={message.id}>
      {!first && (
        <div className="review-message-head">
          <Avatar name={message.author} color={colorOf(message.author)} size={20} />
          <strong>{message.author}</strong>
          <time title={formatExact(message.at)}>{formatWhen(message.at)}</time>
        </div>
      )}
      {editing !== null ? (
        <div className="review-edit" onClick={(e) => e.stopPropagation()}>
          <MentionInput value={editing} onChange={setEditing} onSubmit={save} onCancel={() => setEditing(null)} members={members} placeholder="Edit your message" label="Edit message" autoFocus />
          <div className="review-row-actions">
            <button type="button" className="button primary small" disabled={!editing.trim()} onClick={save}>
              Save
            </button>
            <button type="button" className="button small" onClick={() => setEditing(null)}>
              Cancel
            </button>
          </div>
        </div>
      ) : message.deleted ? (
        <p className="review-body deleted">Message deleted</p>
      ) : (
        <p className="review-body">
          <MessageText body={message.body} me={me} members={members} />
          {message.editedAt ? <span className="review-edited"> (edited)</span> : null}
        </p>
      )}
      {editable && !message.deleted && editing === null && (
        <div className="review-own" onClick={(e) => e.stopPropagation()}>
          <button type="button" className="link-button" onClick={() => setEditing(message.body)}>
            Edit
          </button>
          <button type="button" className="link-button" onClick={() => editMessage(review, thread.id, message.id, me, null)}>
            Delete
          </button>
        </div>
      )}
    </li>
  );
}
