import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { inspectUploadedFile, missingUploadFinding } from '../../shared/domain/document/inspect-file';
import { parsePdfDate, readPdfMetadata } from '../../shared/domain/document/pdf-metadata';
import { DOC_CODES } from '../../shared/domain/document/doc-codes';
import { exe, gif, jpeg, pdf, png, webp, zip } from '../fixtures/documents/specimen-files';

const submittedAt = new Date('2026-02-01T12:00:00Z');
const front = { kind: 'front' as const, key: 'uploads/case-1/front.jpg' };
/** Fixtures are tiny on purpose; the size floor is tested separately. */
const opts = { submittedAt, minBytes: 0 };
const camera = { make: 'samsung', model: 'SM-S918B', dateTimeOriginal: '2026:01:20 09:15:00', modifyDate: '2026:01:20 09:15:00' };
const codes = (r: { findings: { code: string }[] }) => r.findings.map((f) => f.code).sort();

describe('inspectUploadedFile', () => {
  it('a camera JPEG with consistent metadata has no findings; hash, size, type and metadata are recorded', async () => {
    const bytes = jpeg(camera);
    const r = await inspectUploadedFile(bytes, front, opts);
    expect(r.findings).toEqual([]);
    expect(r.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(r.sizeBytes).toBe(bytes.length);
    expect(r.detectedType).toEqual({ ext: 'jpg', mime: 'image/jpeg' });
    expect(r.metadata).toMatchObject({ hasExif: true, make: 'samsung', model: 'SM-S918B', createdAt: '2026-01-20T09:15:00.000Z' });
  });

  it.each([
    ['Adobe Photoshop 25.0 (Windows)', 'medium'],
    ['GIMP 2.10.36', 'medium'],
    ['Snapseed 2.0', 'medium'],
    ['Stable Diffusion XL', 'high'],
  ])('EXIF Software "%s" is DOC_EDITING_SOFTWARE (%s)', async (software, severity) => {
    const r = await inspectUploadedFile(jpeg({ ...camera, software }), front, opts);
    expect(r.findings.map((f) => [f.code, f.severity])).toEqual([[DOC_CODES.editingSoftware, severity]]);
  });

  it('phone firmware in Software is not an editor', async () => {
    const r = await inspectUploadedFile(jpeg({ ...camera, software: 'S918BXXU3BWK7' }), front, opts);
    expect(r.findings).toEqual([]);
  });

  it('a PNG saved by GIMP and a PDF produced by Photoshop are editing findings', async () => {
    const p = await inspectUploadedFile(png({ Software: 'GIMP 2.10' }), { kind: 'front', key: 'uploads/a/front.png' }, opts);
    expect(codes(p)).toEqual([DOC_CODES.editingSoftware]);
    const d = await inspectUploadedFile(pdf({ producer: 'Adobe Photoshop for Windows -- Image Conversion Plug-in' }), { kind: 'back', key: 'uploads/a/back.pdf' }, opts);
    expect(codes(d)).toEqual([DOC_CODES.editingSoftware]);
  });

  it('a camera JPEG without any EXIF is DOC_METADATA_STRIPPED (low); a PNG without metadata is not', async () => {
    const r = await inspectUploadedFile(jpeg(), front, opts);
    expect(r.findings.map((f) => [f.code, f.severity])).toEqual([[DOC_CODES.metadataStripped, 'low']]);
    expect((await inspectUploadedFile(png(), { kind: 'front', key: 'uploads/a/f.png' }, opts)).findings).toEqual([]);
  });

  it('capture and modification dates far apart, or reversed, are DOC_METADATA_CONTRADICTORY', async () => {
    const later = await inspectUploadedFile(jpeg({ ...camera, modifyDate: '2026:01:28 10:00:00' }), front, opts);
    expect(later.findings.map((f) => [f.code, f.severity])).toEqual([[DOC_CODES.metadataContradictory, 'low']]);
    const reversed = await inspectUploadedFile(jpeg({ ...camera, modifyDate: '2025:06:01 10:00:00' }), front, opts);
    expect(reversed.findings.map((f) => [f.code, f.severity])).toEqual([[DOC_CODES.metadataContradictory, 'medium']]);
    const pdfDates = await inspectUploadedFile(
      pdf({ producer: 'HP Scan', creationDate: "D:20250101100000+01'00'", modDate: "D:20260115100000+01'00'" }),
      { kind: 'front', key: 'uploads/a/front.pdf' },
      opts,
    );
    expect(codes(pdfDates)).toEqual([DOC_CODES.metadataContradictory]);
  });

  it('a creation date after the submission is DOC_CREATED_AFTER_SUBMISSION; a few hours of clock skew is tolerated', async () => {
    const after = await inspectUploadedFile(jpeg({ ...camera, dateTimeOriginal: '2026:02:05 09:00:00', modifyDate: '2026:02:05 09:00:00' }), front, opts);
    expect(after.findings.map((f) => [f.code, f.severity])).toEqual([[DOC_CODES.createdAfterSubmission, 'high']]);
    const skew = await inspectUploadedFile(jpeg({ ...camera, dateTimeOriginal: '2026:02:01 20:00:00', modifyDate: '2026:02:01 20:00:00' }), front, opts);
    expect(skew.findings).toEqual([]);
  });

  it('type comes from the magic bytes, not the name', async () => {
    const renamed = await inspectUploadedFile(png(), front, opts);
    expect(renamed.detectedType?.mime).toBe('image/png');
    expect(codes(renamed)).toEqual([DOC_CODES.fileTypeMismatch]);
    for (const bytes of [exe(), zip(), gif()]) {
      const r = await inspectUploadedFile(bytes, front, opts);
      expect(codes(r)).toContain(DOC_CODES.fileTypeNotAllowed);
    }
    const w = await inspectUploadedFile(webp(), { kind: 'front', key: 'uploads/a/f.webp' }, opts);
    expect(w.detectedType?.mime).toBe('image/webp');
    expect(codes(w)).not.toContain(DOC_CODES.fileTypeNotAllowed);
  });

  it('a selfie must be a photo, not a PDF', async () => {
    const r = await inspectUploadedFile(pdf(), { kind: 'selfie', key: 'uploads/a/selfie.pdf' }, opts);
    expect(codes(r)).toEqual([DOC_CODES.fileTypeNotAllowed]);
  });

  it('size limits: too large is not analysed, too small and empty are findings', async () => {
    const big = await inspectUploadedFile(jpeg(camera, 5000), front, { submittedAt, maxBytes: 4000 });
    expect(codes(big)).toEqual([DOC_CODES.fileTooLarge]);
    expect(big.detectedType).toBeUndefined();
    const small = await inspectUploadedFile(jpeg(camera), front, { submittedAt });
    expect(small.findings.map((f) => [f.code, f.severity])).toEqual([[DOC_CODES.fileTooSmall, 'medium']]);
    const empty = await inspectUploadedFile(new Uint8Array(), front, { submittedAt });
    expect(empty.findings.map((f) => [f.code, f.severity])).toEqual([[DOC_CODES.fileTooSmall, 'high']]);
  });

  it('a JPEG with a corrupt EXIF block is DOC_FILE_UNREADABLE, not a crash', async () => {
    const bytes = Buffer.from(jpeg(camera));
    const tiffAt = bytes.indexOf(Buffer.from('Exif\0\0II', 'latin1')) + 6;
    bytes.writeUInt32LE(0xfffffff0, tiffAt + 4); // IFD0 offset far outside the segment
    const r = await inspectUploadedFile(new Uint8Array(bytes), front, opts);
    expect(r.detectedType?.mime).toBe('image/jpeg');
    expect(codes(r).some((c) => c === DOC_CODES.fileUnreadable || c === DOC_CODES.metadataStripped)).toBe(true);
  });

  it('missingUploadFinding names the file', () => {
    expect(missingUploadFinding(front)).toMatchObject({ code: DOC_CODES.fileMissing, evidence: [{ field: 'document.files.front' }] });
  });

  it('random bytes never throw and always yield a finding', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2048 }), async (bytes) => {
        const r = await inspectUploadedFile(bytes, front, { submittedAt });
        expect(r.findings.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });

  it('valid magic bytes followed by garbage never throw', async () => {
    const prefixes = [jpeg().slice(0, 20), png().slice(0, 16), Buffer.from('%PDF-1.7\n'), Buffer.from('Exif\0\0')];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...prefixes), fc.uint8Array({ maxLength: 1024 }), async (prefix, tail) => {
        const bytes = new Uint8Array([...prefix, ...tail]);
        const r = await inspectUploadedFile(bytes, front, opts);
        expect(typeof r.sha256).toBe('string');
      }),
      { numRuns: 300 },
    );
  });
});

describe('PDF metadata', () => {
  it('reads the Info dictionary and PDF dates with offsets', () => {
    const m = readPdfMetadata(pdf({ producer: 'Microsoft: Print To PDF', creator: 'Canva', creationDate: "D:20260110083000+02'00'" }));
    expect(m).toEqual({ producer: 'Microsoft: Print To PDF', creator: 'Canva', createdAt: new Date('2026-01-10T06:30:00Z') });
    expect(parsePdfDate('D:2026')).toEqual(new Date('2026-01-01T00:00:00Z'));
    expect(parsePdfDate('garbage')).toBeUndefined();
  });
});
