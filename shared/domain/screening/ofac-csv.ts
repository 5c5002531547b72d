import { parse } from 'csv-parse/sync';
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
  // Trailing SUB (0x1A) and whitespace after the last record.
  body = body.replace(/[\x1a\s]+$/, '');
  if (body === '') throw new ListLoadError(fileName, undefined, 'file is empty');
  if (!/[\r\n]/.test(text.slice(-4)) && !text.endsWith('\x1a')) {
    // Official files end with CRLF (and 0x1A); a file cut mid-record does not.
    const lastLine = text.split(/\r?\n/).length;
    throw new ListLoadError(fileName, lastLine, 'file does not end with a line break: truncated download?');
  }
  const parseWith = (info: boolean): unknown[] => parse(body, { info, relax_column_count: info, skip_empty_lines: true, bom: true }) as unknown[];
  let records: string[][];
  try {
    // Fast path without per-record info objects (list load time); csv-parse itself reports the line of a
    // row with the wrong column count.
    records = parseWith(false) as string[][];
  } catch (err) {
    const e = err as { lines?: number; message?: string; code?: string };
    if (e.code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH' || e.code === 'CSV_INCONSISTENT_RECORD_LENGTH') {
      // Re-parse leniently to name the line against the expected column count, not the first row's.
      return checkRows(fileName, parseWith(true) as { record: string[]; info: { lines: number } }[], columns);
    }
    throw new ListLoadError(fileName, e.lines, `CSV syntax error: ${e.message ?? String(err)}`);
  }
  const rows: { line: number; fields: string[] }[] = [];
  for (let i = 0; i < records.length; i++) {
    const record = records[i]!;
    if (record.length !== columns || !/^\d+$/.test(record[0]!.trim())) {
      return checkRows(fileName, parseWith(true) as { record: string[]; info: { lines: number } }[], columns);
    }
    rows.push({ line: 0, fields: record });
  }
  return rows;
}

/** Slow path used only to locate a bad row: every record with its line number. */
function checkRows(fileName: string, records: { record: string[]; info: { lines: number } }[], columns: number): { line: number; fields: string[] }[] {
  const rows: { line: number; fields: string[] }[] = [];
  for (const { record, info } of records) {
    if (record.length !== columns) {
      throw new ListLoadError(fileName, info.lines, `expected ${columns} columns, found ${record.length}`);
    }
    if (!/^\d+$/.test(record[0]!.trim())) {
      throw new ListLoadError(fileName, info.lines, `first column must be a numeric ent_num, found "${record[0]!.slice(0, 20)}"`);
    }
    rows.push({ line: info.lines, fields: record });
  }
  return rows;
}

export function parseSdn(fileName: string, text: string): SdnRow[] {
  return parseOfacCsv(fileName, text, 12).map(({ line, fields: f }) => {
    const name = ofacValue(f[1]);
    if (name === '') throw new ListLoadError(fileName, line || undefined, `entry ${f[0]} without a name`);
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
