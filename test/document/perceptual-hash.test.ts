import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { jpegLumaDc } from '../../shared/domain/document/jpeg-dc';
import { DC_MIN_SIDE, hammingDistance, hashGrey, HASH_BITS, jpegSize, MAX_HASH_PIXELS, perceptualHash } from '../../shared/domain/document/perceptual-hash';
import { NEAR_DUPLICATE_MAX_DISTANCE } from '../../shared/domain/document/near-duplicate';
import { crop, decodeJpeg, encodeJpeg, encodePng, passportPage, scale, selfie, type Rgba } from '../fixtures/documents/specimen-pictures';
import { photo } from '../fixtures/documents/specimen-files';

// @slow: encodes, decodes and hashes about thirty pictures of up to a megapixel with jpeg-js (about 10 s).
// What an applicant does to pass one passport photo or selfie off as another file, and the false match to avoid:
// two holders' data pages of one country's passport share its whole layout. Measured when the hash was chosen
// (256 bits; 64 bits of a whole page put two holders of this layout 2 bits apart):
// same picture q95 -> q60 0-2, scaled 90% 0-2, scaled 50% 0-2, PNG <-> JPEG 0-2 (and through the eighth-size
// read of a large JPEG: 0-2); cropped half a percent a side 6-18, one percent a side 12-26, 2% off one side 12-34
// (a crop is caught only when small); two holders of one layout 22-80 (276 pairs, median 48), same text with
// another portrait 28-62, the same portrait with other text 12-22, two people's selfies 76 or more.

const jpegHash = (b: Uint8Array) => perceptualHash(b, 'image/jpeg')!;
const pngHash = (b: Uint8Array) => perceptualHash(b, 'image/png')!;

/** The picture as an applicant first uploads it (a JPEG at quality 95), and its hash. */
function original(img: Rgba) {
  const file = encodeJpeg(img, 95);
  return { file, hash: jpegHash(file), pixels: decodeJpeg(file) };
}

describe('the same picture saved again, converted or resized: near', () => {
  const pictures: [string, Rgba][] = [
    ['a passport data page', passportPage(1)],
    ['a selfie', selfie(1)],
  ];
  it.each(pictures)('%s', (_, img) => {
    const o = original(img);
    expect(o.hash).toMatch(new RegExp(`^[0-9a-f]{${HASH_BITS / 4}}$`));
    const variants: [string, string][] = [
      ['re-encoded at quality 60', jpegHash(encodeJpeg(o.pixels, 60))],
      ['scaled to 90%', jpegHash(encodeJpeg(scale(o.pixels, 0.9), 85))],
      ['scaled to 50%', jpegHash(encodeJpeg(scale(o.pixels, 0.5), 85))],
      ['saved as PNG', pngHash(encodePng(o.pixels))],
    ];
    for (const [what, hash] of variants) expect(hammingDistance(o.hash, hash), what).toBeLessThanOrEqual(NEAR_DUPLICATE_MAX_DISTANCE);
    // A PNG first, then a JPEG made of it.
    const png = encodePng(img);
    expect(hammingDistance(pngHash(png), jpegHash(encodeJpeg(img, 85)))).toBeLessThanOrEqual(NEAR_DUPLICATE_MAX_DISTANCE);
  });
});

describe('different pictures of one layout: not near', () => {
  const far = NEAR_DUPLICATE_MAX_DISTANCE * 2;
  it('two holders of the same passport layout (other portrait, other names and numbers) are far apart', () => {
    const hashes = [1, 2, 3, 4, 5, 6].map((s) => jpegHash(encodeJpeg(passportPage(s), 90)));
    const distances = hashes.flatMap((a, i) => hashes.slice(i + 1).map((b) => hammingDistance(a, b)));
    expect(Math.min(...distances)).toBeGreaterThan(far);
  });

  it('the same names and numbers with another portrait are far apart too', () => {
    const first = jpegHash(encodeJpeg(passportPage(1, 1), 90));
    for (const face of [2, 3, 4]) expect(hammingDistance(first, jpegHash(encodeJpeg(passportPage(1, face), 90)))).toBeGreaterThan(far);
  });

  it("another person's selfie, and a selfie against a passport page, are far apart", () => {
    const selfies = [1, 2, 3, 4].map((s) => jpegHash(encodeJpeg(selfie(s), 90)));
    const distances = selfies.flatMap((a, i) => selfies.slice(i + 1).map((b) => hammingDistance(a, b)));
    expect(Math.min(...distances)).toBeGreaterThan(far);
    expect(hammingDistance(selfies[0]!, jpegHash(encodeJpeg(passportPage(1), 90)))).toBeGreaterThan(far);
  });
});

