/** Which rows need work, and which a grid filter shows. */
import type { GridRow } from './gridStore';
import type { RowFilter } from './GridBar';

export const needsWork = (row: GridRow) => row.state === 'untranslated' || row.state === 'draft' || row.stale;

export function matchesFilter(row: GridRow, filter: RowFilter): boolean {
  switch (filter) {
    case 'all':
      return true;
    case 'todo':
      return needsWork(row);
    case 'stale':
      return row.stale;
    case 'qa':
      return row.qa.length > 0;
  }
}
