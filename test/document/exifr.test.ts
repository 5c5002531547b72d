import fc from 'fast-check';
import full from 'exifr';
import { describe, expect, it } from 'vitest';
import composed from '../../shared/domain/document/exifr';
import { exe, gif, jpeg, pdf, png, webp, zip } from '../fixtures/documents/specimen-files';

/**
 * shared/domain/document/exifr.ts composes exifr from its sources with less than the full build; what the document
 * check asks of it (inspect-file.ts's options) must read the same from any bytes, damaged ones included.
 */
const options = {
  tiff: true,
  exif: true,
  xmp: true,
  ihdr: true,
  gps: false,
  iptc: false,
  icc: false,
  jfif: false,
  interop: false,
  ifd1: false,
  makerNote: false,
  userComment: false,
  reviveValues: false,
  mergeOutput: true,
};
const read = async (lib: typeof full, bytes: Uint8Array) => {
  try {
    return { value: (await lib.parse(bytes, options as Parameters<typeof full.parse>[1])) ?? null };
  } catch (err) {
    return { error: (err as Error).message };
  }
};

const xmp = (tool: string) =>
  new Uint8Array(
    Buffer.concat([
      Buffer.from(jpeg({ make: 'Canon' })).subarray(0, 2),
      Buffer.from([0xff, 0xe1]),
      (() => {
        const body = Buffer.from(
          `http://ns.adobe.com/xap/1.0/\0<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmp:CreatorTool="${tool}"/></rdf:RDF></x:xmpmeta>`,
          'latin1',
        );
        const len = Buffer.alloc(2);
        len.writeUInt16BE(body.length + 2);
        return Buffer.concat([len, body]);
      })(),
      Buffer.from(jpeg({ make: 'Canon' })).subarray(2),
    ]),
  );

describe('exifr as composed for the document check', () => {
  const specimens: Uint8Array[] = [
    jpeg(),
    jpeg({ make: 'Apple', model: 'iPhone 15', software: '17.1', dateTimeOriginal: '2025:01:02 10:00:00', createDate: '2025:01:02 10:00:00', modifyDate: '2025:01:03 11:00:00' }),
    jpeg({ software: 'Adobe Photoshop 25.0 (Windows)', modifyDate: '2026:01:01 00:00:00' }),
    xmp('Adobe Photoshop 25.0'),
    png(),
    png({ Software: 'GIMP 2.10', parameters: 'a photo of a passport, Steps: 20, Sampler: Euler', Comment: 'x' }),
    pdf({ producer: 'HP Scan' }),
    gif(),
    webp(),
    zip(),
    exe(),
  ];

  it('reads the same from every specimen', async () => {
    for (const s of specimens) expect(await read(composed, s)).toEqual(await read(full, s));
  });

  it('reads the same from truncated and corrupted specimens', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...specimens), fc.nat(), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }), async (s, cut, flips) => {
        const bytes = Buffer.from(s.subarray(0, cut % (s.length + 1)));
        for (const [at, value] of flips) if (bytes.length) bytes[at % bytes.length] = value;
        expect(await read(composed, bytes)).toEqual(await read(full, bytes));
      }),
      { numRuns: 1500 },
    );
  });
});
