/**
 * Opens the translation stores (memory and glossary) on the database DATABASE_URL names, with
 * a connection of their own (storage/sideDatabase.ts).
 */
import type { TranslationMemory } from './types';
import type { GlossaryStore } from '../glossary/types';
import { SqliteTranslationMemory } from './sqlite';
import { PostgresTranslationMemory, TM_RECOUNT, TM_SCHEMA } from './postgres';
import { SqliteGlossary } from '../glossary/sqlite';
import { GLOSSARY_SCHEMA, PostgresGlossary } from '../glossary/postgres';
import { openSideDatabase } from '../storage/sideDatabase';

export interface TranslationStores {
  tm: TranslationMemory;
  glossary: GlossaryStore;
  close(): Promise<void>;
}

export async function openTranslationStores(url: string): Promise<TranslationStores> {
  const side = await openSideDatabase(url, { postgresSchema: TM_SCHEMA + GLOSSARY_SCHEMA + TM_RECOUNT, migrationLock: [10, 1] });
  return side.kind === 'sqlite'
    ? { tm: new SqliteTranslationMemory(side.db), glossary: new SqliteGlossary(side.db), close: side.close }
    : { tm: new PostgresTranslationMemory(side.pool), glossary: new PostgresGlossary(side.pool), close: side.close };
}
