/**
 * The WebAssembly SIMD kernels (built from wasm/assembly/kernels.ts), created on first use. Rows are
 * copied into the instance's memory in chunks small enough to stay in the cache (256 KiB), quantized
 * there, and the packed outputs copied out; rows that already live in the instance's memory
 * (`rowsInHeap`) are quantized in place. The memory is shared (a SharedArrayBuffer): the worker pool's
 * threads instantiate the same module on it and quantize their rows where they lie (`prepareShared`).
 */
import { KERNELS_WASM_BASE64 } from './wasm/kernels-wasm.js';
import type { JsKernelParams } from './kernels-js.js';

/** The part of the WebAssembly API used here (the compiler's ES2022 library does not declare it). */
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
  Memory: new (descriptor: { initial: number; maximum: number; shared: boolean }) => WasmMemory;
}

interface KernelExports {
  heapBase(): number;
  transpose(src: number, kind: number, rows: number, cols: number, dst: number): void;
  scratchBytes(): number;
  quantize(
    x: number,
    rows: number,
    K: number,
    bits: number,
    blockSize: number,
    symmetric: number,
    search: number,
    float16: number,
    magnitude: number,
    weights: number,
    codes: number,
    scales: number,
    zeroPoints: number,
    scratch: number,
  ): number;
}

/**
 * One call of the kernels' `quantize` on rows of a layout in the memory: byte offsets of the rows
 * (`x`), importance weights (0: none), outputs and the calling thread's scratch area, and the parameters.
 */
export interface QuantizeCall {
  x: number;
  weights: number;
  codes: number;
  scales: number;
  zeroPoints: number;
  scratch: number;
  K: number;
  rowCodes: number;
  kBlocks: number;
  zpPerRow: number;
  bits: number;
  blockSize: number;
  symmetric: boolean;
  search: boolean;
  float16Scales: boolean;
  magnitude: boolean;
}

/**
 * Quantizes rows [first, first + n) of a `QuantizeCall`'s layout; returns the number of non-finite blocks.
 * The one place the export's 14 arguments are spelled out: this thread calls it, and the worker pool's
 * threads run its source text (so it refers to nothing outside itself).
 */
export function quantizeAt(kernels: Pick<KernelExports, 'quantize'>, c: QuantizeCall, first: number, n: number): number {
  return kernels.quantize(
    c.x + first * c.K * 4,
    n,
    c.K,
    c.bits,
    c.blockSize,
    c.symmetric ? 1 : 0,
    c.search ? 1 : 0,
    c.float16Scales ? 1 : 0,
    c.magnitude ? 1 : 0,
    c.weights,
    c.codes + first * c.rowCodes,
    c.scales + first * c.kBlocks * 4,
    c.symmetric ? 0 : c.zeroPoints + first * c.zpPerRow,
    c.scratch,
  );
}

const CHUNK_BYTES = 256 * 1024;
const PAGE = 65536;
/** The memory's most pages (4 GiB, all a 32-bit address reaches): a shared memory is reserved whole, never moved. */
const MAX_PAGES = 65536;

/** Where a split quantization's rows, weights, outputs and threads' scratch areas lie in the shared memory. */
export interface SharedLayout {
  x: number;
  weights: number;
  codes: number;
  scales: number;
  zeroPoints: number;
  /** One scratch area per worker. */
  scratch: number[];
  rowCodes: number;
  kBlocks: number;
  zpPerRow: number;
}

export class WasmKernels {
  /** This thread's scratch area. */
  private readonly scratch: number;
  /** The first byte after it: rows, weights and outputs are laid out from here. */
  private readonly dataStart: number;
  /** Bytes of one scratch area. */
  readonly scratchBytes: number;
  /** The last area handed out by `stagingBytes`. */
  private staged: Uint8Array | null = null;
  /** Rows handed out by `rowsInHeap`, quantized in place. */
  private resident: { view: Float32Array; offset: number } | null = null;

  private constructor(
    private readonly exports: KernelExports,
    /** The compiled module and its memory, for other threads to instantiate on the same memory. */
    readonly module: object,
    readonly memory: WasmMemory,
  ) {
    this.scratch = align(exports.heapBase());
    this.scratchBytes = exports.scratchBytes();
    this.dataStart = align(this.scratch + this.scratchBytes);
  }

  /** The kernels, or null where WebAssembly SIMD (or a shared memory) is missing. */
  static load(): WasmKernels | null {
    const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
    const bytes = Buffer.from(KERNELS_WASM_BASE64, 'base64');
    if (!api || !api.validate(bytes)) return null;
    try {
      const module = new api.Module(bytes);
      const memory = new api.Memory({ initial: 1, maximum: MAX_PAGES, shared: true });
      const instance = new api.Instance(module, { env: { memory } });
      return new WasmKernels(instance.exports as KernelExports, module, memory);
    } catch {
      return null;
    }
  }

