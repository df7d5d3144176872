/** Who is in the report: avatar, name, role and where they are; click to jump there. */
import type { Awareness } from 'y-protocols/awareness';
import { Avatar } from '../components/Avatar';
import { describeWhere, type Peer } from './presence';
import { usePeers } from './usePeers';

function jumpTo(peer: Peer) {
  const pid = peer.where?.pid;
  if (!pid) return;
  document.querySelector(`.ProseMirror [data-pid="${CSS.escape(pid)}"]`)?.scrollIntoView({ block: 'center', behavior: 'smooth' });
}

export function PresenceBar({ awareness }: { awareness: Awareness }) {
  const peers = usePeers(awareness);
  return (
    <div className="presence-bar" aria-label="People in this report">
      <ul>
        {peers.map((peer) => {
          const where = describeWhere(peer.where);
          const label = `${peer.user.name}${peer.self ? ' (you)' : ''} · ${peer.user.role}${where ? ` · ${where}` : ''}`;
          return (
            <li key={peer.user.id} className={`presence-peer${peer.self ? ' self' : ''}`} data-user={peer.user.name} data-pid={peer.where?.pid ?? ''}>
              <button type="button" onClick={() => jumpTo(peer)} title={label} aria-label={label}>
                <Avatar name={peer.user.name} color={peer.user.color} size={28} />
                <span className="presence-text">
                  <span className="presence-name">
                    {peer.user.name}
                    {peer.self && <span className="muted"> (you)</span>}
                  </span>
                  <span className="presence-meta">
                    {peer.user.role}
                    {where && <> · {where}</>}
                  </span>
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
