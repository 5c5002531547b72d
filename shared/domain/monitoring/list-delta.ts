import { createHash } from 'node:crypto';
import { canonicalJson } from '../audit/canonical-json';
import { summarizeEntry, type EntrySummary } from '../screening/entry-summary';
import type { ListedEntry } from '../screening/types';

/**
 * What changed between two list versions, entry by entry: an entry is identified by its source and source
 * id, and its content by a hash of its summary (every name, birth date, nationality, document, identifier,
 * program). Pure.
 */

export const entryKeyOf = (e: Pick<ListedEntry, 'source' | 'sourceId'>): string => `${e.source}:${e.sourceId}`;

/**
 * Hash of a listed entry's content. The same function over the summary a screening hit carries
 * (`hit.entry`), so compliance can store it with a cleared match from the evidence alone, and a changed
 * entry (a new alias, a birth date, a document) is no longer cleared.
 */
export function entryHash(summary: EntrySummary): string {
  return createHash('sha256').update(canonicalJson(summary)).digest('hex').slice(0, 16);
}

/** Entry key -> content hash, for every entry of a version. */
export function entryHashes(entries: readonly ListedEntry[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of entries) out.set(entryKeyOf(e), entryHash(summarizeEntry(e)));
  return out;
}

/** Entries of the new version that were not in the previous one, or whose content changed. Removed entries need no screening. */
export function changedEntries(entries: readonly ListedEntry[], hashes: ReadonlyMap<string, string>, previous: ReadonlyMap<string, string>): ListedEntry[] {
  return entries.filter((e) => {
    const key = entryKeyOf(e);
    return previous.get(key) !== hashes.get(key);
  });
}

/**
 * The hashes as a few strings ("key\thash" lines, sorted), each well under DynamoDB's 400 KB item size:
 * about 30 bytes an entry, so 16 chunks hold a quarter of a million entries.
 */
export const HASH_CHUNKS = 16;

export function encodeHashes(hashes: ReadonlyMap<string, string>): string[] {
  const chunks: string[][] = Array.from({ length: HASH_CHUNKS }, () => []);
  for (const [key, hash] of [...hashes].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const i = createHash('sha256').update(key).digest().readUInt8(0) % HASH_CHUNKS;
    chunks[i]!.push(`${key}\t${hash}`);
  }
  return chunks.map((c) => c.join('\n'));
}

export function decodeHashes(chunks: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const chunk of chunks)
    for (const line of chunk.split('\n')) {
      if (!line) continue;
      const tab = line.lastIndexOf('\t');
      if (tab <= 0) throw new Error(`list hashes: malformed line "${line.slice(0, 60)}"`);
      out.set(line.slice(0, tab), line.slice(tab + 1));
    }
  return out;
}
