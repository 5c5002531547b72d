/**
 * The grey picture of a baseline JPEG at an eighth of its size, read from its luma blocks' DC coefficients alone
 * (each 8x8 block's mean): what the perceptual hash needs of a phone photo (it averages the picture down to 64x64),
 * without the inverse DCTs, upsampling and colour conversion of a full decode. jpeg-js took 270-480 ms for a 3-4 MP
 * photo on this machine; this reads the same file's Huffman codes, skipping the AC coefficients, in a fraction of it.
 *
 * Baseline and extended sequential Huffman JPEGs (SOF0, SOF1) of one interleaved scan, grey or YCbCr: anything
 * else (progressive, arithmetic coding, an Adobe RGB or CMYK file, several scans) is undefined, and the caller
 * decodes it whole. Bounded by the frame's block count; a code that does not decode, or data that ends early,
 * is undefined too.
 */
export function jpegLumaDc(b: Uint8Array): { width: number; height: number; data: Uint8Array } | undefined {
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8) return undefined;
  const dcQuant: number[] = [];
  const tables = new Map<number, Huffman>();
  let frame: Frame | undefined;
  let restartInterval = 0;
  let adobeTransform: number | undefined;
  for (let i = 2; i + 4 <= b.length;) {
    if (b[i] !== 0xff) return undefined;
    const marker = b[i + 1]!;
    if (marker === 0xff) {
      i++;
      continue;
    }
    const length = (b[i + 2]! << 8) | b[i + 3]!;
    const seg = b.subarray(i + 4, i + 2 + length);
    if (length < 2 || i + 2 + length > b.length) return undefined;
    if (marker === 0xdb) readQuant(seg, dcQuant);
    else if (marker === 0xc4) readHuffman(seg, tables);
    else if (marker === 0xc0 || marker === 0xc1) frame = readFrame(seg);
    else if ((marker >= 0xc2 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) || marker === 0xd9) return undefined;
    else if (marker === 0xdd) restartInterval = (seg[0]! << 8) | seg[1]!;
    else if (marker === 0xee && seg.length >= 12 && String.fromCharCode(...seg.subarray(0, 5)) === 'Adobe') adobeTransform = seg[11];
    else if (marker === 0xda) {
      if (!frame || (frame.components.length === 3 && adobeTransform === 0) || (frame.components.length !== 1 && frame.components.length !== 3)) return undefined;
      return decodeScan(b, i + 2 + length, seg, frame, tables, dcQuant, restartInterval);
    }
    i += 2 + length;
  }
  return undefined;
}

interface Component {
  id: number;
  h: number;
  v: number;
  quant: number;
}
interface Frame {
  width: number;
  height: number;
  components: Component[];
}
/** A canonical Huffman table (JPEG F.2.2.3): per code length the largest code, and where its symbols start. */
interface Huffman {
  maxCode: Int32Array;
  valPtr: Int32Array;
  minCode: Int32Array;
  symbols: Uint8Array;
}

function readQuant(seg: Uint8Array, dcQuant: number[]): void {
  for (let at = 0; at < seg.length;) {
    const wide = seg[at]! >> 4;
    dcQuant[seg[at]! & 15] = wide ? (seg[at + 1]! << 8) | seg[at + 2]! : seg[at + 1]!;
    at += 1 + 64 * (wide ? 2 : 1);
  }
}

function readHuffman(seg: Uint8Array, tables: Map<number, Huffman>): void {
  for (let at = 0; at + 17 <= seg.length;) {
    const id = seg[at]!;
    const counts = seg.subarray(at + 1, at + 17);
    const total = counts.reduce((n, c) => n + c, 0);
    const symbols = seg.slice(at + 17, at + 17 + total);
    const maxCode = new Int32Array(18).fill(-1);
    const valPtr = new Int32Array(17);
    const minCode = new Int32Array(17);
    let code = 0;
    let k = 0;
    for (let len = 1; len <= 16; len++) {
      valPtr[len] = k;
      minCode[len] = code;
      code += counts[len - 1]!;
      k += counts[len - 1]!;
      maxCode[len] = counts[len - 1] ? code - 1 : -1;
      code <<= 1;
    }
    tables.set(id, { maxCode, valPtr, minCode, symbols });
    at += 17 + total;
  }
}

function readFrame(seg: Uint8Array): Frame | undefined {
  if (seg[0] !== 8) return undefined;
  const components: Component[] = [];
  for (let c = 0; c < seg[5]!; c++) {
    const at = 6 + c * 3;
    components.push({ id: seg[at]!, h: seg[at + 1]! >> 4, v: seg[at + 1]! & 15, quant: seg[at + 2]! });
  }
  const ok = components.every((c) => c.h >= 1 && c.h <= 4 && c.v >= 1 && c.v <= 4);
  return ok ? { height: (seg[1]! << 8) | seg[2]!, width: (seg[3]! << 8) | seg[4]!, components } : undefined;
}

