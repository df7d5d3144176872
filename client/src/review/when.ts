/** "just now", "5 min ago", "14:02", "3 Mar 14:02": short times for threads and versions. */
const time = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dateTime = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
const fullDate = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });

export function formatWhen(at: number, now = Date.now()): string {
  if (!Number.isFinite(at) || at <= 0) return '';
  const seconds = Math.round((now - at) / 1000);
  if (seconds < 45) return 'just now';
  if (seconds < 3600) return `${Math.max(1, Math.round(seconds / 60))} min ago`;
  const then = new Date(at);
  const today = new Date(now);
  if (then.toDateString() === today.toDateString()) return time.format(then);
  return then.getFullYear() === today.getFullYear() ? dateTime.format(then) : fullDate.format(then);
}

/** The full date and time, for a tooltip. */
export function formatExact(at: number): string {
  return Number.isFinite(at) && at > 0 ? fullDate.format(new Date(at)) : '';
}
