/**
 * The fast dequantizer (probes) gives the reference dequantizer's values, in both layouts; the weight error,
 * dequantized on the fly, is the reference's.
 */
import test from 'ava';
import { dequantize, dequantizeInto, quantizeRows, reconstructionError, transpose } from '../src/quant/blockwise.js';
import { normalSamples } from '../src/eval/random.js';

test('dequantizeInto equals dequantize bit for bit: every width, both symmetries, a short last block, [N, K] and [K, N]', (t) => {
  const N = 7;
  const K = 85; // two full blocks of 32 and a short one
  const rows = normalSamples(N * K, 42);
  for (const bits of [2, 4, 8] as const) {
    for (const symmetric of [true, false]) {
      const m = quantizeRows(rows, N, K, { bits, blockSize: 32, symmetric });
      const reference = dequantize(m);
      t.deepEqual(dequantizeInto(m, new Float32Array(N * K), false), reference, `${bits} bits, symmetric ${symmetric}`);
      t.deepEqual(dequantizeInto(m, new Float32Array(N * K), true), transpose(reference, N, K), `${bits} bits transposed`);
    }
  }
});

test('reconstructionError (dequantized on the fly) is the squared error against the reference dequantizer', (t) => {
  const N = 5;
  const K = 70;
  const rows = normalSamples(N * K, 7);
  for (const bits of [2, 4, 8] as const) {
    for (const symmetric of [true, false]) {
      const back = dequantize(quantizeRows(rows, N, K, { bits, blockSize: 32, symmetric }));
      let error = 0;
      let norm = 0;
      rows.forEach((x, i) => {
        error += (x - back[i]!) ** 2;
        norm += x * x;
      });
      const fast = reconstructionError(rows, N, K, { bits, blockSize: 32, symmetric });
      t.true(error > 0);
      t.is(fast.error, error, `${bits} bits, symmetric ${symmetric}`);
      t.is(fast.norm, norm);
    }
  }
});
