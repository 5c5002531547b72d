import type Exifr from 'exifr';
import * as core from 'exifr/src/core.mjs';
// File formats: JPEG, HEIC/AVIF, PNG, TIFF.
import 'exifr/src/file-parsers/jpeg.mjs';
import 'exifr/src/file-parsers/heif.mjs';
import 'exifr/src/file-parsers/png.mjs';
import 'exifr/src/file-parsers/tiff.mjs';
// Blocks: TIFF/EXIF, XMP, and the PNG header (IHDR: width, height).
import 'exifr/src/segment-parsers/tiff-exif.mjs';
import 'exifr/src/segment-parsers/xmp.mjs';
import 'exifr/src/segment-parsers/ihdr.mjs';
// Not read (switched off in inspect-file.ts), but registered as in the full build: a JPEG's segments are
// sorted by the parsers that know them, and a damaged one is reported the same way.
import 'exifr/src/segment-parsers/jfif.mjs';
import 'exifr/src/segment-parsers/icc.mjs';
import 'exifr/src/segment-parsers/iptc.mjs';
// Tag names and value translations for those blocks, as the full build registers them.
import 'exifr/src/dicts/tiff-ifd0-keys.mjs';
import 'exifr/src/dicts/tiff-exif-keys.mjs';
import 'exifr/src/dicts/tiff-gps-keys.mjs';
import 'exifr/src/dicts/tiff-interop-keys.mjs';
import 'exifr/src/dicts/tiff-other-keys.mjs';
import 'exifr/src/dicts/ihdr-keys.mjs';
import 'exifr/src/dicts/tiff-ifd0-values.mjs';
import 'exifr/src/dicts/tiff-exif-values.mjs';
import 'exifr/src/dicts/tiff-gps-values.mjs';
import 'exifr/src/dicts/ihdr-values.mjs';
import 'exifr/src/dicts/tiff-revivers.mjs';

/**
 * exifr with what the document check reads, composed from the package's own sources as its full build is:
 * every file format the full build parses from bytes, every block parser, and the dictionaries of the blocks
 * it reads (TIFF/EXIF, XMP, PNG header). Left out: the dictionaries of the blocks inspect-file.ts switches
 * off (IPTC, ICC, JFIF), file and URL readers (it is given bytes), and the high-level helpers (GPS,
 * thumbnails, orientation, sidecars). exifr's lite and mini builds are smaller still but read no PNG, whose header
 * and text chunks (image size, generator "parameters") the check uses. test/document/exifr.test.ts compares
 * what this and the full build read from the same files.
 */
export default core as unknown as typeof Exifr;
