import { createHash } from 'node:crypto';
import exifr from './exifr';
import { fileTypeFromBuffer } from 'file-type';
import { finding, type Finding } from '../finding';
import { DOC_CODES as C, FBI_2025 } from './doc-codes';
import { detectEditingSoftware } from './editing-software';
import { readPdfMetadata } from './pdf-metadata';
import { imageContentDigest } from './image-content';
import { perceptualHash } from './perceptual-hash';

export type DocumentFileKind = 'front' | 'back' | 'selfie';

export interface DeclaredFile {
  kind: DocumentFileKind;
  /** The upload key; only its extension is used (to compare with the real type). */
  key: string;
}

export interface InspectOptions {
  /** When the application was submitted: metadata dates after it are impossible for a genuine photo. */
  submittedAt: Date;
  maxBytes?: number;
  minBytes?: number;
}

/** What the metadata says, summarised for the reviewer (no GPS, no serial numbers). */
export interface MetadataSummary {
  hasExif: boolean;
  make?: string;
  model?: string;
  software?: string;
  /** When the picture was taken (EXIF DateTimeOriginal / CreateDate, PDF CreationDate), ISO-8601. */
  createdAt?: string;
  /** When the file was last saved (EXIF ModifyDate, PDF ModDate), ISO-8601. */
  modifiedAt?: string;
  width?: number;
  height?: number;
  readError?: boolean;
}

export interface FileInspection {
  kind: DocumentFileKind;
  key: string;
  sha256: string;
  /** What the image shows, whatever its file's metadata or trailing bytes (image-content.ts); JPEG and PNG only. */
  contentSha256?: string;
  /** What the picture looks like, whatever its encoding or size (perceptual-hash.ts); JPEG and PNG only. */
  perceptualHash?: string;
  sizeBytes: number;
  /** Type from the magic bytes, never from the name; undefined when unrecognised. */
  detectedType?: { ext: string; mime: string };
  metadata: MetadataSummary;
  findings: Finding[];
}

export const DEFAULT_MAX_BYTES = 15 * 1024 * 1024;
/** Below this a photo of an ID is too small to be legible (a real phone photo is hundreds of KB). */
export const DEFAULT_MIN_BYTES = 10 * 1024;

const ALLOWED_MIMES = new Set(['image/jpeg', 'image/png', 'application/pdf', 'image/heic', 'image/heif', 'image/webp']);
/** Formats a phone camera writes: for these a complete absence of EXIF means it was stripped. */
const CAMERA_MIMES = new Set(['image/jpeg', 'image/heic', 'image/heif']);
const EXTENSIONS: Record<string, string[]> = {
  'image/jpeg': ['jpg', 'jpeg', 'jpe', 'jfif'],
  'image/png': ['png'],
  'application/pdf': ['pdf'],
  'image/heic': ['heic', 'heif'],
  'image/heif': ['heic', 'heif'],
  'image/webp': ['webp'],
};
/** EXIF dates have no time zone; a date is "after submission" only beyond the widest UTC offset. */
const CLOCK_TOLERANCE_MS = 14 * 3600_000;
/** Capture and last save more than this apart: the file was re-saved later (e.g. after editing). */
const CONTRADICTION_MS = 24 * 3600_000;

const stage = 'document' as const;

/**
 * Inspects one uploaded document file: hash, real type, size limits and what its metadata says about its
 * history. Never throws on arbitrary bytes; every problem is a finding. The lead fetches the bytes from
 * S3 and calls this once per declared file ({@link missingUploadFinding} when the object is absent).
 */
