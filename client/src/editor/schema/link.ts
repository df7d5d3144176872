/**
 * Links with safe protocols only (http, https, mailto): anything else is refused when set,
 * pasted or parsed, and rendered without an href. Only `href` is stored in the document.
 */
import Link from '@tiptap/extension-link';

const SAFE_HREF = /^(https?:\/\/|mailto:)/i;

export function isSafeHref(href: unknown): href is string {
  if (typeof href !== 'string') return false;
  // Browsers ignore control characters and whitespace inside a scheme ("java\tscript:").
  const cleaned = href.replace(/[\u0000-\u0020\u007f-\u009f]/g, '');
  return SAFE_HREF.test(cleaned) && href.length <= 2048;
}

export const SafeLink = Link.extend({
  addAttributes() {
    return {
      href: {
        default: null,
        parseHTML: (element: HTMLElement) => element.getAttribute('href'),
      },
    };
  },
}).configure({
  openOnClick: false,
  autolink: false,
  linkOnPaste: true,
  protocols: [],
  HTMLAttributes: { target: '_blank', rel: 'noopener noreferrer nofollow', class: null },
  isAllowedUri: (url: string) => isSafeHref(url),
});
