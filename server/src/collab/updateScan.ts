/**
 * A cheap structural pass over a Yjs v1 update before it is applied: it checks the update
 * is well-formed to the last byte and counts its structs and deletion ranges, without
 * allocating a struct per entry. The counts bound what applying it will cost (a few MB of
 * 2-byte GC structs would otherwise become millions of objects; yjs#687/#688).
 * Throws InvalidUpdateError on any malformed input; updateValidation.ts adds the semantic
 * rules on top.
 */
import * as decoding from 'lib0/decoding';

export type InvalidUpdateReason =
  | 'undecodable' | 'trailing_bytes' | 'unknown_content' | 'zero_length' | 'bad_reference' | 'bad_parent' | 'unsupported_content';

/** An update refused by the validation layer, with the reason counted in /metrics. */
export class InvalidUpdateError extends Error {
  constructor(readonly reason: InvalidUpdateReason, message: string) {
    super(message);
  }
}

export interface UpdateCost {
  structs: number;
  deleteRanges: number;
  /** Yjs client ids whose structs the update carries (who wrote it, for authorship). */
  clients: number[];
}

const BITS5 = 31;
const BIT6 = 32;
const BIT7 = 64;
const BIT8 = 128;
const TYPE_XML_ELEMENT = 3;
const TYPE_XML_HOOK = 5;

function skipContent(decoder: decoding.Decoder, ref: number): void {
  switch (ref) {
    case 1: // deleted
      decoding.readVarUint(decoder);
      return;
    case 2: { // JSON
      const len = decoding.readVarUint(decoder);
      for (let i = 0; i < len; i++) decoding.readVarString(decoder);
      return;
    }
    case 3: // binary
      decoding.readVarUint8Array(decoder);
      return;
    case 4: // string
    case 5: // embed
      decoding.readVarString(decoder);
      return;
    case 6: // format
      decoding.readVarString(decoder);
      decoding.readVarString(decoder);
      return;
    case 7: { // type
      const typeRef = decoding.readVarUint(decoder);
      if (typeRef > 6) throw new InvalidUpdateError('unknown_content', `unknown type ref ${typeRef}`);
      if (typeRef === TYPE_XML_ELEMENT || typeRef === TYPE_XML_HOOK) decoding.readVarString(decoder);
      return;
    }
    case 8: { // any
      const len = decoding.readVarUint(decoder);
      for (let i = 0; i < len; i++) decoding.readAny(decoder);
      return;
    }
    case 9: // subdocument
      decoding.readVarString(decoder);
      decoding.readAny(decoder);
      return;
    default:
      throw new InvalidUpdateError('unknown_content', `unknown content ref ${ref}`);
  }
}

export function scanUpdate(update: Uint8Array, limits?: { maxStructs: number; maxDeleteRanges: number }): UpdateCost {
  try {
    return scan(update, limits);
  } catch (err) {
    if (err instanceof InvalidUpdateError) throw err;
    throw new InvalidUpdateError('undecodable', String(err)); // lib0: truncated varint or string
  }
}

function scan(update: Uint8Array, limits?: { maxStructs: number; maxDeleteRanges: number }): UpdateCost {
  if (update.length === 0) throw new InvalidUpdateError('undecodable', 'empty update');
  const decoder = decoding.createDecoder(update);
  let structs = 0;
  let deleteRanges = 0;
  const clientIds: number[] = [];
  const maxStructs = limits?.maxStructs ?? Infinity;
  const maxDeletes = limits?.maxDeleteRanges ?? Infinity;

  const clients = decoding.readVarUint(decoder);
  for (let c = 0; c < clients; c++) {
    const count = decoding.readVarUint(decoder);
    const client = decoding.readVarUint(decoder);
    decoding.readVarUint(decoder); // clock
    if (count > 0) clientIds.push(client);
    for (let i = 0; i < count; i++) {
      if (++structs > maxStructs) return { structs, deleteRanges, clients: clientIds };
      const info = decoding.readUint8(decoder);
      const ref = info & BITS5;
      if (ref === 0 || ref === 10) {
        decoding.readVarUint(decoder); // GC or Skip length
        continue;
      }
      if (info & BIT8) { decoding.readVarUint(decoder); decoding.readVarUint(decoder); } // origin
      if (info & BIT7) { decoding.readVarUint(decoder); decoding.readVarUint(decoder); } // right origin
      if ((info & (BIT7 | BIT8)) === 0) {
        if (decoding.readVarUint(decoder) === 1) decoding.readVarString(decoder); // parent key
        else { decoding.readVarUint(decoder); decoding.readVarUint(decoder); } // parent id
        if (info & BIT6) decoding.readVarString(decoder); // parentSub
      }
      skipContent(decoder, ref);
    }
  }
  const dsClients = decoding.readVarUint(decoder);
  for (let c = 0; c < dsClients; c++) {
    decoding.readVarUint(decoder); // client
    const ranges = decoding.readVarUint(decoder);
    for (let i = 0; i < ranges; i++) {
      if (++deleteRanges > maxDeletes) return { structs, deleteRanges, clients: clientIds };
      decoding.readVarUint(decoder);
      decoding.readVarUint(decoder);
    }
  }
  if (decoding.hasContent(decoder)) throw new InvalidUpdateError('trailing_bytes', 'trailing bytes after update');
  return { structs, deleteRanges, clients: clientIds };
}
