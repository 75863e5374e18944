import type { Loose } from '../types.js';
import type { FieldSpec } from './messages.js';
import { MESSAGES, PROTOBUF_KINDS } from './messages.js';
import type { WireField } from './wire.js';
import { ProtobufError, readFields, WIRE } from './wire.js';

/** The 4-byte prefix of `application/vnd.kubernetes.protobuf` bodies. */
const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

function str(f: WireField): string {
  return f.bytes?.toString('utf8') ?? '';
}

function mapEntry(f: WireField): [string, WireField | undefined] {
  const parts = readFields(f.bytes ?? Buffer.alloc(0));
  const key = parts.find((p) => p.field === 1);
  return [key ? str(key) : '', parts.find((p) => p.field === 2)];
}

function intOrString(f: WireField): number | string {
  const parts = readFields(f.bytes ?? Buffer.alloc(0));
  const type = parts.find((p) => p.field === 1)?.int ?? 0;
  if (type === 1) {
    const s = parts.find((p) => p.field === 3);
    return s ? str(s) : '';
  }
  return parts.find((p) => p.field === 2)?.int ?? 0;
}

function isZero(v: Loose): boolean {
  return (
    v === '' || v === 0 || v === false || (typeof v === 'object' && v !== null && !Object.keys(v).length)
  );
}

function value(f: WireField, spec: FieldSpec, path: string): Loose {
  const type = spec[1];
  if (typeof type === 'object') return decodeMessage(f.bytes ?? Buffer.alloc(0), type.message, path);
  switch (type) {
    case 'string':
      return str(f);
    case 'bytes':
      return (f.bytes ?? Buffer.alloc(0)).toString('base64');
    case 'int':
      return f.int ?? 0;
    case 'bool':
      return (f.int ?? 0) !== 0;
    case 'intOrString':
      return intOrString(f);
    default:
      return undefined;
  }
}

/** Decodes one message of the named type into its JSON form (Go's omitempty rules for zeros). */
export function decodeMessage(buf: Buffer, type: string, path = ''): Loose {
  const table = MESSAGES[type];
  if (!table) throw new ProtobufError(`message ${type} is not supported`);
  const out: Record<string, Loose> = {};
  for (const f of readFields(buf)) {
    const spec = table[f.field];
    if (!spec) {
      if (f.wire === WIRE.bytes ? !f.bytes?.length : !f.int) continue;
      throw new ProtobufError(`field ${f.field} of ${type} (${path || 'object'}) is not supported`);
    }
    const [name, kind, flag] = spec;
    if (kind === 'ignore') continue;
    const at = path ? `${path}.${name}` : name;
    if (kind === 'stringMap' || kind === 'bytesMap' || kind === 'quantityMap') {
      const [k, v] = mapEntry(f);
      const map = (out[name] ??= {}) as Record<string, string>;
      if (kind === 'stringMap') map[k] = v ? str(v) : '';
      else if (kind === 'bytesMap') map[k] = (v?.bytes ?? Buffer.alloc(0)).toString('base64');
      else map[k] = v ? str(readFields(v.bytes ?? Buffer.alloc(0)).find((p) => p.field === 1)!) : '';
      continue;
    }
    const v = value(f, spec, at);
    if (flag === 'repeated') ((out[name] ??= []) as Loose[]).push(v);
    else if (flag === 'ptr' || !isZero(v)) out[name] = v;
  }
  return out;
}

/**
 * Decodes an `application/vnd.kubernetes.protobuf` request body (the `k8s\0` magic and a
 * `runtime.Unknown` envelope) into the JSON object it stands for. Throws {@link ProtobufError}
 * for kinds or fields outside the supported tables.
 */
export function decodeKubernetesProtobuf(body: Buffer): Loose {
  if (body.length < 4 || !body.subarray(0, 4).equals(MAGIC))
    throw new ProtobufError('missing k8s protobuf prefix');
  const envelope = readFields(body.subarray(4));
  const typeMeta = readFields(envelope.find((f) => f.field === 1)?.bytes ?? Buffer.alloc(0));
  const apiVersion = str(typeMeta.find((f) => f.field === 1) ?? { field: 1, wire: 2 });
  const kind = str(typeMeta.find((f) => f.field === 2) ?? { field: 2, wire: 2 });
  if (!PROTOBUF_KINDS.has(`${apiVersion}/${kind}`))
    throw new ProtobufError(`protobuf bodies of ${apiVersion}, Kind=${kind} are not supported`);
  const raw = envelope.find((f) => f.field === 2)?.bytes ?? Buffer.alloc(0);
  return { apiVersion, kind, ...decodeMessage(raw, kind) };
}
