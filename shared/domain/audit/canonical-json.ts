/**
 * Canonical JSON: the one byte string a value hashes to, whoever serialised it. Object keys are sorted
 * (by UTF-16 code unit, like RFC 8785), so a record read back from DynamoDB in another key order hashes
 * the same. Values that JSON cannot round-trip (undefined in arrays, NaN, Infinity, bigint, functions)
 * throw instead of being silently changed, because a hash over a lossy encoding would verify data that
 * differs from what was stored.
 */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export class CanonicalJsonError extends Error {
  override readonly name = 'CanonicalJsonError';
}

export function canonicalJson(value: unknown): string {
  return encode(value, '$');
}

function encode(value: unknown, path: string): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new CanonicalJsonError(`${path}: ${value} is not representable in JSON`);
      // -0 and 0 hash the same: JSON cannot tell them apart after a round trip.
      return JSON.stringify(Object.is(value, -0) ? 0 : value);
    case 'string':
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) {
        return `[${value
          .map((item, i) => {
            if (item === undefined) throw new CanonicalJsonError(`${path}[${i}]: undefined is not representable in JSON`);
            return encode(item, `${path}[${i}]`);
          })
          .join(',')}]`;
      }
      if (value instanceof Date) return JSON.stringify(value.toISOString());
      const proto = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) throw new CanonicalJsonError(`${path}: only plain objects are hashed, got ${proto?.constructor?.name ?? 'object'}`);
      const entries = Object.entries(value as Record<string, unknown>)
        // Omitted like JSON.stringify does: an absent optional field and an undefined one are the same record.
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${encode(v, `${path}.${k}`)}`).join(',')}}`;
    }
    default:
      throw new CanonicalJsonError(`${path}: ${typeof value} is not representable in JSON`);
  }
}
