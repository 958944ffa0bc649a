/**
 * The WebAssembly SIMD kernels (built from wasm/assembly/kernels.ts): one instance per thread, created on
 * first use. Rows are copied into the instance's memory in chunks small enough to stay in the cache
 * (256 KiB), quantized there, and the packed outputs copied out; rows that already live in the instance's
 * memory (`rowsInHeap`) are quantized in place.
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
}

interface KernelExports {
  memory: WasmMemory;
  heapBase(): number;
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

const CHUNK_BYTES = 256 * 1024;
const MAX_BLOCK = 256;
const PAGE = 65536;

export class WasmKernels {
  private readonly scratch: number;
  /** Rows handed out by `rowsInHeap`, quantized in place. */
  private resident: { view: Float32Array; offset: number } | null = null;

  private constructor(private readonly exports: KernelExports) {
    this.scratch = align(exports.heapBase());
  }

  /** The kernels, or null where WebAssembly SIMD is missing. */
  static load(): WasmKernels | null {
    const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
    const bytes = Buffer.from(KERNELS_WASM_BASE64, 'base64');
    if (!api || !api.validate(bytes)) return null;
    const instance = new api.Instance(new api.Module(bytes), {});
    return new WasmKernels(instance.exports as KernelExports);
  }

  private ensure(bytes: number): void {
    const memory = this.exports.memory;
    if (memory.buffer.byteLength < bytes) memory.grow(Math.ceil((bytes - memory.buffer.byteLength) / PAGE));
  }

  private get heap(): ArrayBuffer {
    return this.exports.memory.buffer;
  }

  /**
   * A float32 array of `count` values inside the kernels' memory, for a caller to fill (a tensor read or
   * transposed straight into it): `quantize` then reads it without a copy. Valid until the next call of
   * `rowsInHeap` or `quantize` on other rows.
   */
  rowsInHeap(count: number): Float32Array {
    const offset = align(this.scratch + 5 * MAX_BLOCK * 4);
    // Room for the packed outputs and weights too (at most 1 byte of codes, 1/4 byte of scales and 1/16 of
    // zero points per value, K ≤ count weights): quantizing these rows never grows the memory, which
    // would detach the caller's view.
    this.ensure(offset + count * 4 + count * 2 + count * 4 + 4096);
    const view = new Float32Array(this.heap, offset, count);
    this.resident = { view, offset };
    return view;
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
    const kBlocks = Math.ceil(K / p.blockSize);
    const rowCodes = (kBlocks * p.blockSize * p.bits) / 8;
    const zpPerRow = Math.ceil((kBlocks * p.bits) / 8);
    const inPlace =
      this.resident !== null && x.buffer === this.heap && x.byteOffset === this.resident.offset && x.length <= this.resident.view.length;
    // Whole fours of rows where there are four (the search takes four rows at a time).
    const chunkRows = inPlace ? N : Math.min(N, Math.max(4, Math.floor(CHUNK_BYTES / (K * 4 * 4)) * 4));
    // Layout: scratch | [resident rows] | weights | x chunk | codes | scales | zero points
    let at = align(this.scratch + 5 * MAX_BLOCK * 4);
    if (this.resident) at = align(this.resident.offset + this.resident.view.byteLength);
    const weightsAt = p.importance ? at : 0;
    if (p.importance) at = align(at + K * 4);
    const xAt = inPlace ? this.resident!.offset : at;
    if (!inPlace) at = align(at + chunkRows * K * 4);
    const codesAt = at;
    at = align(at + chunkRows * rowCodes);
    const scalesAt = at;
    at = align(at + chunkRows * kBlocks * 4);
    const zpAt = p.symmetric ? 0 : at;
    at = align(at + chunkRows * zpPerRow);
    this.ensure(at);
    const heap = this.heap;
    if (p.importance) new Float32Array(heap, weightsAt, K).set(p.importance);
    let bad = 0;
    for (let first = 0; first < N; first += chunkRows) {
      const rows = Math.min(chunkRows, N - first);
      const xOffset = inPlace ? xAt + first * K * 4 : xAt;
      if (!inPlace) new Float32Array(heap, xAt, rows * K).set(x.subarray(first * K, (first + rows) * K));
      bad += this.exports.quantize(
        xOffset,
        rows,
        K,
        p.bits,
        p.blockSize,
        p.symmetric ? 1 : 0,
        p.search ? 1 : 0,
        p.float16Scales ? 1 : 0,
        p.magnitude ? 1 : 0,
        weightsAt,
        codesAt,
        scalesAt,
        zpAt,
        this.scratch,
      );
      codes.set(new Uint8Array(heap, codesAt, rows * rowCodes), first * rowCodes);
      scales.set(new Float32Array(heap, scalesAt, rows * kBlocks), first * kBlocks);
      if (zeroPoints) zeroPoints.set(new Uint8Array(heap, zpAt, rows * zpPerRow), first * zpPerRow);
    }
    return bad;
  }
}

function align(offset: number): number {
  return (offset + 15) & ~15;
}
