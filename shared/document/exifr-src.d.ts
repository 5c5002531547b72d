/** exifr's ES sources (shared/document/exifr.ts composes them); the package types only its builds. */
declare module 'exifr/src/core.mjs';
declare module 'exifr/src/*';
