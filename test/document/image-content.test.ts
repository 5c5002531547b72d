import { createHash } from 'node:crypto';
import fc from 'fast-check';
import jpegJs from 'jpeg-js';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { imageContentDigest, MIN_PICTURE_BYTES } from '../../shared/domain/document/image-content';
import { jpegSegment as segment, jpeg as tinyJpeg, noisePixels as noise, pdf, pdfWithJpeg, photo, png as tinyPng, strippedJpeg as stripped, withSegments } from '../fixtures/documents/specimen-files';

// What an applicant does to make one passport photo look like another file (adversarial pass, December 2026):
// strip or edit its EXIF, add a comment, append bytes after the image's end, compress a PNG again. The file's
// SHA-256 changed each time and the photo sent for two applicants linked nobody; what it shows did not change.

const photoJpeg = (seed = 1, quality = 90): Buffer => photo(seed, quality);
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const digest = (b: Uint8Array, mime: string | undefined) => imageContentDigest(b, mime);

describe('a JPEG: the picture, not its metadata or trailing bytes', () => {
  const photo = photoJpeg();
  const exif = segment(0xffe1, Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), Buffer.alloc(64, 7)]));
  const variants: [string, Buffer][] = [
    ['with an EXIF block added', withSegments(photo, exif)],
    ['with a comment', withSegments(photo, segment(0xfffe, Buffer.from('saved by me', 'latin1')))],
    ['with its JFIF header stripped', stripped(photo)],
    ['with bytes appended after its end', Buffer.concat([photo, Buffer.from('anything at all')])],
    ['with fill bytes before a marker', Buffer.concat([photo.subarray(0, 2), Buffer.from([0xff, 0xff]), photo.subarray(2)])],
  ];

  it('the photo has a digest (enough picture)', () => {
    expect(photo.length).toBeGreaterThan(MIN_PICTURE_BYTES);
    expect(digest(photo, 'image/jpeg')).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each(variants)('%s: another file, the same picture', (_, file) => {
    expect(sha(file)).not.toBe(sha(photo));
    expect(digest(file, 'image/jpeg')).toBe(digest(photo, 'image/jpeg'));
  });

  it('another photo, or the same one re-encoded, is another picture (re-encoding is not caught: see image-content.ts)', () => {
    const d = digest(photo, 'image/jpeg');
    expect(digest(photoJpeg(2), 'image/jpeg')).not.toBe(d);
    expect(digest(photoJpeg(1, 80), 'image/jpeg')).not.toBe(d);
    const changed = Buffer.from(photo);
    changed[changed.length - 100] = changed[changed.length - 100]! ^ 0x10;
    expect(digest(changed, 'image/jpeg')).not.toBe(d);
  });

  it('a tiny or blank picture has none (placeholders two applicants could share)', () => {
    expect(digest(tinyJpeg({ make: 'Canon' }, 20_000), 'image/jpeg')).toBeUndefined();
    const blank = Buffer.from(jpegJs.encode({ data: Buffer.alloc(160 * 120 * 4, 255), width: 160, height: 120 }, 90).data);
    expect(digest(blank, 'image/jpeg')).toBeUndefined();
  });
});

describe('a PNG: the pixels, not the chunks or the compression', () => {
  const image = (seed: number, options: { deflateStrategy?: number; filterType?: number } = {}) => {
    const png = new PNG({ width: 96, height: 96 });
    // Six bits of noise: compressible enough that the compression level and the filters change the file.
    const pixels = noise(96, 96, seed);
    for (let i = 0; i < pixels.length; i++) png.data[i] = (i & 3) === 3 ? 255 : pixels[i]! & 0x3f;
    return PNG.sync.write(png, options);
  };
  const photo = image(1);

  it('compressed again, filtered otherwise, or with a text chunk added: the same picture', () => {
    const d = digest(photo, 'image/png');
    expect(d).toMatch(/^[0-9a-f]{64}$/);
    const others = [image(1, { deflateStrategy: 1 }), image(1, { filterType: 0 }), image(1, { filterType: 1 }), image(1, { filterType: 4 })];
    expect(new Set([photo, ...others].map(sha)).size).toBe(5);
    for (const other of others) expect(digest(other, 'image/png')).toBe(d);
    const text = Buffer.from(tinyPng({ Software: 'GIMP 2.10' })).subarray(33, -12 - 12 - 10); // the tEXt chunk of the fixture
    expect(text.subarray(4, 8).toString('latin1')).toBe('tEXt');
    const withText = Buffer.concat([photo.subarray(0, 33), text, photo.subarray(33)]);
    expect(digest(withText, 'image/png')).toBe(d);
  });

  it('other pixels are another picture; a tiny one has none; a size that would not fit is not decoded', () => {
    expect(digest(image(2), 'image/png')).not.toBe(digest(photo, 'image/png'));
    expect(digest(tinyPng(), 'image/png')).toBeUndefined();
    const huge = Buffer.from(photo);
    huge.writeUInt32BE(100_000, 16);
    huge.writeUInt32BE(100_000, 20);
    expect(digest(huge, 'image/png')).toBeUndefined();
  });
});

describe('a PDF: the JPEG it shows as is', () => {
  it('a photo put in a PDF (print to PDF, a scanning app) is the photo uploaded as a file, whatever the PDF says', () => {
    const jpeg = photoJpeg(3);
    const d = digest(jpeg, 'image/jpeg');
    expect(digest(pdfWithJpeg(jpeg), 'application/pdf')).toBe(d);
    expect(digest(pdfWithJpeg(stripped(jpeg), { info: 'Microsoft: Print To PDF' }), 'application/pdf')).toBe(d);
    expect(digest(Buffer.concat([pdfWithJpeg(jpeg), Buffer.from('%%EOF appended update\n')]), 'application/pdf')).toBe(d);
    expect(digest(pdfWithJpeg(photoJpeg(4)), 'application/pdf')).not.toBe(d);
  });

  it('nothing for a PDF without such an image: no image, a compressed copy of it, too little picture', () => {
    expect(digest(pdf({ producer: 'Word' }), 'application/pdf')).toBeUndefined();
    expect(digest(pdfWithJpeg(photoJpeg(3), { filter: '[/FlateDecode /DCTDecode]' }), 'application/pdf')).toBeUndefined();
    expect(digest(pdfWithJpeg(tinyJpeg({ make: 'Canon' })), 'application/pdf')).toBeUndefined();
  });
});

describe('never throws', () => {
  it('on arbitrary bytes, truncated files and other types', () => {
    const photo = photoJpeg();
    expect(digest(photo.subarray(0, photo.length - 40), 'image/jpeg')).toBeUndefined();
    expect(digest(photo, 'image/webp')).toBeUndefined();
    expect(digest(photo, undefined)).toBeUndefined();
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), fc.constantFrom('image/jpeg', 'image/png', 'application/pdf'), (bytes, mime) => {
        const head = {
          'image/jpeg': Buffer.from([0xff, 0xd8]),
          'image/png': Buffer.from('89504e470d0a1a0a', 'hex'),
          'application/pdf': Buffer.from('%PDF-1.4\n<< /Subtype /Image /Filter /DCTDecode >>\nstream\n', 'latin1'),
        }[mime];
        const prefixed = Buffer.concat([head, bytes]);
        expect(() => digest(prefixed, mime)).not.toThrow();
      }),
      { numRuns: 500 },
    );
  });
});