export async function inspectUploadedFile(bytes: Uint8Array, declared: DeclaredFile, opts: InspectOptions): Promise<FileInspection> {
  const sizeBytes = bytes.byteLength;
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const ev = (detail: Record<string, unknown> = {}) => [{ kind: 'upload', field: `document.files.${declared.kind}`, detail: { sha256: sha256.slice(0, 16), ...detail } }];
  const findings: Finding[] = [];
  const metadata: MetadataSummary = { hasExif: false };
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const minBytes = opts.minBytes ?? DEFAULT_MIN_BYTES;

  if (sizeBytes > maxBytes)
    findings.push(
      finding({
        code: C.fileTooLarge,
        stage,
        severity: 'medium',
        message: `The ${declared.kind} file is ${sizeBytes} bytes, above the ${maxBytes}-byte limit; it was not analysed further. Ask for a smaller photo or scan.`,
        evidence: ev({ sizeBytes, maxBytes }),
      }),
    );
  else if (sizeBytes < minBytes)
    findings.push(
      finding({
        code: C.fileTooSmall,
        stage,
        severity: sizeBytes === 0 ? 'high' : 'medium',
        message: `The ${declared.kind} file is only ${sizeBytes} bytes, too small to be a legible photo or scan of an identity document.`,
        evidence: ev({ sizeBytes, minBytes }),
      }),
    );

  let detectedType: { ext: string; mime: string } | undefined;
  if (sizeBytes <= maxBytes) {
    try {
      const t = await fileTypeFromBuffer(bytes);
      if (t) detectedType = { ext: t.ext, mime: t.mime };
    } catch {
      detectedType = undefined;
    }
  }
  const selfieAsPdf = declared.kind === 'selfie' && detectedType?.mime === 'application/pdf';
  if (sizeBytes > 0 && sizeBytes <= maxBytes && (!detectedType || !ALLOWED_MIMES.has(detectedType.mime) || selfieAsPdf))
    findings.push(
      finding({
        code: C.fileTypeNotAllowed,
        stage,
        severity: 'medium',
        message: detectedType
          ? `The ${declared.kind} file is a ${detectedType.mime} file${selfieAsPdf ? ' (a selfie must be a photo)' : ''}; only JPEG, PNG, HEIC, WebP photos or PDF scans are accepted.`
          : `The ${declared.kind} file is not a recognisable image or PDF (its content matches no known file type).`,
        evidence: ev({ detectedType: detectedType?.mime ?? 'unknown' }),
      }),
    );

  const ext = /\.([A-Za-z0-9]{1,5})$/.exec(declared.key)?.[1]?.toLowerCase();
  if (detectedType && ext && EXTENSIONS[detectedType.mime] && !EXTENSIONS[detectedType.mime]!.includes(ext))
    findings.push(
      finding({
        code: C.fileTypeMismatch,
        stage,
        severity: 'low',
        message: `The ${declared.kind} file is named ".${ext}" but is really a ${detectedType.mime} file. Usually a renamed file, sometimes a sign it was converted or re-exported.`,
        evidence: ev({ extension: ext, detectedType: detectedType.mime }),
      }),
    );

  if (detectedType && ALLOWED_MIMES.has(detectedType.mime)) {
    const read = await readMetadata(bytes, detectedType.mime);
    Object.assign(metadata, read.summary);
    findings.push(...metadataFindings(declared, detectedType.mime, metadata, read.editor, opts.submittedAt, ev));
  }

  const contentSha256 = sizeBytes <= maxBytes ? imageContentDigest(bytes, detectedType?.mime) : undefined;
  const pictureHash = sizeBytes <= maxBytes ? perceptualHash(bytes, detectedType?.mime) : undefined;
  return {
    kind: declared.kind,
    key: declared.key,
    sha256,
    ...(contentSha256 ? { contentSha256 } : {}),
    ...(pictureHash ? { perceptualHash: pictureHash } : {}),
    sizeBytes,
    ...(detectedType ? { detectedType } : {}),
    metadata,
    findings,
  };
}

/** The finding for a declared upload whose object does not exist in the bucket. */
export function missingUploadFinding(declared: DeclaredFile): Finding {
  return finding({
    code: C.fileMissing,
    stage,
    severity: 'medium',
    message: `The ${declared.kind} file of the identity document was declared but never uploaded (or the upload expired). Ask the contractor to upload it again.`,
    evidence: [{ kind: 'upload', field: `document.files.${declared.kind}` }],
  });
}

interface ReadMetadata {
  summary: MetadataSummary;
  /** The raw tool string that identifies the editing program, if any. */
  editor?: string;
}

