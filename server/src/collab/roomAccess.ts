/**
 * Decides, before a WebSocket joins a room, whether the user may read it and write it.
 * Outsiders, unknown reports and unknown languages are all "forbidden" alike (docs/PROTOCOL.md [R7]).
 */
import { CloseCode } from '../../../shared/src/closeCodes';
import { parseRoomName, type RoomKind } from '../../../shared/src/rooms';
import { canWriteRoom, roomExists } from '../../../shared/src/roles';
import type { Directory } from '../storage/types';

export type AccessDecision =
  | { ok: true; room: RoomKind; canWrite: boolean }
  | { ok: false; code: number; reason: string };

export async function decideRoomAccess(storage: Directory, userId: string, name: string): Promise<AccessDecision> {
  const room = parseRoomName(name);
  if (!room) return { ok: false, code: CloseCode.Forbidden, reason: 'invalid room name' };
  const report = await storage.getReport(room.reportId);
  if (!report || !roomExists(room, report)) return { ok: false, code: CloseCode.Forbidden, reason: 'no such room' };
  const member = await storage.getMember(room.reportId, userId);
  if (!member) return { ok: false, code: CloseCode.Forbidden, reason: 'not a member' };
  return { ok: true, room, canWrite: canWriteRoom(member, room, report) };
}