  private ensure(bytes: number): void {
    const memory = this.memory;
    if (memory.buffer.byteLength < bytes) memory.grow(Math.ceil((bytes - memory.buffer.byteLength) / PAGE));
  }

  private get heap(): ArrayBuffer {
    return this.memory.buffer;
  }

  /**
   * A float32 array of `count` values inside the kernels' memory, for a caller to fill (a tensor read or
   * transposed straight into it): `quantize` then reads it without a copy. Valid until the next call of
   * `rowsInHeap` or `quantize` on other rows.
   */
  rowsInHeap(count: number): Float32Array {
    const offset = this.dataStart;
    // Room for the packed outputs and weights too (at most 1 byte of codes, 1/4 byte of scales and 1/16 of
    // zero points per value, K ≤ count weights): quantizing these rows never grows the memory, which
    // would detach the caller's view.
    this.ensure(offset + count * 4 + count * 2 + count * 4 + 4096);
    const view = new Float32Array(this.heap, offset, count);
    this.resident = { view, offset };
    return view;
  }

  /**
   * `count` bytes inside the kernels' memory, after the rows `rowsInHeap` handed out, for a caller to read
   * stored weights into and `transposeInto` those rows. Valid until the next call of any method.
   */
  stagingBytes(count: number): Uint8Array {
    const offset = align(this.afterResident());
    this.ensure(offset + count);
    const view = new Uint8Array(this.heap, offset, count);
    this.staged = view;
    return view;
  }

  /**
   * Transposes a row-major [rows, cols] matrix of stored values (`kind` 0 float32, 1 float16, 2 bfloat16)
   * into `out`, float32 [cols, rows]: both in this memory (`stagingBytes`, `rowsInHeap`), else false (the
   * caller transposes).
   */
  transposeInto(stored: Uint8Array, kind: 0 | 1 | 2, rows: number, cols: number, out: Float32Array): boolean {
    // (Views compared with the ones handed out: a grown shared memory hands out a new buffer object.)
    const staged = this.staged;
    if (staged === null || stored.buffer !== staged.buffer || stored.byteOffset !== staged.byteOffset) return false;
    if (!this.isResident(out) || out.length < rows * cols || stored.byteLength < rows * cols * (kind === 0 ? 4 : 2)) return false;
    this.exports.transpose(stored.byteOffset, kind, rows, cols, out.byteOffset);
    return true;
  }

  /** Quantizes N rows of K values into the outputs; returns the number of non-finite blocks. */
  quantize(
    x: Float32Array,
    N: number,
    K: number,
    p: JsKernelParams,
    codes: Uint8Array,
    scales: Float32Array,
    zeroPoints: Uint8Array | null,
  ): number {
    const inPlace = this.isResident(x);
    // Whole fours of rows where there are four (the search takes four rows at a time).
    const chunkRows = inPlace ? N : Math.min(N, Math.max(4, Math.floor(CHUNK_BYTES / (K * 4 * 4)) * 4));
    const { layout, end } = this.layOut(x, chunkRows, K, p);
    const { x: xAt, codes: codesAt, scales: scalesAt, zeroPoints: zpAt, rowCodes, kBlocks, zpPerRow } = layout;
    this.ensure(end);
    const heap = this.heap;
    if (p.importance) new Float32Array(heap, layout.weights, K).set(p.importance);
    const call = callOf(layout, this.scratch, K, p);
    let bad = 0;
    for (let first = 0; first < N; first += chunkRows) {
      const rows = Math.min(chunkRows, N - first);
      if (!inPlace) new Float32Array(heap, xAt, rows * K).set(x.subarray(first * K, (first + rows) * K));
      // In place: rows at their offset; copied: each chunk at the start of the area, outputs likewise.
      bad += quantizeAt(this.exports, inPlace ? { ...call, x: xAt + first * K * 4 } : call, 0, rows);
      codes.set(new Uint8Array(heap, codesAt, rows * rowCodes), first * rowCodes);
      scales.set(new Float32Array(heap, scalesAt, rows * kBlocks), first * kBlocks);
      if (zeroPoints) zeroPoints.set(new Uint8Array(heap, zpAt, rows * zpPerRow), first * zpPerRow);
    }
    return bad;
  }

  private afterResident(): number {
    return this.resident ? align(this.resident.offset + this.resident.view.byteLength) : this.dataStart;
  }

