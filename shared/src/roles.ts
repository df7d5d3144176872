/**
 * Roles and what each may write (docs/PROTOCOL.md §2). Every member reads every room of its report;
 * this module answers the one question the server enforces: may this member write that room?
 */
import type { RoomKind } from './rooms';

export const ROLES = ['owner', 'drafter', 'translator', 'reviewer', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export interface Membership {
  role: Role;
  /** Target languages, for translators. */
  languages: string[];
}

export interface ReportLanguages {
  originalLanguage: string;
  languages: string[]; // target languages, without the original
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Does the room exist in this report at all? Unknown languages are refused like outsiders. */
export function roomExists(room: RoomKind, report: ReportLanguages): boolean {
  switch (room.kind) {
    case 'review':
      return true;
    case 'language':
      return room.language === report.originalLanguage || report.languages.includes(room.language);
  }
}

export function canWriteRoom(member: Membership, room: RoomKind, report: ReportLanguages): boolean {
  if (!roomExists(room, report)) return false;
  switch (room.kind) {
    case 'review':
      return member.role !== 'viewer';
    case 'language': {
      const isOriginal = room.language === report.originalLanguage;
      switch (member.role) {
        case 'owner':
          return true;
        case 'drafter':
          return isOriginal;
        case 'translator':
          return !isOriginal && member.languages.includes(room.language);
        case 'reviewer':
        case 'viewer':
          return false;
      }
    }
  }
}
