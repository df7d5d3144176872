/** The Plenary mark: a quiet blue tile with a "P" cut like a document corner. */
export function BrandMark({ size = 28 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" className="brand-mark">
      <rect width="32" height="32" rx="7" fill="#1f4f8b" />
      <path d="M10 8h8a6 6 0 0 1 0 12h-4v5h-4z" fill="#fff" />
    </svg>
  );
}
