/** The few Plenary HTTP calls the bench makes to prepare its rooms: a user and reports. */

async function call<T>(base: string, method: string, path: string, token: string | null, body: unknown, contentType = 'application/json'): Promise<T> {
  const headers: Record<string, string> = { 'content-type': contentType };
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(base + path, { method, headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

export async function signUp(base: string, name = 'bench'): Promise<string> {
  const { token } = await call<{ token: string }>(base, 'POST', '/api/auth/signup', null, { name, password: 'bench password 1234' });
  return token;
}

export interface CreatedReport {
  id: string;
  rooms: string[];
}

export function createReport(base: string, token: string, input: { title: string; languages: string[]; text?: string }): Promise<CreatedReport> {
  return call<CreatedReport>(base, 'POST', '/api/reports', token, { originalLanguage: 'en', ...input });
}

/** Fills a language version from a plain-text translation in the samples' format. */
export function importTranslation(base: string, token: string, reportId: string, lang: string, text: string): Promise<{ imported: number }> {
  return call(base, 'POST', `/api/reports/${reportId}/import?lang=${lang}`, token, text, 'text/plain; charset=utf-8');
}
