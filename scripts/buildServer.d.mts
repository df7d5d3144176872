/** Types of scripts/buildServer.mjs, for the TypeScript that imports it (the bench). */
export const SERVER_BUNDLE: string;
export function serverBundleIsStale(): boolean;
export function buildServer(): Promise<void>;
export function newest(dir: string): number;
