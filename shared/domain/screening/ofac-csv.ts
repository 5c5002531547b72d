import { ListLoadError } from './list-load-error';

/**
 * OFAC legacy CSV files: no header row, CRLF line ends, "-0- " (with a trailing space) for empty, and a
 * DOS end-of-file byte (0x1A) after the last line. This module only turns bytes into checked rows.
 */

export interface SdnRow {
  entNum: string;
  name: string;
  type: string;
  program: string;
  title: string;
  remarks: string;
}
export interface AltRow {
  entNum: string;
  altType: string;
  altName: string;
}
export interface AddRow {
  entNum: string;
  country: string;
}
export interface CommentRow {
  entNum: string;
  text: string;
}

/** "-0-" in any spacing means empty. */
export function ofacValue(v: string | undefined): string {
  if (v === undefined) return '';
  const t = v.trim();
  return t === '-0-' ? '' : t;
}

/**
 * Parse one OFAC CSV file into rows of exactly `columns` fields. Throws ListLoadError naming the file and
 * line on anything that suggests corruption or truncation, so no partial list is ever served.
 */
export function parseOfacCsv(fileName: string, text: string, columns: number): { line: number; fields: string[] }[] {
  let body = text;
  if (body.charCodeAt(0) === 0xfeff) body = body.slice(1);
  // Trailing SUB (0x1A) and whitespace after the last record (a loop: an end-anchored regex scans the whole file).
  let end = body.length;
  while (end > 0 && (body.charCodeAt(end - 1) === 0x1a || /\s/.test(body[end - 1]!))) end--;
  body = body.slice(0, end);
  if (body === '') throw new ListLoadError(fileName, undefined, 'file is empty');
  if (!/[\r\n]/.test(text.slice(-4)) && !text.endsWith('\x1a')) {
    // Official files end with CRLF (and 0x1A); a file cut mid-record does not.
    const lastLine = text.split(/\r?\n/).length;
    throw new ListLoadError(fileName, lastLine, 'file does not end with a line break: truncated download?');
  }
  const rows = csvRecords(fileName, body);
  for (const { line, fields } of rows) {
    if (fields.length !== columns) throw new ListLoadError(fileName, line, `expected ${columns} columns, found ${fields.length}`);
    if (!/^\d+$/.test(fields[0]!.trim())) throw new ListLoadError(fileName, line, `first column must be a numeric ent_num, found "${fields[0]!.slice(0, 20)}"`);
  }
  return rows;
}

const COMMA = 44;
const QUOTE = 34;
const CR = 13;
const LF = 10;

/**
 * The records of RFC 4180 CSV text with the line each starts on: fields separated by commas; a field in
 * double quotes may hold commas, line breaks and doubled quotes; records end at CRLF, LF or CR; empty lines
 * are skipped. Strict as csv-parse's defaults, which it replaces (a hand loop is several times faster on
 * the 7 MB of OFAC files, the list load's largest single step): a quote inside an unquoted field, text after
 * a closing quote or a quote that never closes (a damaged or truncated file) throw ListLoadError.
 */
function csvRecords(fileName: string, body: string): { line: number; fields: string[] }[] {
  const rows: { line: number; fields: string[] }[] = [];
  const n = body.length;
  const syntax = (line: number, what: string) => new ListLoadError(fileName, line, `CSV syntax error: ${what}`);
  let i = 0;
  let line = 1;
  while (i < n) {
    const c = body.charCodeAt(i);
    if (c === LF || c === CR) {
      i += c === CR && body.charCodeAt(i + 1) === LF ? 2 : 1;
      line++;
      continue;
    }
    const start = line;
    const fields: string[] = [];
    for (;;) {
      if (body.charCodeAt(i) === QUOTE) {
        let value = '';
        let from = i + 1;
        for (;;) {
          const q = body.indexOf('"', from);
          if (q < 0) throw syntax(start, 'a quoted field is not closed');
          value += body.slice(from, q);
          if (body.charCodeAt(q + 1) !== QUOTE) {
            i = q + 1;
            break;
          }
          value += '"';
          from = q + 2;
        }
        for (let k = value.indexOf('\n'); k >= 0; k = value.indexOf('\n', k + 1)) line++;
        fields.push(value);
      } else {
        let j = i;
        for (; j < n; j++) {
          const d = body.charCodeAt(j);
          if (d === COMMA || d === LF || d === CR) break;
          if (d === QUOTE) throw syntax(line, `a quote inside an unquoted field (column ${fields.length + 1})`);
        }
        fields.push(body.slice(i, j));
        i = j;
      }
      if (i >= n) break;
      const d = body.charCodeAt(i);
      if (d === COMMA) {
        i++;
        if (i >= n) fields.push('');
        continue;
      }
      if (d === LF || d === CR) {
        i += d === CR && body.charCodeAt(i + 1) === LF ? 2 : 1;
        line++;
        break;
      }
      throw syntax(line, `text after a closing quote (column ${fields.length})`);
    }
    rows.push({ line: start, fields });
  }
  return rows;
}

export function parseSdn(fileName: string, text: string): SdnRow[] {
  return parseOfacCsv(fileName, text, 12).map(({ line, fields: f }) => {
    const name = ofacValue(f[1]);
    if (name === '') throw new ListLoadError(fileName, line, `entry ${f[0]} without a name`);
    return {
      entNum: f[0]!.trim(),
      name,
      type: ofacValue(f[2]),
      program: ofacValue(f[3]),
      title: ofacValue(f[4]),
      remarks: ofacValue(f[11]),
    };
  });
}

export function parseAlt(fileName: string, text: string): AltRow[] {
  return parseOfacCsv(fileName, text, 5).map(({ fields: f }) => ({
    entNum: f[0]!.trim(),
    altType: ofacValue(f[2]).toLowerCase(),
    altName: ofacValue(f[3]),
  }));
}

export function parseAdd(fileName: string, text: string): AddRow[] {
  return parseOfacCsv(fileName, text, 6).map(({ fields: f }) => ({ entNum: f[0]!.trim(), country: ofacValue(f[4]) }));
}

export function parseComments(fileName: string, text: string): CommentRow[] {
  return parseOfacCsv(fileName, text, 2).map(({ fields: f }) => ({ entNum: f[0]!.trim(), text: ofacValue(f[1]) }));
}

/**
 * Join the SDN Remarks with its overflow from sdn_comments.csv. The overflow continues the text where the
 * Remarks column was cut. When the two files come from different publication dates the cut point moved;
 * if the end of the remarks reappears inside the overflow, continue after it rather than repeat text.
 */
export function joinRemarks(remarks: string, overflow: string): string {
  if (!overflow) return remarks;
  const tail = remarks.slice(-24);
  if (tail.length >= 12) {
    const at = overflow.indexOf(tail);
    if (at >= 0) return remarks + overflow.slice(at + tail.length);
  }
  return remarks + overflow;
}
