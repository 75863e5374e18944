/** Protobuf wire types used by Kubernetes' generated messages. */
export const WIRE = { varint: 0, fixed64: 1, bytes: 2, fixed32: 5 } as const;

/** One decoded field: its number, wire type and raw value (a varint or a byte slice). */
export interface WireField {
  field: number;
  wire: number;
  /** Varint value (wire type 0), as a signed 64-bit number. */
  int?: number;
  /** Length-delimited payload (wire type 2). */
  bytes?: Buffer;
}

/** Thrown for malformed protobuf input. */
export class ProtobufError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProtobufError';
  }
}

function readVarint(buf: Buffer, pos: number): [bigint, number] {
  let result = 0n;
  let shift = 0n;
  for (let i = pos; i < buf.length && shift < 70n; i++) {
    const b = buf[i]!;
    result |= BigInt(b & 0x7f) << shift;
    if (!(b & 0x80)) return [result, i + 1];
    shift += 7n;
  }
  throw new ProtobufError('truncated varint');
}

/** Splits a protobuf message into its fields, in wire order. */
export function readFields(buf: Buffer): WireField[] {
  const out: WireField[] = [];
  let pos = 0;
  while (pos < buf.length) {
    const [tag, afterTag] = readVarint(buf, pos);
    const field = Number(tag >> 3n);
    const wire = Number(tag & 7n);
    pos = afterTag;
    if (wire === WIRE.varint) {
      const [v, next] = readVarint(buf, pos);
      out.push({ field, wire, int: Number(BigInt.asIntN(64, v)) });
      pos = next;
    } else if (wire === WIRE.bytes) {
      const [len, start] = readVarint(buf, pos);
      const end = start + Number(len);
      if (end > buf.length) throw new ProtobufError('truncated length-delimited field');
      out.push({ field, wire, bytes: buf.subarray(start, end) });
      pos = end;
    } else if (wire === WIRE.fixed64) pos += 8;
    else if (wire === WIRE.fixed32) pos += 4;
    else throw new ProtobufError(`unsupported wire type ${wire}`);
  }
  return out;
}