describe('bounded and total', () => {
  /** A JPEG whose frame header claims `width` x `height`, with no picture after it. */
  const claimedJpeg = (width: number, height: number) =>
    Buffer.from([0xff, 0xd8, 0xff, 0xc0, 0x00, 0x11, 8, height >> 8, height & 255, width >> 8, width & 255, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1, 0xff, 0xd9]);

  it('the size is read from the frame header, before any decoding', () => {
    expect(jpegSize(claimedJpeg(20_000, 20_000))).toEqual({ width: 20_000, height: 20_000 });
    expect(jpegSize(photo(1))).toEqual({ width: 160, height: 120 });
  });

  it('a JPEG claiming 20000x20000, or a PNG claiming as much, is not decoded', () => {
    expect(20_000 * 20_000).toBeGreaterThan(MAX_HASH_PIXELS);
    expect(perceptualHash(claimedJpeg(20_000, 20_000), 'image/jpeg')).toBeUndefined();
    const png = Buffer.from(encodePng(selfie(1)));
    png.writeUInt32BE(20_000, 16);
    png.writeUInt32BE(20_000, 20);
    expect(perceptualHash(png, 'image/png')).toBeUndefined();
  });

  it('a JPEG of more scans than a progressive one has is not decoded', () => {
    const file = encodeJpeg(selfie(1), 80);
    const eoi = file.length - 2;
    // The last scan again, fifty times: each would be one more pass over every block.
    const sos = file.lastIndexOf(Buffer.from([0xff, 0xda]));
    const again = Buffer.concat([file.subarray(0, eoi), ...Array.from({ length: 50 }, () => file.subarray(sos, eoi)), file.subarray(eoi)]);
    expect(perceptualHash(file, 'image/jpeg')).toBeDefined();
    expect(perceptualHash(again, 'image/jpeg')).toBeUndefined();
  });

  it("a blank or one-colour picture has no hash (two applicants' blank uploads would share it)", () => {
    const blank = { width: 800, height: 600, data: Buffer.alloc(800 * 600 * 4, 200) };
    expect(perceptualHash(encodeJpeg(blank, 90), 'image/jpeg')).toBeUndefined();
    expect(perceptualHash(encodePng(blank), 'image/png')).toBeUndefined();
    expect(perceptualHash(encodeJpeg(scale(blank, 2), 90), 'image/jpeg')).toBeUndefined();
  });

  it('a tiny picture, garbage, a truncated file or another type has no hash', () => {
    expect(perceptualHash(encodeJpeg(crop(selfie(1), { right: 0.95 }), 90), 'image/jpeg')).toBeUndefined();
    expect(perceptualHash(Buffer.from('not an image at all'), 'image/jpeg')).toBeUndefined();
    expect(perceptualHash(encodeJpeg(selfie(1), 90).subarray(0, 600), 'image/jpeg')).toBeUndefined();
    expect(perceptualHash(encodeJpeg(selfie(1), 90), 'application/pdf')).toBeUndefined();
  });

  it('the distance counts the differing bits', () => {
    expect(hammingDistance('00ff', '00ff')).toBe(0);
    expect(hammingDistance('00ff', '01fe')).toBe(2);
    expect(hammingDistance('f'.repeat(64), '0'.repeat(64))).toBe(256);
  });
});

// Phone photos are 4:2:0 JPEGs, often with restart markers: jpeg-js writes neither, so these three were made once
// with libjpeg-turbo's cjpeg from selfie(5) scaled to 1044x1392 (-quality 75 and: -grayscale; -sample 2x2 -restart 2;
// -sample 2x2 -progressive).
describe('a large JPEG is read at an eighth of its size from its block means', () => {
  const fixture = (name: string) => fs.readFileSync(path.join(import.meta.dirname, '..', 'fixtures', 'documents', 'cjpeg', name));
  /** The hash of the picture decoded whole by jpeg-js. */
  const wholeDecode = (file: Uint8Array) => {
    const d = decodeJpeg(file);
    const grey = new Uint8Array(d.width * d.height).map((_, i) => (d.data[4 * i]! * 299 + d.data[4 * i + 1]! * 587 + d.data[4 * i + 2]! * 114) / 1000);
    return hashGrey({ width: d.width, height: d.height, data: grey })!;
  };

  it.each(['selfie-grey.jpg', 'selfie-420-restart.jpg'])('%s: its block means, and the same hash as a whole decode give, give or take 2 bits', (name) => {
    const file = fixture(name);
    expect(Math.min(...Object.values(jpegSize(file)!))).toBeGreaterThanOrEqual(DC_MIN_SIDE);
    expect(jpegLumaDc(file)).toMatchObject({ width: Math.ceil(1044 / 8), height: Math.ceil(1392 / 8) });
    expect(hammingDistance(jpegHash(file), wholeDecode(file))).toBeLessThanOrEqual(2);
  });

  it('a progressive JPEG is decoded whole; a baseline one cut in its scan, by jpeg-js or not at all', () => {
    const progressive = fixture('selfie-progressive.jpg');
    expect(jpegLumaDc(progressive)).toBeUndefined();
    expect(hammingDistance(jpegHash(progressive), jpegHash(fixture('selfie-420-restart.jpg')))).toBeLessThanOrEqual(2);
    const cut = fixture('selfie-420-restart.jpg').subarray(0, 20_000);
    expect(jpegLumaDc(cut)).toBeUndefined();
    expect(() => perceptualHash(cut, 'image/jpeg')).not.toThrow();
  });

  it('the same picture through either path: a large photo and its copy scaled under DC_MIN_SIDE are near', () => {
    const large = encodeJpeg(scale(selfie(2), 1.6), 90);
    const small = encodeJpeg(scale(decodeJpeg(large), 0.6), 85);
    expect(jpegLumaDc(large)).toBeDefined();
    expect(hammingDistance(jpegHash(large), jpegHash(small))).toBeLessThanOrEqual(NEAR_DUPLICATE_MAX_DISTANCE);
    expect(hammingDistance(jpegHash(large), pngHash(encodePng(decodeJpeg(large))))).toBeLessThanOrEqual(NEAR_DUPLICATE_MAX_DISTANCE);
  });
});
