/** The top bar: brand (home link), whatever the page puts in the middle, and the user. */
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { useSession, useUser } from '../session';
import { BrandMark } from './BrandMark';
import { Avatar } from './Avatar';
import { userColor } from '../collab/userColor';
import { InboxButton } from '../inbox/InboxButton';

export function AppHeader({ children, actions }: { children?: ReactNode; actions?: ReactNode }) {
  const user = useUser();
  const { signOut } = useSession();
  return (
    <header className="app-header">
      <Link to="/" className="app-brand" aria-label="Plenary — your reports">
        <BrandMark size={26} />
        <span>Plenary</span>
      </Link>
      <div className="app-header-middle">{children}</div>
      <div className="app-header-actions">
        {actions}
        <InboxButton />
        <div className="user-chip" title={`Signed in as ${user.name}`}>
          <Avatar name={user.name} color={userColor(user.id)} size={28} />
          <span className="user-chip-name">{user.name}</span>
        </div>
        <button type="button" className="button ghost small" onClick={() => void signOut()}>
          Sign out
        </button>
      </div>
    </header>
  );
}
