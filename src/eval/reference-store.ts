/**
 * The reference model's results, kept while the quantized model runs: only one onnxruntime session is
 * alive at a time. Small results stay in memory; past a budget (a large vocabulary's logits over many
 * windows) they are written to the scratch folder and read back one sample at a time.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SampleResult } from './samples.js';
import { scratchDir } from './scratch.js';

/** Bytes of results kept in memory before spilling to disk. */
export const IN_MEMORY_BYTES = 128 * 1024 * 1024;

interface Spilled {
  file: string;
  primaryType: 'f32' | 'f64';
  primaryLength: number;
  classes: number;
  presents: Array<{ name: string; length: number }>;
}

const bytesOf = (r: SampleResult) => r.primary.byteLength + [...r.presents.values()].reduce((n, p) => n + p.byteLength, 0);

export class ReferenceStore {
  private readonly kept: Array<SampleResult | Spilled> = [];
  private inMemory = 0;
  private dir: string | undefined;

  constructor(private readonly budget = IN_MEMORY_BYTES) {}

  add(result: SampleResult): void {
    const size = bytesOf(result);
    if (this.inMemory + size <= this.budget) {
      this.inMemory += size;
      this.kept.push(result);
      return;
    }
    this.dir ??= fs.mkdtempSync(path.join(scratchDir(), 'reference-'));
    const file = path.join(this.dir, `${this.kept.length}.bin`);
    const fd = fs.openSync(file, 'w');
    try {
      const write = (a: Float32Array | Float64Array) => fs.writeSync(fd, new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
      write(result.primary);
      for (const p of result.presents.values()) write(p);
    } finally {
      fs.closeSync(fd);
    }
    this.kept.push({
      file,
      primaryType: result.primary instanceof Float32Array ? 'f32' : 'f64',
      primaryLength: result.primary.length,
      classes: result.classes,
      presents: [...result.presents].map(([name, p]) => ({ name, length: p.length })),
    });
  }

  get length(): number {
    return this.kept.length;
  }

  get(i: number): SampleResult {
    const entry = this.kept[i];
    if (!entry) throw new Error(`no reference result ${i}`);
    if (!('file' in entry)) return entry;
    const bytes = fs.readFileSync(entry.file);
    const width = entry.primaryType === 'f32' ? 4 : 8;
    let at = entry.primaryLength * width;
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    const primary =
      entry.primaryType === 'f32' ? new Float32Array(buffer, 0, entry.primaryLength) : new Float64Array(buffer, 0, entry.primaryLength);
    const presents = new Map<string, Float32Array>();
    for (const p of entry.presents) {
      presents.set(p.name, new Float32Array(buffer, at, p.length));
      at += p.length * 4;
    }
    return { primary, classes: entry.classes, presents };
  }

  /** Removes the spilled files. */
  dispose(): void {
    if (this.dir) fs.rmSync(this.dir, { recursive: true, force: true });
    this.dir = undefined;
    this.kept.length = 0;
  }
}
