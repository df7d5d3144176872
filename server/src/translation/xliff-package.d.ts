/** Types for the parts of the `xliff` package (which ships none) that xliff.ts uses. */
declare module 'xliff/xliff12ToJs' {
  import type { XliffJs, XliffReadOptions } from 'xliff/types';
  export default function xliff12ToJs(xml: string, options?: XliffReadOptions): Promise<XliffJs>;
}
declare module 'xliff/xliff2js' {
  import type { XliffJs, XliffReadOptions } from 'xliff/types';
  export default function xliff2js(xml: string, options?: XliffReadOptions): Promise<XliffJs>;
}
declare module 'xliff/types' {
  export interface XliffReadOptions {
    /** Inline elements flattened into the text. */
    inlineAsString?: boolean;
  }
  export interface XliffJsUnit {
    source?: unknown;
    target?: unknown;
    note?: unknown;
    groupUnits?: Record<string, XliffJsUnit>;
  }
  export interface XliffJs {
    sourceLanguage?: string;
    targetLanguage?: string;
    resources?: Record<string, Record<string, XliffJsUnit>>;
  }
}