/** Reads entropy-coded bits; a marker (0xFF not followed by 0x00) ends the data. */
class Bits {
  private word = 0;
  private count = 0;
  ended = false;
  constructor(
    private readonly b: Uint8Array,
    public at: number,
  ) {}
  bit(): number {
    if (this.count === 0) {
      if (this.at >= this.b.length || (this.b[this.at] === 0xff && this.b[this.at + 1] !== 0)) {
        this.ended = true;
        return 0;
      }
      this.word = this.b[this.at]!;
      this.at += this.word === 0xff ? 2 : 1;
      this.count = 8;
    }
    this.count--;
    return (this.word >> this.count) & 1;
  }
  bits(n: number): number {
    let v = 0;
    for (let i = 0; i < n; i++) v = (v << 1) | this.bit();
    return v;
  }
  /** To the next byte, past a restart marker. */
  restart(): boolean {
    this.count = 0;
    if (this.b[this.at] !== 0xff || (this.b[this.at + 1]! & 0xf8) !== 0xd0) return false;
    this.at += 2;
    return true;
  }
  decode(t: Huffman): number {
    let code = this.bit();
    for (let len = 1; len <= 16; len++) {
      if (code <= t.maxCode[len]! && t.maxCode[len]! >= 0) return t.symbols[t.valPtr[len]! + code - t.minCode[len]!] ?? -1;
      code = (code << 1) | this.bit();
    }
    return -1;
  }
}

const extend = (v: number, n: number) => (n && v < 1 << (n - 1) ? v - (1 << n) + 1 : v);

function decodeScan(b: Uint8Array, start: number, sos: Uint8Array, frame: Frame, tables: Map<number, Huffman>, dcQuant: number[], restartInterval: number) {
  const n = sos[0]!;
  if (n !== frame.components.length) return undefined;
  const scan = Array.from({ length: n }, (_, s) => {
    const component = frame.components.find((c) => c.id === sos[1 + s * 2])!;
    const dc = tables.get(sos[2 + s * 2]! >> 4);
    const ac = tables.get(0x10 | (sos[2 + s * 2]! & 15));
    return component && dc && ac ? { component, dc, ac, pred: 0 } : undefined;
  });
  const luma = frame.components[0]!;
  const q = dcQuant[luma.quant];
  if (scan.some((s) => !s) || q === undefined) return undefined;
  const hMax = Math.max(...frame.components.map((c) => c.h));
  const vMax = Math.max(...frame.components.map((c) => c.v));
  // One component: one block an MCU, only the blocks that cover the picture.
  const single = n === 1;
  const [mcuW, mcuH] = single ? [8, 8] : [8 * hMax, 8 * vMax];
  const mcusX = Math.ceil(frame.width / mcuW);
  const mcusY = Math.ceil(frame.height / mcuH);
  const [bw, bh] = [Math.ceil((frame.width * luma.h) / hMax / 8), Math.ceil((frame.height * luma.v) / vMax / 8)];
  const data = new Uint8Array(bw * bh);
  const bits = new Bits(b, start);
  for (let m = 0; m < mcusX * mcusY; m++) {
    if (restartInterval && m > 0 && m % restartInterval === 0) {
      if (!bits.restart()) return undefined;
      for (const s of scan) s!.pred = 0;
    }
    const [mx, my] = [m % mcusX, Math.floor(m / mcusX)];
    for (const s of scan) {
      const [h, v] = single ? [1, 1] : [s!.component.h, s!.component.v];
      for (let by = 0; by < v; by++)
        for (let bx = 0; bx < h; bx++) {
          const t = bits.decode(s!.dc);
          if (t < 0 || t > 11) return undefined;
          s!.pred += extend(bits.bits(t), t);
          if (s!.component === luma) {
            const [x, y] = [mx * h + bx, my * v + by];
            if (x < bw && y < bh) data[y * bw + x] = Math.max(0, Math.min(255, Math.round((s!.pred * q) / 8 + 128)));
          }
          for (let k = 1; k < 64; k++) {
            const rs = bits.decode(s!.ac);
            if (rs < 0) return undefined;
            if ((rs & 15) === 0) {
              if (rs !== 0xf0) break;
              k += 15;
            } else {
              k += rs >> 4;
              bits.bits(rs & 15);
            }
          }
          if (bits.ended) return undefined;
        }
    }
  }
  return { width: bw, height: bh, data };
}
