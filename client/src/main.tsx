/** Entry point: routes (docs/ARCHITECTURE.md "Client routes") behind the session gate. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Link, Route, Routes } from 'react-router-dom';
import { SessionProvider, useSession } from './session';
import { SignInPage } from './pages/SignInPage';
import { ReportListPage } from './pages/ReportListPage';
import { ReportPage } from './pages/ReportPage';
import { TranslatePage } from './translate/TranslatePage';
import type { ReactNode } from 'react';
import './styles.css';

function SignedIn({ children }: { children: ReactNode }) {
  const { session } = useSession();
  if (session.status === 'loading') return <div className="splash" aria-busy="true" />;
  if (session.status === 'signedOut') return <SignInPage />;
  return <>{children}</>;
}

function NotFound() {
  return (
    <main className="centered-page">
      <h1>Page not found</h1>
      <p>
        <Link to="/">Back to your reports</Link>
      </p>
    </main>
  );
}

function App() {
  return (
    <Routes>
      <Route path="/" element={<SignedIn><ReportListPage /></SignedIn>} />
      <Route path="/reports/:id" element={<SignedIn><ReportPage /></SignedIn>} />
      <Route path="/reports/:id/translate/:lang" element={<SignedIn><TranslatePage /></SignedIn>} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}

// The application shell stays available offline (reports themselves are in IndexedDB).
if ('serviceWorker' in navigator && import.meta.env.PROD) {
  window.addEventListener('load', () => {
    void navigator.serviceWorker.register('/sw.js').catch(() => undefined);
  });
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <BrowserRouter>
      <SessionProvider>
        <App />
      </SessionProvider>
    </BrowserRouter>
  </StrictMode>,
);
