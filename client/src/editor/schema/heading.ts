/** Headings with a `pid` (and Tiptap's `level`): UN reports use up to four levels. */
import Heading from '@tiptap/extension-heading';
import { pidAttribute } from './pidAttribute';

export const HEADING_LEVELS = [1, 2, 3, 4] as const;

export const ReportHeading = Heading.extend({
  addAttributes() {
    return { ...this.parent?.(), pid: pidAttribute };
  },
}).configure({ levels: [...HEADING_LEVELS] });
