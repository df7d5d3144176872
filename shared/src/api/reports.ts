/** `/api/reports`: create, list, detail, members, import, export — request schemas and answers. */
import { z } from 'zod';
import { ROLES, type Role } from '../roles';
import type { ReportMeta } from '../model/schema';
import type { LanguageProgress } from '../model/translation';
import { Language } from './common';
import { symbolProblem } from '../symbols/grammar';

export const CreateReportRequest = z.object({
  title: z.string().trim().max(500).default(''),
  originalLanguage: Language,
  languages: z.array(Language).max(30).default([]),
  /** A UN document symbol, checked against the symbol grammar (shared/src/symbols). */
  symbol: z
    .string()
    .trim()
    .max(100)
    .superRefine((symbol, ctx) => {
      const problem = symbolProblem(symbol);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .optional(),
  /** The report's text: plain text in the samples' format, Markdown, or a .docx as base64. */
  text: z.string().max(28 * 1024 * 1024).optional(),
  format: z.enum(['txt', 'md', 'docx']).default('txt'),
});
/** What a client sends (defaults still to apply). */
export type CreateReportRequest = z.input<typeof CreateReportRequest>;

export const PutMemberRequest = z.object({
  name: z.string().trim().min(1).max(64),
  role: z.enum([...ROLES, 'none'] as const),
  language: Language.optional(),
  languages: z.array(Language).max(30).optional(),
});
export type PutMemberRequest = z.input<typeof PutMemberRequest>;

export const EXPORT_FORMATS = ['txt', 'md', 'html', 'docx', 'xliff'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** `POST /api/reports` (201). */
export interface CreatedReport {
  id: string;
  rooms: string[];
}

export interface ReportSummary {
  id: string;
  title: string;
  symbol: string;
  originalLanguage: string;
  languages: string[];
  role: Role;
  createdAt?: number;
  progress?: Record<string, LanguageProgress>;
}

/** `GET /api/reports`. */
export interface ReportListResponse {
  reports: ReportSummary[];
}

export interface Member {
  userId: string;
  name: string;
  role: Role;
  languages: string[];
}

/** `PUT /api/reports/:id/members`. */
export interface MembersResponse {
  members: Member[];
}

/** `GET /api/reports/:id`. */
export interface ReportDetail extends ReportSummary {
  meta: ReportMeta;
  myLanguages: string[];
  members: Member[];
  rooms: string[];
}
