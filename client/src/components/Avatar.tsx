/** A round initial in the user's colour. */
export function Avatar({ name, color, size = 28, title }: { name: string; color: string; size?: number; title?: string }) {
  const initials = name
    .split(/[\s._@-]+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]!.toUpperCase())
    .join('');
  return (
    <span className="avatar" style={{ background: color, width: size, height: size, fontSize: size * 0.42 }} title={title ?? name} aria-hidden="true">
      {initials || '?'}
    </span>
  );
}