  /**
   * Lays out a quantization of N rows to be split across threads sharing this memory: the rows where
   * they lie when they are `rowsInHeap`'s (else copied in once), the importance weights, the outputs of
   * all N rows and a scratch area per worker. Valid until the next call of `rowsInHeap`, `quantize` or
   * `prepareShared`; the memory does not grow after it.
   */
  prepareShared(x: Float32Array, N: number, K: number, p: JsKernelParams, workers: number): SharedLayout {
    const { layout, end, inPlace } = this.layOut(x, N, K, p);
    let at = end;
    const scratch: number[] = [];
    for (let w = 0; w < workers; w++) {
      scratch.push(at);
      at = align(at + this.scratchBytes);
    }
    this.ensure(at);
    const heap = this.heap;
    if (!inPlace) new Float32Array(heap, layout.x, N * K).set(x);
    if (p.importance) new Float32Array(heap, layout.weights, K).set(p.importance);
    return { ...layout, scratch };
  }

  /**
   * Where a quantization of `rows` rows lies, after the resident rows: importance weights | rows (unless
   * they are resident already: then where they lie) | codes | scales | zero points; `end` is the first
   * byte after it. Neither grows the memory nor writes to it.
   */
  private layOut(
    x: Float32Array,
    rows: number,
    K: number,
    p: JsKernelParams,
  ): { layout: Omit<SharedLayout, 'scratch'>; end: number; inPlace: boolean } {
    const kBlocks = Math.ceil(K / p.blockSize);
    const rowCodes = (kBlocks * p.blockSize * p.bits) / 8;
    const zpPerRow = Math.ceil((kBlocks * p.bits) / 8);
    const inPlace = this.isResident(x);
    let at = this.afterResident();
    const weights = p.importance ? at : 0;
    if (p.importance) at = align(at + K * 4);
    const xAt = inPlace ? this.resident!.offset : at;
    if (!inPlace) at = align(at + rows * K * 4);
    const codes = at;
    at = align(at + rows * rowCodes);
    const scales = at;
    at = align(at + rows * kBlocks * 4);
    const zeroPoints = p.symmetric ? 0 : at;
    at = align(at + rows * zpPerRow);
    return { layout: { x: xAt, weights, codes, scales, zeroPoints, rowCodes, kBlocks, zpPerRow }, end: at, inPlace };
  }

  /** Rows [first, first + n) of a shared layout, on this thread; returns the number of non-finite blocks. */
  quantizeShared(l: SharedLayout, first: number, n: number, K: number, p: JsKernelParams): number {
    return quantizeAt(this.exports, callOf(l, this.scratch, K, p), first, n);
  }

  /** Copies a shared layout's outputs for rows [first, first + n) out of the memory. */
  copyOut(l: SharedLayout, first: number, n: number, codes: Uint8Array, scales: Float32Array, zeroPoints: Uint8Array | null): void {
    const heap = this.heap;
    codes.set(new Uint8Array(heap, l.codes + first * l.rowCodes, n * l.rowCodes), first * l.rowCodes);
    scales.set(new Float32Array(heap, l.scales + first * l.kBlocks * 4, n * l.kBlocks), first * l.kBlocks);
    if (zeroPoints) zeroPoints.set(new Uint8Array(heap, l.zeroPoints + first * l.zpPerRow, n * l.zpPerRow), first * l.zpPerRow);
  }

  private isResident(x: Float32Array): boolean {
    // (The view's own buffer: a grown shared memory hands out a new buffer object, and old views stay valid.)
    const r = this.resident;
    return r !== null && x.buffer === r.view.buffer && x.byteOffset === r.offset && x.length <= r.view.length;
  }
}

/** The call on a layout's areas, for a thread's scratch area. */
export function callOf(
  l: Pick<SharedLayout, 'x' | 'weights' | 'codes' | 'scales' | 'zeroPoints' | 'rowCodes' | 'kBlocks' | 'zpPerRow'>,
  scratch: number,
  K: number,
  p: JsKernelParams,
): QuantizeCall {
  return {
    x: l.x,
    weights: l.weights,
    codes: l.codes,
    scales: l.scales,
    zeroPoints: p.symmetric ? 0 : l.zeroPoints,
    scratch,
    K,
    rowCodes: l.rowCodes,
    kBlocks: l.kBlocks,
    zpPerRow: l.zpPerRow,
    bits: p.bits,
    blockSize: p.blockSize,
    symmetric: p.symmetric,
    search: p.search,
    float16Scales: p.float16Scales,
    magnitude: p.magnitude,
  };
}

function align(offset: number): number {
  return (offset + 15) & ~15;
}
