/**
 * QA of the grid's rows, cached by what a row's checks depend on (glossary, footnote and
 * paragraph references, the numbers references show, source and translation text). One compute checks at most QA_BUDGET rows; the
 * rest wait in a queue drained in small tasks after the grid has painted (a 500-row
 * translation opens without 500 rows of regular expressions in its way).
 */
import type { BlockInfo, PMTextBlock } from '../../../shared/src/model/schema';
import { referenceTargets } from '../../../shared/src/references/paragraphRefs';
import { checkRow, countFootnoteRefs, type GlossaryTerm, type QaIssue } from '../../../shared/src/translation/qa';

/** Rows QA-checked per compute (and per background task). */
const QA_BUDGET = 40;
export const NO_ISSUES: readonly QaIssue[] = [];

export class RowQa {
  private glossary: readonly GlossaryTerm[] = [];
  private glossaryVersion = 0;
  private labels: ReadonlyMap<string, string> = new Map();
  private labelsKey = '';
  private readonly cache = new Map<string, { key: string; qa: readonly QaIssue[] }>();
  private readonly queue = new Set<string>();
  private budget = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly sourceLang: string,
    private readonly targetLang: string,
    /** Rows whose QA waited and is due now: the store recomputes them. */
    private readonly onDue: (pids: readonly string[]) => void,
  ) {}

  setGlossary(terms: readonly GlossaryTerm[]): void {
    this.glossary = terms;
    this.glossaryVersion++;
  }

  /** The numbers paragraph references show now (`key` names them for the cache). */
  setLabels(labels: ReadonlyMap<string, string>, key: string): void {
    this.labels = labels;
    this.labelsKey = key;
  }

  /** A compute begins: a fresh budget. */
  startCompute(): void {
    this.budget = QA_BUDGET;
  }

  check(info: BlockInfo, source: PMTextBlock, segment: PMTextBlock | null, segmentText: string): readonly QaIssue[] {
    const sourceRefs = countFootnoteRefs(source.content);
    const targetRefs = countFootnoteRefs(segment?.content);
    const sourceParagraphRefs = referenceTargets(source.content);
    const targetParagraphRefs = referenceTargets(segment?.content);
    const refsKey = `${sourceParagraphRefs.join(',')}|${targetParagraphRefs.join(',')}|${this.labelsKey}`;
    const key = `${this.glossaryVersion}\u0000${sourceRefs}:${targetRefs}\u0000${refsKey}\u0000${info.text}\u0000${segmentText}`;
    const cached = this.cache.get(info.pid);
    if (cached?.key === key) return cached.qa;
    if (this.budget <= 0) {
      this.queue.add(info.pid);
      return cached?.qa ?? NO_ISSUES;
    }
    this.budget--;
    const row = {
      source: info.text, target: segmentText, sourceLang: this.sourceLang, targetLang: this.targetLang, sourceFootnoteRefs: sourceRefs, targetFootnoteRefs: targetRefs,
      sourceParagraphRefs, targetParagraphRefs, paragraphLabels: this.labels,
    };
    const qa = checkRow(row, this.glossary);
    this.cache.set(info.pid, { key, qa: qa.length ? qa : NO_ISSUES });
    return qa.length ? qa : NO_ISSUES;
  }

  /** Drops queued rows that are no longer rows. */
  keepOnly(isRow: (pid: string) => boolean): void {
    for (const pid of this.queue) if (!isRow(pid)) this.queue.delete(pid);
  }

  /** Schedules the next small task of waiting rows, if any. */
  drain(): void {
    if (this.timer !== undefined || this.queue.size === 0) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const batch = [...this.queue].slice(0, QA_BUDGET);
      for (const pid of batch) this.queue.delete(pid);
      this.onDue(batch);
    }, 0);
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
