/**
 * Per-keystroke work read from a Chromium trace (categories `devtools.timeline` and
 * `disabled-by-default-devtools.timeline`): for each keydown on the renderer's main thread,
 *
 * - input: the task that dispatched it (keydown, keypress, beforeinput, the DOM change and
 *   input run in one task; ProseMirror's transaction and Yjs run inside them),
 * - between: whatever else the main thread ran before the frame (keyup, selectionchange, timers),
 * - frame: the task of the first frame committed after the input task (animation-frame
 *   callbacks, style, layout, pre-paint, paint, commit to the compositor),
 *
 * so work = input + between + frame is the main thread's busy time from the keystroke to the
 * paint of its result, without the idle wait for the next frame of the display's clock.
 *
 * presented is Chromium's own Event Timing duration of the keydown: the event's timestamp →
 * the frame with its result presented on screen, waits included (what INP is made of).
 */

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { type?: string; duration?: number } };
}

export interface KeystrokeWork {
  input: number;
  between: number;
  frame: number;
  work: number;
  presented: number;
}

export function keystrokeWork(traceJson: string | Buffer): KeystrokeWork[] {
  const parsed = JSON.parse(traceJson.toString()) as { traceEvents: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
  const main = events.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  if (!main) throw new Error('the trace has no renderer main thread');
  const onMain = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X').sort((a, b) => a.ts - b.ts);
  const tasks = onMain.filter((e) => e.name === 'RunTask');
  const commits = onMain.filter((e) => e.name === 'Commit');
  const keydowns = onMain.filter((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'keydown');
  const timings = events
    .filter((e) => e.pid === main.pid && e.name === 'EventTiming' && e.ph === 'b' && e.args?.data?.type === 'keydown')
    .sort((a, b) => a.ts - b.ts);
  if (timings.length !== keydowns.length) throw new Error(`${keydowns.length} keydowns but ${timings.length} Event Timing entries`);
  const end = (e: TraceEvent) => e.ts + (e.dur ?? 0);
  const taskAt = (ts: number) => tasks.find((t) => t.ts <= ts && ts <= end(t));

  const samples: KeystrokeWork[] = [];
  for (const [i, keydown] of keydowns.entries()) {
    const input = taskAt(keydown.ts);
    const commit = input && commits.find((c) => c.ts >= end(input));
    const frame = commit && taskAt(commit.ts);
    if (!input || !frame) continue;
    const between = tasks.filter((t) => t.ts >= end(input) && end(t) <= frame.ts).reduce((sum, t) => sum + (t.dur ?? 0), 0);
    const ms = (us: number) => us / 1000;
    samples.push({
      input: ms(input.dur ?? 0),
      between: ms(between),
      frame: ms(frame.dur ?? 0),
      work: ms((input.dur ?? 0) + between + (frame.dur ?? 0)),
      presented: timings[i].args!.data!.duration!,
    });
  }
  return samples;
}
