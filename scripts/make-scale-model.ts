/**
 * Writes the bench's Qwen2-0.5B-shaped model (tests/fixtures/scale-model.ts) into a folder:
 * `node build/scripts/make-scale-model.js DIR [float32|float16]` → DIR/model.onnx and DIR/model.onnx.data.
 */
import * as fs from 'node:fs';
import { QWEN2_0_5B, writeScaleModel } from '../tests/fixtures/scale-model.js';

const [dir, dtype = 'float32'] = process.argv.slice(2);
if (!dir || (dtype !== 'float32' && dtype !== 'float16')) {
  console.error('usage: make-scale-model DIR [float32|float16]');
  process.exit(2);
}
fs.mkdirSync(dir, { recursive: true });
const t0 = process.hrtime.bigint();
const model = writeScaleModel(dir, { ...QWEN2_0_5B, dtype });
const s = Number(process.hrtime.bigint() - t0) / 1e9;
console.log(
  `${model.file}: ${model.parameters.toLocaleString('en-US')} parameters, ${(model.weightBytes / 1e9).toFixed(2)} GB of ${dtype} weights in ${s.toFixed(1)} s`,
);
