import type { APIGatewayProxyEvent } from 'aws-lambda';
import type { FieldError } from '../../domain/http/responses';

export const maxBodyBytes = 64 * 1024;
const maxDepth = 12;
/** Strict: an invalid byte sequence throws instead of becoming U+FFFD; a leading BOM is kept (JSON.parse refuses it). */
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export type BodyResult = { ok: true; value: unknown } | { ok: false; status: 400 | 413 | 415; title: string; errors: FieldError[] };

export function header(event: Pick<APIGatewayProxyEvent, 'headers'>, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [k, v] of Object.entries(event.headers ?? {})) if (k.toLowerCase() === wanted && v !== undefined) return v;
  return undefined;
}

function depth(value: unknown, level = 0): number {
  if (level > maxDepth) return level;
  if (Array.isArray(value)) return Math.max(level, ...value.map((v) => depth(v, level + 1)));
  if (value && typeof value === 'object') return Math.max(level, ...Object.values(value).map((v) => depth(v, level + 1)));
  return level;
}

/** Reads a JSON request body, refusing what is not JSON, too large or too deep before zod sees it. */
export function readJsonBody(event: Pick<APIGatewayProxyEvent, 'headers' | 'body' | 'isBase64Encoded'>): BodyResult {
  const type = header(event, 'content-type') ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type))
    return { ok: false, status: 415, title: 'Unsupported media type', errors: [{ field: 'Content-Type', message: 'not JSON', allowed: 'application/json' }] };
  let raw = event.body ?? '';
  if (event.isBase64Encoded) {
    // Bytes that are not UTF-8 are refused, not silently turned into U+FFFD (a name would change unseen).
    try {
      raw = utf8.decode(Buffer.from(raw, 'base64'));
    } catch {
      return { ok: false, status: 400, title: 'Invalid UTF-8', errors: [{ field: '(body)', message: 'not valid UTF-8 text', allowed: 'JSON encoded as UTF-8' }] };
    }
  }
  if (Buffer.byteLength(raw, 'utf8') > maxBodyBytes)
    return { ok: false, status: 413, title: 'Body too large', errors: [{ field: '(body)', message: 'too large', allowed: `at most ${maxBodyBytes} bytes` }] };
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (err) {
    // V8's message quotes the text around the error, which may be a passport number: say where, not what.
    const position = /position (\d+)/.exec((err as Error).message)?.[1];
    return {
      ok: false,
      status: 400,
      title: 'Malformed JSON',
      errors: [{ field: '(body)', message: `not valid JSON${position ? ` (at character ${position})` : ''}`, allowed: 'one JSON object (RFC 8259)' }],
    };
  }
  if (depth(value) > maxDepth)
    return { ok: false, status: 400, title: 'Body nested too deeply', errors: [{ field: '(body)', message: 'nested too deeply', allowed: `at most ${maxDepth} levels of objects and arrays` }] };
  return { ok: true, value };
}
