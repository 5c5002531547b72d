/** exifr's ES sources (shared/domain/document/exifr.ts composes them); the package types only its builds. */
declare module 'exifr/src/core.mjs';
declare module 'exifr/src/*';
