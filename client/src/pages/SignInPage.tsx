/** Sign-in and sign-up: one plain form (inputs `name` and `password`), a toggle between modes. */
import { useState, type FormEvent } from 'react';
import { useSession } from '../session';
import { ApiError } from '../api/http';
import { BrandMark } from '../components/BrandMark';

export function SignInPage() {
  const { signIn, signUp } = useSession();
  const [mode, setMode] = useState<'signIn' | 'signUp'>('signIn');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const name = String(form.get('name') ?? '').trim();
    const password = String(form.get('password') ?? '');
    setBusy(true);
    setError(null);
    try {
      await (mode === 'signIn' ? signIn(name, password) : signUp(name, password));
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'Something went wrong. Try again.');
      setBusy(false);
    }
  }

  const signingUp = mode === 'signUp';
  return (
    <main className="auth-page">
      <section className="auth-card" aria-labelledby="auth-title">
        <div className="auth-brand">
          <BrandMark />
          <span>Plenary</span>
        </div>
        <h1 id="auth-title">{signingUp ? 'Create your account' : 'Sign in'}</h1>
        <p className="muted">Draft and translate formal reports together, in every language.</p>
        <form className="auth-form" onSubmit={submit} method="post" action="/api/auth/login">
          <label>
            <span>Name</span>
            <input name="name" autoComplete="username" required maxLength={64} autoFocus />
          </label>
          <label>
            <span>Password</span>
            <input
              name="password"
              type="password"
              autoComplete={signingUp ? 'new-password' : 'current-password'}
              required
              minLength={signingUp ? 8 : undefined}
            />
          </label>
          {signingUp && <p className="hint">At least 8 characters.</p>}
          {error && (
            <p className="form-error" role="alert">
              {error}
            </p>
          )}
          <button type="submit" className="button primary wide" disabled={busy}>
            {busy ? 'Please wait…' : signingUp ? 'Create account' : 'Sign in'}
          </button>
        </form>
        <p className="auth-switch">
          {signingUp ? 'Already have an account?' : 'New to Plenary?'}{' '}
          <button
            type="button"
            className="link-button"
            onClick={() => {
              setMode(signingUp ? 'signIn' : 'signUp');
              setError(null);
            }}
          >
            {signingUp ? 'Sign in' : 'Create an account'}
          </button>
        </p>
      </section>
    </main>
  );
}