/** EXIF dates "YYYY:MM:DD HH:MM:SS" read as UTC (they carry no zone; the tolerance absorbs the offset). */
function exifDate(v: unknown): Date | undefined {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? undefined : v;
  if (typeof v !== 'string') return undefined;
  const m = /^(\d{4}):(\d{2}):(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(v.trim());
  if (!m) return undefined;
  const d = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`);
  return Number.isNaN(d.getTime()) || m[1] === '0000' ? undefined : d;
}

const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim().slice(0, 200) : undefined);

async function readMetadata(bytes: Uint8Array, mime: string): Promise<ReadMetadata> {
  if (mime === 'application/pdf') {
    const pdf = readPdfMetadata(bytes);
    const tool = [pdf.producer, pdf.creator].find((t) => detectEditingSoftware(t));
    return {
      summary: {
        hasExif: false,
        ...(pdf.creator || pdf.producer ? { software: [pdf.creator, pdf.producer].filter(Boolean).join(' / ').slice(0, 200) } : {}),
        ...(pdf.createdAt ? { createdAt: pdf.createdAt.toISOString() } : {}),
        ...(pdf.modifiedAt ? { modifiedAt: pdf.modifiedAt.toISOString() } : {}),
      },
      ...(tool ? { editor: tool } : {}),
    };
  }
  let raw: Record<string, unknown> | undefined;
  try {
    raw = await exifr.parse(bytes, {
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
    } as Parameters<typeof exifr.parse>[1]);
  } catch {
    // A JPEG whose EXIF block is corrupt: metadata unreadable, which the caller reports.
    return { summary: { hasExif: false, readError: true } };
  }
  const r = raw ?? {};
  const created = exifDate(r.DateTimeOriginal) ?? exifDate(r.CreateDate);
  const modified = exifDate(r.ModifyDate);
  const software = str(r.Software) ?? str(r.CreatorTool) ?? str(r.HistorySoftwareAgent);
  const tools = [str(r.Software), str(r.CreatorTool), str(r.HistorySoftwareAgent), str(r.parameters), str(r.Comment)];
  const editor = tools.find((t) => detectEditingSoftware(t));
  const hasExif = ['Make', 'Model', 'DateTimeOriginal', 'CreateDate', 'ModifyDate', 'Software', 'ExposureTime', 'FNumber', 'ISO'].some((k) => r[k] !== undefined);
  const width = typeof r.ImageWidth === 'number' ? r.ImageWidth : typeof r.ExifImageWidth === 'number' ? r.ExifImageWidth : undefined;
  const height = typeof r.ImageHeight === 'number' ? r.ImageHeight : typeof r.ExifImageHeight === 'number' ? r.ExifImageHeight : undefined;
  return {
    summary: {
      hasExif,
      ...(str(r.Make) ? { make: str(r.Make) } : {}),
      ...(str(r.Model) ? { model: str(r.Model) } : {}),
      ...(software ? { software } : {}),
      ...(created ? { createdAt: created.toISOString() } : {}),
      ...(modified ? { modifiedAt: modified.toISOString() } : {}),
      ...(width !== undefined ? { width } : {}),
      ...(height !== undefined ? { height } : {}),
    },
    ...(editor ? { editor } : {}),
  };
}

function metadataFindings(
  declared: DeclaredFile,
  mime: string,
  m: MetadataSummary,
  editorTool: string | undefined,
  submittedAt: Date,
  ev: (d?: Record<string, unknown>) => { kind: string; field: string; detail: Record<string, unknown> }[],
): Finding[] {
  const out: Finding[] = [];
  if (m.readError)
    out.push(
      finding({
        code: C.fileUnreadable,
        stage,
        severity: 'low',
        message: `The metadata of the ${declared.kind} file is corrupt and could not be read. Damaged metadata can result from editing tools; ask for the original photo.`,
        evidence: ev({ type: mime }),
      }),
    );

  const editor = detectEditingSoftware(editorTool);
  if (editor)
    out.push(
      finding({
        code: C.editingSoftware,
        stage,
        severity: editor.generator ? 'high' : 'medium',
        message: editor.generator
          ? `The ${declared.kind} file's metadata names an AI image generator (${editor.name}). FBI notices report AI-generated and AI-altered identity photos; treat the document as unverified.`
          : `The ${declared.kind} file was last saved by an image editing program (${editor.name}). A genuine photo or scan of a document has no reason to go through an editor; compare it carefully with the original or ask for a new photo.`,
        evidence: ev({ software: m.software ?? editorTool }),
        guidance: FBI_2025,
      }),
    );

  if (CAMERA_MIMES.has(mime) && !m.hasExif && !m.readError)
    out.push(
      finding({
        code: C.metadataStripped,
        stage,
        severity: 'low',
        message: `The ${declared.kind} photo carries no camera metadata at all. Messaging apps strip it, but so do people hiding that a photo was edited; on its own this is weak.`,
        evidence: ev({ type: mime }),
      }),
    );

  const created = m.createdAt ? new Date(m.createdAt) : undefined;
  const modified = m.modifiedAt ? new Date(m.modifiedAt) : undefined;
  if (created && modified) {
    const gap = modified.getTime() - created.getTime();
    if (gap < -CONTRADICTION_MS || gap > CONTRADICTION_MS)
      out.push(
        finding({
          code: C.metadataContradictory,
          stage,
          severity: gap < 0 ? 'medium' : 'low',
          message:
            gap < 0
              ? `The ${declared.kind} file says it was last modified before it was created, which genuine files never say: its metadata was altered.`
              : `The ${declared.kind} file was created on ${m.createdAt!.slice(0, 10)} but saved again on ${m.modifiedAt!.slice(0, 10)}: it was re-saved or edited after capture.`,
          evidence: ev({ createdAt: m.createdAt, modifiedAt: m.modifiedAt }),
        }),
      );
  }
  const latest = [created, modified].filter((d): d is Date => !!d).sort((a, b) => b.getTime() - a.getTime())[0];
  if (latest && latest.getTime() > submittedAt.getTime() + CLOCK_TOLERANCE_MS)
    out.push(
      finding({
        code: C.createdAfterSubmission,
        stage,
        severity: 'high',
        message: `The ${declared.kind} file's metadata dates it ${latest.toISOString().slice(0, 10)}, after the application was submitted (${submittedAt.toISOString().slice(0, 10)}). A file cannot be created after it was submitted unless its metadata was forged or it was replaced.`,
        evidence: ev({ metadataDate: latest.toISOString(), submittedAt: submittedAt.toISOString() }),
      }),
    );
  return out;
}
