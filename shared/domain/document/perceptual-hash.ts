import decodeJpeg from 'jpeg-js/lib/decoder.js';
import { PNG } from 'pngjs';
import { HASH_BITS } from './hash-distance';
import { jpegLumaDc } from './jpeg-dc';

export { HASH_BITS, hammingDistance } from './hash-distance';

/**
 * A perceptual hash of an uploaded JPEG or PNG: what the picture looks like at a glance, in 256 bits, so that the
 * same passport photo or selfie saved again at another JPEG quality, scaled down or converted PNG <-> JPEG still
 * meets the applicant it was first uploaded for (near-duplicate.ts), where the file's SHA-256 and the content
 * digest of image-content.ts both change.
 *
 * A DCT hash (pHash): the picture in grey, averaged down to 64x64, its 2-D DCT, and of its 256 lowest frequencies
 * (by increasing u+v, the DC term left out) one bit each, set when the coefficient is above their median. Written
 * here rather than taken from a package: blockhash-core (0.1.0, 2018) hashes block means; image-hash and imghash
 * decode through native or browser image libraries. Why 256 bits and not the usual 64: two passports of one
 * country share their layout (background, header, labels, where photo and MRZ go), and 64 bits of a whole page
 * are mostly that layout: two holders' pages of one specimen layout came 2 bits apart, closer than a re-encoded
 * copy (distances measured in test/document/perceptual-hash.test.ts).
 *
 * Bounded: the size is read from the file's header before anything is decoded, a picture above MAX_HASH_PIXELS or
 * a JPEG of more than MAX_JPEG_SCANS scans is not hashed (undefined), and jpeg-js is given the same bound and a
 * memory cap, so a hostile header cannot make it allocate more. Anything that does not decode: undefined. A
 * baseline JPEG of DC_MIN_SIDE or more is read from its block means (jpeg-dc.ts): 15-30 ms for a 3-4 MP photo
 * where jpeg-js took 270-480 ms.
 */
export function perceptualHash(bytes: Uint8Array, mime: string | undefined): string | undefined {
  try {
    const grey = mime === 'image/jpeg' ? jpegGrey(bytes) : mime === 'image/png' ? pngGrey(bytes) : undefined;
    return grey && hashGrey(grey);
  } catch {
    return undefined;
  }
}

/**
 * Pixels beyond this are not decoded for the hash: a phone photo (12 MP, or a 48 MP sensor's default 12 MP) is
 * under it. jpeg-js counts 18 bytes a pixel at worst (4 a coefficient of each of three full-size components, their
 * decoded lines and the RGB output: JPEG_MEMORY_MB), and holds more than that (a 12 MP picture took 370 MB more
 * resident memory): the document check has 1024 MB (infra/constructs/stage-functions.ts). jpeg-js decodes about
 * 8 MP a second on one core of this machine (a progressive JPEG, or one under DC_MIN_SIDE).
 */
export const MAX_HASH_PIXELS = 16_000_000;
/** What jpeg-js may count allocating (MAX_HASH_PIXELS at 18 bytes, and its tables): past it, it throws. */
const JPEG_MEMORY_MB = 320;
/** A progressive JPEG has about ten scans; each is a pass over every block, so thousands of tiny ones would take minutes. */
export const MAX_JPEG_SCANS = 32;
/** Smaller than this on a side: not a photo of a document or a face (a placeholder, an icon). */
export const MIN_HASH_SIDE = 64;

export interface GreyImage {
  width: number;
  height: number;
  /** One byte a pixel, row by row. */
  data: Uint8Array;
  /**
   * How much of its last column and row is picture, when not all (the block means of a JPEG whose size is not a
   * multiple of 8: its last blocks are partly padding): the picture is width - 1 + lastColumn pixels wide.
   */
  lastColumn?: number;
  lastRow?: number;
}

/** The grey picture is averaged down to SIDE x SIDE before its DCT. */
const SIDE = 64;

/** The hash of a grey picture (exported for the tests, which build pictures without encoding them). */
export function hashGrey(img: GreyImage): string | undefined {
  if (img.width < MIN_HASH_SIDE || img.height < MIN_HASH_SIDE) return undefined;
  const small = shrink(img);
  if (flat(small)) return undefined;
  const coefficients = lowFrequencies(small);
  const median = [...coefficients].sort((a, b) => a - b)[coefficients.length / 2]!;
  let hex = '';
  for (let i = 0; i < HASH_BITS; i += 4) {
    let nibble = 0;
    for (let b = 0; b < 4; b++) nibble = (nibble << 1) | (coefficients[i + b]! > median ? 1 : 0);
    hex += nibble.toString(16);
  }
  return hex;
}

