/**
 * The glossary: agreed term pairs per language pair, shared by every report. Entries are
 * unique per (pair, source term, target term) compared without case or extra white space.
 * One contract suite runs against each store.
 */
import type { GlossaryEntry } from '../../../shared/src/translation/glossaryEntry';

export interface GlossaryStore {
  /** Entries of one language pair, by source term. */
  list(from: string, to: string): Promise<GlossaryEntry[]>;
  get(id: string): Promise<GlossaryEntry | null>;
  /** Adds the entry; returns null when the same pair of terms is already there. */
  add(entry: GlossaryEntry): Promise<GlossaryEntry | null>;
  remove(id: string): Promise<boolean>;
  /** Adds entries in one transaction, skipping pairs already there; returns how many were added. */
  addMany(entries: readonly GlossaryEntry[]): Promise<number>;
}

/** The key that makes two entries the same: lower case, white space normalised. */
export function termKey(term: string): string {
  return term.normalize('NFC').replace(/\s+/gu, ' ').trim().toLowerCase();
}
