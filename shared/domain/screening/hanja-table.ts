import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The Sino-Korean reading of a Han character (金 김/금, 正 정, 恩 은), from hanja/readings.json, which
 * infra/tools/hanja-readings-build.ts generates from the npm package `hanja`. The file (64 KB) ships beside the
 * bundles of the functions that screen names (infra, `bundleFiles`: a folder beside the bundle, as here beside
 * this module), never in them, and is read on the first name with Han characters a process screens with a birth
 * date: a Latin name costs nothing.
 */
export const HANJA_DATA_DIR = 'hanja';
export const HANJA_READINGS_FILE = 'readings.json';
/** The committed file, relative to the project root (the stack's bundleFiles, the build tool). */
export const HANJA_READINGS_SOURCE = `shared/domain/screening/${HANJA_DATA_DIR}/${HANJA_READINGS_FILE}`;

/** The blocks the table covers, first and last code point: CJK Unified Ideographs, CJK Compatibility Ideographs. */
export const HANJA_BLOCKS: readonly (readonly [number, number])[] = [
  [0x4e00, 0x9fff],
  [0xf900, 0xfaff],
];

export interface HanjaReadingsFile {
  source: string;
  /** One Hangul syllable per code point from `first` on, a space where there is no reading. */
  blocks: { first: number; readings: string }[];
}

let blocks: HanjaReadingsFile['blocks'] | undefined;

function table(): HanjaReadingsFile['blocks'] {
  if (blocks) return blocks;
  // In a bundle import.meta.url is the bundle's, and the folder is beside it; from source, beside this module.
  const file = join(dirname(fileURLToPath(import.meta.url)), HANJA_DATA_DIR, HANJA_READINGS_FILE);
  return (blocks = (JSON.parse(readFileSync(file, 'utf8')) as HanjaReadingsFile).blocks);
}

/** Whether the code point is one the table covers (a Han character of the blocks above): no file read. */
export function inHanjaBlocks(cp: number): boolean {
  return HANJA_BLOCKS.some(([first, last]) => cp >= first && cp <= last);
}

/** The Hangul syllable a Han character reads as in Korean (its dictionary reading), or undefined. */
export function hanjaSyllable(cp: number): string | undefined {
  for (const { first, readings } of table()) {
    const i = cp - first;
    if (i >= 0 && i < readings.length) return readings[i] === ' ' ? undefined : readings[i];
  }
  return undefined;
}
