import { HASH_BITS, hammingDistance } from './hash-distance';

/**
 * Near duplicates on an exact-match index (locality-sensitive hashing): each perceptual hash (perceptual-hash.ts)
 * is cut into NEAR_BANDS bands, each stored as a keyed fingerprint of its own (band number and bits), and two
 * hashes within NEAR_DUPLICATE_MAX_DISTANCE bits share at least one band, whole (pigeonhole: 7 differing bits
 * fall in at most 7 of the 8 bands). A band met is only a candidate: the other case's full hash, stored beside
 * its band print (never on the index), confirms it by the Hamming distance.
 *
 * Why 7 of 256 bits, from the distances measured on specimen pictures (test/document/perceptual-hash.test.ts):
 * the same picture re-encoded (quality 95 -> 60), scaled to 90% or 50%, or converted PNG <-> JPEG is 0-2 bits
 * from its original; two holders' data pages of one passport layout are 22 bits apart or more, two people's
 * selfies 76 or more. A crop moves every edge against the 64x64 grid: half a percent a side is 6-18 bits away,
 * one percent 12-26, and is caught only when small.
 */
export const NEAR_DUPLICATE_MAX_DISTANCE = 7;
export const NEAR_BANDS = NEAR_DUPLICATE_MAX_DISTANCE + 1;

const BAND_HEX = HASH_BITS / 4 / NEAR_BANDS;

/** The hash's bands, each as `<band number>:<its hex digits>`: the values keyed into near-image prints. */
export function hashBands(hash: string): string[] {
  const hex = hash.toLowerCase();
  return Array.from({ length: NEAR_BANDS }, (_, i) => `${i}:${hex.slice(i * BAND_HEX, (i + 1) * BAND_HEX)}`);
}

/** The smallest distance between any of `ours` and any of `theirs`; undefined when either is empty. */
export function closestDistance(ours: readonly string[], theirs: readonly string[]): number | undefined {
  let best: number | undefined;
  for (const a of ours) for (const b of theirs) if (a.length === b.length) best = Math.min(best ?? Infinity, hammingDistance(a, b));
  return best;
}

/** Whether two pictures' closest hashes are near enough to be the same picture. */
export const isNearDuplicate = (distance: number | undefined): distance is number => distance !== undefined && distance <= NEAR_DUPLICATE_MAX_DISTANCE;
