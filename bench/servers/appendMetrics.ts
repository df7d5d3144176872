/**
 * Plenary's group-commit times, read from its /metrics (`plenary_append_seconds`) before and
 * after a timed window: how many commits ran, their mean, and the share that took longer
 * than 10 ms. A commit (SQLite, synchronous=FULL: the fsync included) runs on the event loop
 * and nothing is relayed before it, so its tail bounds the relay latency's tail.
 */
export interface AppendHistogram {
  buckets: Map<string, number>;
  count: number;
  sum: number;
}

export async function readAppendHistogram(http: string): Promise<AppendHistogram | null> {
  try {
    const text = await (await fetch(`${http}/metrics`)).text();
    const buckets = new Map<string, number>();
    let count = 0;
    let sum = 0;
    for (const line of text.split('\n')) {
      const bucket = /^plenary_append_seconds_bucket\{le="([^"]+)"\} (\d+)/.exec(line);
      if (bucket) buckets.set(bucket[1], Number(bucket[2]));
      else if (line.startsWith('plenary_append_seconds_count ')) count = Number(line.split(' ')[1]);
      else if (line.startsWith('plenary_append_seconds_sum ')) sum = Number(line.split(' ')[1]);
    }
    return { buckets, count, sum };
  } catch {
    return null;
  }
}

/** Commits in the window, their mean in ms, and the percentage over 10 ms. */
export function appendWindow(before: AppendHistogram | null, after: AppendHistogram | null): Record<string, number> {
  if (!before || !after) return {};
  const commits = after.count - before.count;
  const within10 = (after.buckets.get('0.01') ?? 0) - (before.buckets.get('0.01') ?? 0);
  return {
    commits,
    commitMeanMs: commits > 0 ? ((after.sum - before.sum) / commits) * 1000 : NaN,
    commitsOver10msPct: commits > 0 ? ((commits - within10) / commits) * 100 : NaN,
  };
}
