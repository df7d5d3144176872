/**
 * Links with safe protocols only (http, https, mailto): anything else is refused when set,
 * pasted or parsed, and rendered without an href. Only `href` is stored in the document.
 */
import Link from '@tiptap/extension-link';
import { isSafeHref } from '../../../../shared/src/format/html';

// One rule for every place that writes an href (the HTML export uses it too).
export { isSafeHref };

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
