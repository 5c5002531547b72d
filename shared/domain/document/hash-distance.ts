/**
 * The perceptual hash's size and distance, apart from perceptual-hash.ts: the fingerprints (bundled in the API
 * and every function that keys prints) band and compare hashes without bundling the image decoders.
 */

/** Bits in a hash (64 hex digits). */
export const HASH_BITS = 256;

/** Bits that differ between two hashes of HASH_BITS. */
export function hammingDistance(a: string, b: string): number {
  let d = 0;
  for (let i = 0; i < a.length; i++) {
    let x = parseInt(a[i]!, 16) ^ parseInt(b[i]!, 16);
    for (; x; x &= x - 1) d++;
  }
  return d;
}
