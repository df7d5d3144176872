/** `/api/reports/:id/versions`: save, list, diff, restore — request schemas and answers. */
import { z } from 'zod';
import type { BlockChange } from '../history/blockDiff';

export const CreateVersionRequest = z.object({ label: z.string().trim().min(1, 'label is required').max(200) });
export type CreateVersionRequest = z.input<typeof CreateVersionRequest>;

export const RestoreRequest = z.object({ lang: z.string().optional() }).default({});
export type RestoreRequest = z.input<typeof RestoreRequest>;

/** `POST` (201) and each item of `GET`. */
export interface Version {
  id: number;
  label: string;
  auto: boolean;
  createdBy: string;
  createdAt: number;
}

export interface VersionListResponse {
  versions: Version[];
}

/** `GET /:v/diff?lang=xx[&to=w]`. */
export interface VersionDiff {
  from: number;
  to: number | 'current';
  lang: string;
  changes: BlockChange[];
}

/** `POST /:v/restore`. */
export interface RestoreResponse {
  restored: string[];
}
