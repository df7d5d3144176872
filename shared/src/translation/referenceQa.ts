/**
 * The QA check of paragraph references (shared/src/references): kept beside qa.ts, which runs it
 * last for every row. Compares targets (pids), reports with the numbers people see.
 */
import type { QaCode, QaIssue, QaRow } from './qa';

function qaIssue(code: QaCode, message: string, items: readonly string[]): QaIssue {
  return { code, message, detail: [...new Set(items)].join(', ') };
}

/**
 * Paragraph references: the translation names the same paragraphs as the source (the same
 * targets, as many times each), and none names a paragraph that was deleted. Unlike the other
 * checks this one also flags what the translation adds: a reference to another paragraph is wrong.
 */
export function referenceIssues(row: QaRow): QaIssue[] {
  const source = row.sourceParagraphRefs ?? [];
  const target = row.targetParagraphRefs ?? [];
  const labels = row.paragraphLabels;
  const name = (pid: string) => labels?.get(pid) ?? 'deleted';
  const issues: QaIssue[] = [];
  const key = (refs: readonly string[]) => [...refs].sort().join(' ');
  if (key(source) !== key(target)) {
    const list = (refs: readonly string[]) => (refs.length ? refs.map(name).join(', ') : 'none');
    issues.push(qaIssue('reference_mismatch', `Paragraph references differ: source ${list(source)}, translation ${list(target)}.`, target.map(name)));
  }
  if (labels) {
    const gone = [...source, ...target].filter((pid) => !labels.has(pid));
    if (gone.length) issues.push(qaIssue('reference_deleted', `${gone.length === 1 ? 'A reference points' : `${gone.length} references point`} at a deleted paragraph.`, gone));
  }
  return issues;
}
