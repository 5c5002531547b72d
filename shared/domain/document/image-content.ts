import { createHash } from 'node:crypto';
import { PNG } from 'pngjs';

/**
 * A digest of what an image file shows rather than of its bytes, so that the same picture under another file
 * still meets the applicants it was uploaded for (shared-images.ts): the SHA-256 of a file changes with one byte
 * appended after the image's end, its EXIF stripped or edited (a camera's date, the editing software, GPS), a
 * comment added, or a PNG compressed again; what a reviewer sees does not. Each of these made a passport photo
 * used for two applicants look like two photos (adversarial pass, December 2026).
 *
 * - JPEG: the segments that make the picture (quantization and Huffman tables, frame, scans and their
 *   entropy-coded data) from SOI to EOI; application segments (APP0-APP15: JFIF, EXIF, XMP, ICC, Adobe, maker
 *   notes), comments, padding and whatever follows EOI are left out. Re-encoding the picture changes its scans,
 *   and is not caught here: the perceptual hash is (perceptual-hash.ts, near-duplicate.ts), by a distance chosen
 *   against the false matches between documents of one layout.
 * - PNG: the decoded pixels (8-bit RGBA) and the size: ancillary chunks, the compression level and the row
 *   filters an encoder chose are left out.
 * - PDF: the largest JPEG it embeds as is (an image stream with the DCTDecode filter alone), by the JPEG rule: a
 *   photo "printed to PDF" or put in a PDF by a scanning app keeps its JPEG, and meets the photo uploaded as a file.
 * - Anything else (PDF, HEIC, WebP), a file that does not parse, or a picture of less than MIN_PICTURE_BYTES of
 *   compressed picture data (a blank or tiny image, which two applicants' placeholders could share): undefined; the
 *   file's own SHA-256 still links.
 */
export function imageContentDigest(bytes: Uint8Array, mime: string | undefined): string | undefined {
  try {
    if (mime === 'image/jpeg') return jpegContentDigest(bytes);
    if (mime === 'image/png') return pngContentDigest(bytes);
    if (mime === 'application/pdf') return pdfJpegDigest(bytes);
  } catch {
    return undefined;
  }
  return undefined;
}

/** Pixels beyond this are not decoded for the digest (a 12-megapixel phone photo is well under it). */
export const MAX_DIGEST_PIXELS = 50_000_000;
/**
 * Compressed picture data (a JPEG's scans, a PNG's IDAT chunks) below this is too little picture to say two
 * applicants sent the same photo: a blank or one-colour image compresses to a few KB, a photo or scan of a
 * document to hundreds.
 */
export const MIN_PICTURE_BYTES = 16 * 1024;

const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;
const isApplicationOrComment = (m: number) => (m >= 0xe0 && m <= 0xef) || m === 0xfe;
/** Markers with no length field: RST0-7 and TEM (SOI and EOI are handled on their own). */
const standalone = (m: number) => (m >= 0xd0 && m <= 0xd7) || m === 0x01;

function jpegContentDigest(b: Uint8Array): string | undefined {
  if (b.length < 4 || b[0] !== 0xff || b[1] !== SOI) return undefined;
  const h = createHash('sha256').update('jpeg\n');
  let scanned = 0;
  let i = 2;
  for (;;) {
    // Fill bytes (0xFF runs) before a marker are padding.
    while (i < b.length && b[i] === 0xff && b[i + 1] === 0xff) i++;
    if (i + 1 >= b.length || b[i] !== 0xff) return undefined;
    const marker = b[i + 1]!;
    if (marker === EOI) {
      h.update(b.subarray(i, i + 2));
      return scanned >= MIN_PICTURE_BYTES ? h.digest('hex') : undefined;
    }
    if (standalone(marker)) {
      h.update(b.subarray(i, i + 2));
      i += 2;
      continue;
    }
    if (i + 3 >= b.length) return undefined;
    const end = i + 2 + ((b[i + 2]! << 8) | b[i + 3]!);
    if (end > b.length || end < i + 4) return undefined;
    if (!isApplicationOrComment(marker)) h.update(b.subarray(i, end));
    i = end;
    if (marker === SOS) {
      // Entropy-coded data: up to the next marker that is neither a stuffed 0xFF00 nor a restart marker.
      const start = i;
      while (i + 1 < b.length && !(b[i] === 0xff && b[i + 1] !== 0 && !(b[i + 1]! >= 0xd0 && b[i + 1]! <= 0xd7))) i++;
      if (i + 1 >= b.length) return undefined;
      h.update(b.subarray(start, i));
      scanned += i - start;
    }
  }
}

function pngContentDigest(b: Uint8Array): string | undefined {
  // IHDR first (PNG signature, chunk length, "IHDR", width, height): never decode a size that would not fit.
  if (b.length < 24) return undefined;
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  if (width === 0 || height === 0 || width * height > MAX_DIGEST_PIXELS || idatBytes(view) < MIN_PICTURE_BYTES) return undefined;
  // A chunk's CRC says nothing of the picture: a file with a broken one in a text chunk is still the picture.
  const png = PNG.sync.read(Buffer.from(b.buffer, b.byteOffset, b.byteLength), { checkCRC: false });
  return createHash('sha256').update(`png\n${png.width}x${png.height}\n`).update(png.data).digest('hex');
}

/** The IDAT chunks' total length, walking the chunks from after the signature (0 if they do not parse). */
function idatBytes(view: DataView): number {
  let total = 0;
  for (let at = 8; at + 8 <= view.byteLength;) {
    const length = view.getUint32(at);
    if (view.getUint32(at + 4) === 0x49444154) total += length;
    at += 12 + length;
  }
  return total;
}

/**
 * The JPEG digest of the largest image stream a PDF embeds with the DCTDecode filter alone. Image XObjects are
 * streams, never inside object streams, so their dictionaries are plain text before `stream`; the stream runs to
 * `endstream` (the JPEG rule stops at EOI, so an end of line before it does not matter).
 */
function pdfJpegDigest(b: Uint8Array): string | undefined {
  const text = Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1');
  let best: { start: number; end: number } | undefined;
  const streams = /<<((?:[^<>]|<<(?:[^<>]|<<[^<>]*>>)*>>)*)>>\s*stream\r?\n/g;
  for (let m = streams.exec(text); m; m = streams.exec(text)) {
    const dict = m[1]!;
    const start = m.index + m[0].length;
    const end = text.indexOf('endstream', start);
    if (end < 0) break;
    streams.lastIndex = end;
    if (!/\/Subtype\s*\/Image\b/.test(dict) || !/\/Filter\s*(?:\[\s*)?\/DCTDecode\s*\]?/.test(dict) || /\/Filter\s*\[[^\]]*\/\w+[^\]]*\/\w+/.test(dict)) continue;
    if (!best || end - start > best.end - best.start) best = { start, end };
  }
  return best ? jpegContentDigest(b.subarray(best.start, best.end)) : undefined;
}
