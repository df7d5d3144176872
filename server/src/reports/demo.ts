/**
 * First start with an empty store: a demo account and the sample report (the English
 * original with its French translation, kept in server/samples), so there is something to
 * open at once.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hashPassword } from '../auth/passwords';
import { newId } from './ids';
import type { Plenary } from '../server';
import { importTranslation } from '../translation/importTranslation';

/**
 * server/samples, found from this module whether it runs from its source (tsx) or bundled into
 * dist/server/main.js (`npm start`): the nearest folder above that has it.
 */
function samplesDir(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'server/samples'))) return join(dir, 'server/samples/');
    if (dirname(dir) === dir) throw new Error('server/samples not found above ' + fileURLToPath(import.meta.url));
  }
}

const SAMPLES = samplesDir();
export const DEMO_USER = { name: 'demo', password: 'plenary-demo' };

export async function seedDemo(plenary: Pick<Plenary, 'storage' | 'reports' | 'translations'>) {
  if ((await plenary.storage.countUsers()) > 0) return null;
  const user = await plenary.storage.createUser({ id: newId(9), name: DEMO_USER.name, passwordHash: await hashPassword(DEMO_USER.password) });
  const text = readFileSync(`${SAMPLES}ctoc-cop-2012-wg-report.en.txt`, 'utf8');
  const { id } = await plenary.reports.create(user, {
    title: '', originalLanguage: 'en', languages: ['fr', 'ar', 'es', 'ru', 'zh'], symbol: 'CTOC/COP/2012/4', text,
  });
  const report = await plenary.storage.getReport(id);
  const french = readFileSync(`${SAMPLES}ctoc-cop-2012-wg-report.fr.txt`);
  if (report) await importTranslation(plenary.translations, report, 'fr', user.name, french, 'text/plain');
  return { ...DEMO_USER, reportId: id };
}
