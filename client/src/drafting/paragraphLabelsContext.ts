/** The original's paragraph numbers (pid → "12"), for references drawn in static grid rows. */
import { createContext } from 'react';

export const ParagraphLabelsContext = createContext<ReadonlyMap<string, string>>(new Map());
