import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';
import { loadLists } from './load-lists';
import type { ListVersion } from '../../domain/screening/types';
import { OFFICIAL_FILES, SOURCES_FILE } from './update-lists';

/**
 * The snapshot of the official lists committed in the repository: the fallback when there is no configured
 * folder, no cached download and no network. The official files unchanged, each brotli-compressed
 * (`ofac/sdn.csv.br`, ...), which the loader reads as it reads the plain files, so the list version id is
 * that of the official files; beside them a sources.json carrying the OFAC date (its CSV states none) and
 * the `snapshot` marker that makes every screening against it say so.
 */

/** The snapshot's folder, relative to the project root. */
export const SNAPSHOT_SOURCE_DIR = 'shared/adapters/sanctions-lists/snapshot';
/** Its folder inside the bundles of the functions that screen (unpacked at /var/task/<this> on Lambda). */
export const SNAPSHOT_BUNDLE_DIR = 'sanctions-snapshot';
/** The entries the bundles copy (the README stays in the repository). */
export const SNAPSHOT_ENTRIES = ['ofac', 'un', SOURCES_FILE] as const;

export interface MakeSnapshotOptions {
  /** The date the OFAC SDN file is as of (YYYY-MM-DD): the legacy CSV carries no date of its own. */
  ofacAsOf: string;
  /** The day the snapshot is made (YYYY-MM-DD). */
  madeOn: string;
  /** Where the files come from, recorded beside them. */
  origin: string;
}

const day = (iso: string) => iso.slice(0, 10);

/** Writes the snapshot of the lists in `from` into `to` (replacing it) and returns its validated version. */
export async function makeSnapshot(from: string, to: string, options: MakeSnapshotOptions): Promise<ListVersion> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(options.ofacAsOf) || !/^\d{4}-\d{2}-\d{2}$/.test(options.madeOn)) throw new Error('ofacAsOf and madeOn are YYYY-MM-DD');
  const source = await loadLists(from);
  const un = source.index.listVersion.sources.find((s) => s.source === 'un');
  if (!un?.publishDate) throw new Error('the UN list states no publish date (dateGenerated)');
  const lists = { 'ofac-sdn': options.ofacAsOf, un: day(un.publishDate) };
  await rm(join(to, 'ofac'), { recursive: true, force: true });
  await rm(join(to, 'un'), { recursive: true, force: true });
  const files: Record<string, { url: string; lastModified: string | null; sha256: string; bytes: number; compressedBytes: number }> = {};
  for (const f of OFFICIAL_FILES) {
    const raw = await readFile(join(from, f.path)).catch(() => undefined);
    if (!raw) continue;
    const packed = brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_LGWIN]: 24, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length } });
    await mkdir(dirname(join(to, f.path)), { recursive: true });
    await writeFile(join(to, `${f.path}.br`), packed);
    files[f.path] = {
      url: f.url,
      lastModified: f.path === 'ofac/sdn.csv' ? `${options.ofacAsOf}T00:00:00.000Z` : null,
      sha256: createHash('sha256').update(raw).digest('hex'),
      bytes: raw.length,
      compressedBytes: packed.length,
    };
  }
  const description = `the sanctions-list snapshot committed in the repository (OFAC SDN as of ${lists['ofac-sdn']}, UN consolidated list as of ${lists.un}), not a fresh download`;
  const sources = { origin: options.origin, snapshot: { madeOn: options.madeOn, description, lists }, files };
  await writeFile(join(to, SOURCES_FILE), `${JSON.stringify(sources, null, 2)}\n`);
  const made = await loadLists(to);
  if (made.index.listVersion.id !== source.index.listVersion.id) throw new Error('the snapshot does not load to the same list version as its source');
  return made.index.listVersion;
}