/**
 * Below this standard deviation (grey levels) of its 64x64 averages, a picture is blank or one colour: its hash is
 * the bits of noise or all zeros, which two applicants' blank uploads (or two files that did not decode into a
 * picture) would share.
 */
export const MIN_CONTRAST = 4;
const flat = (px: Float64Array) => {
  const mean = px.reduce((a, b) => a + b, 0) / px.length;
  return Math.sqrt(px.reduce((a, b) => a + (b - mean) ** 2, 0) / px.length) < MIN_CONTRAST;
};

/**
 * The picture averaged down to SIDE x SIDE by area: a source pixel across two cells' border weighs in each by the
 * part of it that falls there. (Counting it whole in one cell made an eighth-size picture, 3.9 block means a cell,
 * alias: its hash moved 10 bits when the photo was scaled to 90%.)
 */
function shrink(img: GreyImage): Float64Array {
  const cols = spans(img.width, img.lastColumn ?? 1);
  const rows = spans(img.height, img.lastRow ?? 1);
  const out = new Float64Array(SIDE * SIDE);
  const line = new Float64Array(SIDE + 1);
  for (let y = 0; y < img.height; y++) {
    line.fill(0);
    for (let x = 0; x < img.width; x++) {
      const p = img.data[y * img.width + x]!;
      line[cols.cell[x]!]! += p * cols.here[x]!;
      line[cols.cell[x]! + 1]! += p * cols.next[x]!;
    }
    const [r, here, next] = [rows.cell[y]!, rows.here[y]!, rows.next[y]!];
    for (let c = 0; c < SIDE; c++) {
      out[r * SIDE + c]! += line[c]! * here;
      if (next > 0) out[(r + 1) * SIDE + c]! += line[c]! * next;
    }
  }
  const area = ((img.width - 1 + (img.lastColumn ?? 1)) / SIDE) * ((img.height - 1 + (img.lastRow ?? 1)) / SIDE);
  for (let i = 0; i < out.length; i++) out[i] = out[i]! / area;
  return out;
}

/**
 * For each of n source pixels (the last one only `last` of a pixel), the cell it starts in, and how much of it (in
 * pixels) falls in that cell and in the next.
 */
function spans(n: number, last: number): { cell: Uint16Array; here: Float64Array; next: Float64Array } {
  const extent = n - 1 + last;
  const cell = new Uint16Array(n);
  const here = new Float64Array(n);
  const next = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const [from, to] = [(i * SIDE) / extent, (Math.min(i + 1, extent) * SIDE) / extent];
    const c = Math.min(SIDE - 1, Math.floor(from));
    cell[i] = c;
    here[i] = ((Math.min(to, c + 1) - from) * extent) / SIDE;
    next[i] = c + 1 < SIDE ? (Math.max(0, to - (c + 1)) * extent) / SIDE : 0;
  }
  return { cell, here, next };
}

/** The order the low frequencies are read in: by u+v, then u; the DC term (0, 0) left out. */
const ORDER: [number, number][] = (() => {
  const all: [number, number][] = [];
  for (let u = 0; u < SIDE; u++) for (let v = 0; v < SIDE; v++) if (u + v > 0 && u + v < SIDE / 2) all.push([u, v]);
  return all.sort((a, b) => a[0] + a[1] - (b[0] + b[1]) || a[0] - b[0]).slice(0, HASH_BITS);
})();

const COS: Float64Array = (() => {
  const c = new Float64Array(SIDE * SIDE);
  for (let k = 0; k < SIDE; k++) for (let n = 0; n < SIDE; n++) c[k * SIDE + n] = Math.cos(((2 * n + 1) * k * Math.PI) / (2 * SIDE));
  return c;
})();

/** The HASH_BITS DCT-II coefficients of ORDER (unnormalised: only their order against the median matters). */
function lowFrequencies(px: Float64Array): number[] {
  // Rows first, then each coefficient's column sum.
  const rows = new Float64Array(SIDE * SIDE);
  for (let y = 0; y < SIDE; y++)
    for (let v = 0; v < SIDE; v++) {
      let s = 0;
      for (let x = 0; x < SIDE; x++) s += px[y * SIDE + x]! * COS[v * SIDE + x]!;
      rows[y * SIDE + v] = s;
    }
  return ORDER.map(([u, v]) => {
    let s = 0;
    for (let y = 0; y < SIDE; y++) s += rows[y * SIDE + v]! * COS[u * SIDE + y]!;
    return s;
  });
}

