/**
 * Who is signed in. The server keeps the session in an HttpOnly cookie; the client only asks
 * `/api/auth/me` once at start and after sign-in/out, and shares the answer through context.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, ApiError, type User } from './api/http';

export type SessionState = { status: 'loading' } | { status: 'signedOut' } | { status: 'signedIn'; user: User };

interface SessionContextValue {
  session: SessionState;
  signIn(name: string, password: string): Promise<void>;
  signUp(name: string, password: string): Promise<void>;
  signOut(): Promise<void>;
  /** The server said the session is gone (e.g. a 401 or a refused socket). */
  expire(): void;
}

const SessionContext = createContext<SessionContextValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<SessionState>({ status: 'loading' });

  useEffect(() => {
    let live = true;
    // The cookie is HttpOnly: remember locally who signed in. Signed out, the form shows at
    // once (no request, no 401 in the console); signed in, the app starts with the remembered
    // user while the server confirms the session in the background (and works offline).
    const cached = readCachedUser();
    if (!cached) {
      setSession({ status: 'signedOut' });
      return;
    }
    setSession({ status: 'signedIn', user: cached });
    if (!navigator.onLine) return;
    api.me().then(
      (user) => live && setSession((current) => (current.status === 'signedIn' && sameUser(current.user, user) ? current : { status: 'signedIn', user })),
      (err: unknown) => {
        // Unreachable server: keep working with the remembered user (offline editing).
        if (live && !(err instanceof ApiError && err.status === 0)) setSession({ status: 'signedOut' });
      },
    );
    return () => {
      live = false;
    };
  }, []);

  useEffect(() => {
    if (session.status === 'signedIn') localStorage.setItem(CACHED_USER_KEY, JSON.stringify(session.user));
    if (session.status === 'signedOut') localStorage.removeItem(CACHED_USER_KEY);
  }, [session]);

  const signIn = useCallback(async (name: string, password: string) => {
    setSession({ status: 'signedIn', user: await api.login(name, password) });
  }, []);
  const signUp = useCallback(async (name: string, password: string) => {
    setSession({ status: 'signedIn', user: await api.signup(name, password) });
  }, []);
  const signOut = useCallback(async () => {
    await api.logout().catch(() => undefined);
    setSession({ status: 'signedOut' });
  }, []);
  const expire = useCallback(() => setSession({ status: 'signedOut' }), []);

  const value = useMemo(() => ({ session, signIn, signUp, signOut, expire }), [session, signIn, signUp, signOut, expire]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The signed-in user; only for components rendered behind the sign-in gate. */
export function useUser(): User {
  const { session } = useSession();
  if (session.status !== 'signedIn') throw new Error('useUser while signed out');
  return session.user;
}

const CACHED_USER_KEY = 'plenary.user';

function sameUser(a: User, b: User): boolean {
  return a.id === b.id && a.name === b.name && a.isAdmin === b.isAdmin;
}

function readCachedUser(): User | null {
  try {
    const value = JSON.parse(localStorage.getItem(CACHED_USER_KEY) ?? 'null') as unknown;
    if (value && typeof value === 'object' && typeof (value as User).id === 'string' && typeof (value as User).name === 'string') return value as User;
  } catch {
    // ignore a corrupt entry
  }
  return null;
}
