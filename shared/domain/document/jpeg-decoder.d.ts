/**
 * jpeg-js's decoder alone (perceptual-hash.ts): the package's main module brings its encoder too, about 7 KB of the
 * document check's bundle for nothing. The decoder's options and result as the package types them.
 */
declare module 'jpeg-js/lib/decoder.js' {
  import type { decode } from 'jpeg-js';
  const decodeJpeg: typeof decode;
  export default decodeJpeg;
}