const luma = (r: number, g: number, b: number) => (r * 299 + g * 587 + b * 114) / 1000;

/** A JPEG's size from its frame header (SOF0-SOF15 but DHT, JPG and DAC), before the decoder sees it. */
export function jpegSize(b: Uint8Array): { width: number; height: number } | undefined {
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8) return undefined;
  for (let i = 2; i + 9 < b.length;) {
    if (b[i] !== 0xff) return undefined;
    const m = b[i + 1]!;
    if (m === 0xff) {
      i++;
      continue;
    }
    if (m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc) return { height: (b[i + 5]! << 8) | b[i + 6]!, width: (b[i + 7]! << 8) | b[i + 8]! };
    if (m === 0xd9 || m === 0xda) return undefined;
    i += 2 + ((b[i + 2]! << 8) | b[i + 3]!);
  }
  return undefined;
}

const fits = (s: { width: number; height: number } | undefined): s is { width: number; height: number } =>
  s !== undefined && s.width >= MIN_HASH_SIDE && s.height >= MIN_HASH_SIDE && s.width * s.height <= MAX_HASH_PIXELS;

/** Start-of-scan markers in the file (in entropy-coded data 0xFF is followed by 0x00 or a restart marker, never by 0xDA). */
function jpegScans(b: Uint8Array): number {
  let n = 0;
  for (let i = b.indexOf(0xff); i >= 0 && i + 1 < b.length; i = b.indexOf(0xff, i + 1)) if (b[i + 1] === 0xda) n++;
  return n;
}

/**
 * From this side up (both sides), a baseline JPEG is read at an eighth of its size (jpeg-dc.ts): at least 128 block
 * means a side, twice the 64x64 the hash averages down to, and a fraction of a full decode's time.
 */
export const DC_MIN_SIDE = 1024;

function jpegGrey(bytes: Uint8Array): GreyImage | undefined {
  const size = jpegSize(bytes);
  if (!fits(size) || jpegScans(bytes) > MAX_JPEG_SCANS) return undefined;
  const eighth = Math.min(size.width, size.height) >= DC_MIN_SIDE ? jpegLumaDc(bytes) : undefined;
  if (eighth) return { ...soften(eighth), lastColumn: (size.width - 8 * (eighth.width - 1)) / 8, lastRow: (size.height - 8 * (eighth.height - 1)) / 8 };
  const img = decodeJpeg(bytes, { useTArray: true, formatAsRGBA: false, maxResolutionInMP: MAX_HASH_PIXELS / 1e6, maxMemoryUsageInMB: JPEG_MEMORY_MB });
  const data = new Uint8Array(img.width * img.height);
  for (let i = 0, j = 0; i < data.length; i++, j += 3) data[i] = luma(img.data[j]!, img.data[j + 1]!, img.data[j + 2]!);
  return { width: img.width, height: img.height, data };
}

/**
 * A [1 2 1] blur each way of a picture of block means: where the 8x8 blocks fall on the picture (the same photo
 * scaled to 90% has them elsewhere) then moves its hash less.
 */
function soften(img: GreyImage): GreyImage {
  const { width: w, height: h, data } = img;
  const tmp = new Float64Array(w * h);
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) tmp[y * w + x] = (data[y * w + Math.max(0, x - 1)]! + 2 * data[y * w + x]! + data[y * w + Math.min(w - 1, x + 1)]!) / 4;
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) out[y * w + x] = Math.round((tmp[Math.max(0, y - 1) * w + x]! + 2 * tmp[y * w + x]! + tmp[Math.min(h - 1, y + 1) * w + x]!) / 4);
  return { width: w, height: h, data: out };
}

function pngGrey(bytes: Uint8Array): GreyImage | undefined {
  if (bytes.length < 24) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (!fits({ width: view.getUint32(16), height: view.getUint32(20) })) return undefined;
  const png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { checkCRC: false });
  const data = new Uint8Array(png.width * png.height);
  // Transparent pixels over white, as a viewer shows them.
  for (let i = 0, j = 0; i < data.length; i++, j += 4) {
    const a = png.data[j + 3]! / 255;
    data[i] = luma(png.data[j]!, png.data[j + 1]!, png.data[j + 2]!) * a + 255 * (1 - a);
  }
  return { width: png.width, height: png.height, data };
}
