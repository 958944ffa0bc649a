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
  superBlockScratchBytes(): number;
  quantizeSuperBlocks(
    x: number,
    rows: number,
    K: number,
    bits: number,
    span: number,
    float16: number,
    magnitude: number,
    importance: number,
    codes: number,
    scales: number,
    zeroPoints: number,
    indices: number,
    superScales: number,
    superMins: number,
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

/**
 * One call of the kernels' `quantizeSuperBlocks` on rows of a super-block layout in the memory: byte offsets
 * of the rows, the importance weights (0: none), the outputs and the calling thread's scratch area, their
 * sizes per row, and the parameters.
 */
export interface SuperBlockCall {
  x: number;
  importance: number;
  codes: number;
  scales: number;
  zeroPoints: number;
  indices: number;
  superScales: number;
  superMins: number;
  scratch: number;
  K: number;
  bits: number;
  span: number;
  float16: boolean;
  magnitude: boolean;
  rowCodes: number;
  kBlocks: number;
  rowIndices: number;
  supers: number;
}

/**
 * Quantizes rows [first, first + n) of a `SuperBlockCall`'s layout to super-blocks; returns the number of
 * non-finite values (then nothing is written). Like `quantizeAt`, self-contained: the pool's workers run its text.
 */
export function superBlocksAt(kernels: Pick<KernelExports, 'quantizeSuperBlocks'>, c: SuperBlockCall, first: number, n: number): number {
  return kernels.quantizeSuperBlocks(
    c.x + first * c.K * 4,
    n,
    c.K,
    c.bits,
    c.span,
    c.float16 ? 1 : 0,
    c.magnitude ? 1 : 0,
    c.importance,
    c.codes + first * c.rowCodes,
    c.scales + first * c.kBlocks * 4,
    c.zeroPoints + first * c.kBlocks * 4,
    c.indices + first * c.rowIndices,
    c.superScales + first * c.supers * 2,
    c.superMins + first * c.supers * 2,
    c.scratch,
  );
}

/** The outputs of a super-block quantization, [N, …] each (quant/super-blocks.ts allocates them). */
export interface SuperBlockOutput {
  codes: Uint8Array;
  scales: Float32Array;
  zeroPoints: Float32Array;
  indices: Uint8Array;
  superScales: Uint16Array;
  superMins: Uint16Array;
}

/** A super-block quantization's parameters: rows of K, super-blocks of `span`, `rowIndices` index bytes a row. */
export interface SuperBlockParams {
  K: number;
  bits: 4 | 2;
  span: number;
  blockSize: number;
  rowIndices: number;
  float16: boolean;
  magnitude: boolean;
  importance: Float32Array | undefined;
}

/** Where a super-block quantization's rows, weights, outputs and threads' scratch areas lie in the memory. */
export interface SharedSuperBlockLayout {
  call: Omit<SuperBlockCall, 'scratch'>;
  /** One scratch area per worker. */
  scratch: number[];
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
    // One area serves both entry points (a thread runs one call at a time).
    this.scratchBytes = Math.max(exports.scratchBytes(), exports.superBlockScratchBytes());
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

  /**
   * Quantizes N rows of K values to super-blocks into `out` (on this thread, a chunk of rows at a time unless
   * the rows are `rowsInHeap`'s); returns the number of non-finite values (then the outputs are unspecified).
   */
  quantizeSuperBlocks(x: Float32Array, N: number, K: number, p: SuperBlockParams, out: SuperBlockOutput): number {
    const inPlace = this.isResident(x);
    const chunkRows = inPlace ? N : Math.min(N, Math.max(1, Math.floor(CHUNK_BYTES / (K * 4))));
    const { call, end } = this.layOutSuper(x, chunkRows, K, p);
    this.ensure(end);
    if (p.importance) new Float32Array(this.heap, call.importance, K).set(p.importance);
    for (let first = 0; first < N; first += chunkRows) {
      const rows = Math.min(chunkRows, N - first);
      if (!inPlace) new Float32Array(this.heap, call.x, rows * K).set(x.subarray(first * K, (first + rows) * K));
      const at = inPlace ? { ...call, x: call.x + first * K * 4 } : call;
      const bad = superBlocksAt(this.exports, { ...at, scratch: this.scratch }, 0, rows);
      if (bad > 0) return bad;
      this.copyOutSuper(at, 0, rows, out, first);
    }
    return 0;
  }

  /**
   * Lays out a super-block quantization of N rows to be split across threads sharing this memory (as
   * `prepareShared` does for the plain layout). Valid until the next call of `rowsInHeap`, a `quantize` or
   * a `prepareShared`; the memory does not grow after it.
   */
  prepareSharedSuper(x: Float32Array, N: number, K: number, p: SuperBlockParams, workers: number): SharedSuperBlockLayout {
    const { call, end, inPlace } = this.layOutSuper(x, N, K, p);
    let at = end;
    const scratch: number[] = [];
    for (let w = 0; w < workers; w++) {
      scratch.push(at);
      at = align(at + this.scratchBytes);
    }
    this.ensure(at);
    if (!inPlace) new Float32Array(this.heap, call.x, N * K).set(x);
    if (p.importance) new Float32Array(this.heap, call.importance, K).set(p.importance);
    return { call, scratch };
  }

  /** Rows [first, first + n) of a shared super-block layout, on this thread; returns the number of non-finite values. */
  quantizeSuperShared(l: SharedSuperBlockLayout, first: number, n: number): number {
    return superBlocksAt(this.exports, { ...l.call, scratch: this.scratch }, first, n);
  }

  /** Copies the outputs of rows [first, first + n) of a super-block call out of the memory, to row `to` of `out`. */
  copyOutSuper(c: Omit<SuperBlockCall, 'scratch'>, first: number, n: number, out: SuperBlockOutput, to = first): void {
    const heap = this.heap;
    out.codes.set(new Uint8Array(heap, c.codes + first * c.rowCodes, n * c.rowCodes), to * c.rowCodes);
    out.scales.set(new Float32Array(heap, c.scales + first * c.kBlocks * 4, n * c.kBlocks), to * c.kBlocks);
    out.zeroPoints.set(new Float32Array(heap, c.zeroPoints + first * c.kBlocks * 4, n * c.kBlocks), to * c.kBlocks);
    out.indices.set(new Uint8Array(heap, c.indices + first * c.rowIndices, n * c.rowIndices), to * c.rowIndices);
    out.superScales.set(new Uint16Array(heap, c.superScales + first * c.supers * 2, n * c.supers), to * c.supers);
    out.superMins.set(new Uint16Array(heap, c.superMins + first * c.supers * 2, n * c.supers), to * c.supers);
  }

  /**
   * Where a super-block quantization of `rows` rows lies, after the resident rows: importance weights | rows
   * (unless resident) | codes | scales | zero points | indices | d | dmin. Neither grows the memory nor writes to it.
   */
  private layOutSuper(
    x: Float32Array,
    rows: number,
    K: number,
    p: SuperBlockParams,
  ): { call: Omit<SuperBlockCall, 'scratch'>; end: number; inPlace: boolean } {
    const kBlocks = K / p.blockSize;
    const rowCodes = (K * p.bits) / 8;
    const supers = K / p.span;
    const inPlace = this.isResident(x);
    let at = this.afterResident();
    const importance = p.importance ? at : 0;
    if (p.importance) at = align(at + K * 4);
    const xAt = inPlace ? this.resident!.offset : at;
    if (!inPlace) at = align(at + rows * K * 4);
    const next = (bytes: number): number => {
      const here = at;
      at = align(at + bytes);
      return here;
    };
    const call = {
      x: xAt,
      importance,
      codes: next(rows * rowCodes),
      scales: next(rows * kBlocks * 4),
      zeroPoints: next(rows * kBlocks * 4),
      indices: next(rows * p.rowIndices),
      superScales: next(rows * supers * 2),
      superMins: next(rows * supers * 2),
      K,
      bits: p.bits,
      span: p.span,
      float16: p.float16,
      magnitude: p.magnitude,
      rowCodes,
      kBlocks,
      rowIndices: p.rowIndices,
      supers,
    };
    return { call, end: at, inPlace };
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
