/**
 * Reads the Info dictionary of a PDF (Producer, Creator, CreationDate, ModDate) with a tolerant scan of
 * the raw bytes: no PDF library is needed for four keys, and a scan cannot throw on a malformed file.
 * Compressed object streams hide the Info dictionary from this scan; then the fields are simply absent.
 */
export interface PdfMetadata {
  producer?: string;
  creator?: string;
  createdAt?: Date;
  modifiedAt?: Date;
}

function decodeHex(hex: string): string {
  const bytes = Buffer.from(hex.replace(/\s+/g, ''), 'hex');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return bytes.subarray(2).swap16().toString('utf16le');
  return bytes.toString('latin1');
}

function readKey(text: string, key: string): string | undefined {
  const literal = new RegExp(`/${key}\\s*\\(((?:\\\\.|[^\\\\)])*)\\)`).exec(text);
  if (literal) {
    const raw = literal[1]!.replace(/\\([()\\])/g, '$1');
    // UTF-16BE literal strings start with a byte-order mark.
    if (raw.startsWith('\u00fe\u00ff')) return Buffer.from(raw.slice(2), 'latin1').swap16().toString('utf16le');
    return raw;
  }
  const hex = new RegExp(`/${key}\\s*<([0-9A-Fa-f\\s]*)>`).exec(text);
  return hex ? decodeHex(hex[1]!) : undefined;
}

/** PDF date "D:YYYYMMDDHHmmSSOHH'mm'" (every part after the year optional). */
export function parsePdfDate(value: string | undefined): Date | undefined {
  if (!value) return undefined;
  const m = /^(?:D:)?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?([Zz+-])?(\d{2})?'?(\d{2})?/.exec(value.trim());
  if (!m) return undefined;
  const [, y, mo = '01', d = '01', h = '00', mi = '00', s = '00', sign, oh = '00', om = '00'] = m;
  const offset = sign === '+' || sign === '-' ? `${sign}${oh}:${om}` : 'Z';
  const date = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}${offset}`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

export function readPdfMetadata(bytes: Uint8Array): PdfMetadata {
  // The Info dictionary is usually near the end (incremental updates append a new one there).
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const head = buf.subarray(0, 256 * 1024).toString('latin1');
  const tail = buf.length > 256 * 1024 ? buf.subarray(-256 * 1024).toString('latin1') : '';
  const out: PdfMetadata = {};
  for (const text of [tail, head]) {
    out.producer ??= readKey(text, 'Producer');
    out.creator ??= readKey(text, 'Creator');
    out.createdAt ??= parsePdfDate(readKey(text, 'CreationDate'));
    out.modifiedAt ??= parsePdfDate(readKey(text, 'ModDate'));
  }
  for (const k of Object.keys(out) as (keyof PdfMetadata)[]) if (out[k] === undefined) delete out[k];
  return out;
}
