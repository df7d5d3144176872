/**
 * Markdown export and import of a report.
 *
 * Export: the masthead as one block of lines (backslash hard breaks), the title as `#`,
 * headings as `##`, numbered paragraphs as `N\. text` — the escaped dot keeps renderers from
 * turning them into a list that renumbers itself — bold, italic, `<sup>`/`<sub>`, footnotes as
 * `[^m]` references with `[^m]: text` definitions at the end (a `*` marker stays `*`).
 *
 * Import reads the subset of CommonMark/GFM that reports use: ATX and setext headings,
 * paragraphs, `N\.` numbered paragraphs, lists (a loose `1.` list, one paragraph per item, is
 * the usual way to write numbered paragraphs, so it becomes them), emphasis, links, footnotes,
 * `<sup>`/`<sub>`/`<br>`; other HTML tags are dropped and their text kept.
 *
 * Invariant: a link is kept, on export and import alike, only when `isSafeHref` accepts it.
 */
export { parseMarkdown } from './parse';
export { serializeMarkdown } from './serialize';
