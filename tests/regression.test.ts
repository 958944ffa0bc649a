/**
 * The regression check against the golden quality record, as pure functions: deltas and their direction,
 * each allowance (perplexity points, KL relative, cosine drop, size growth only when configured), "not
 * comparable" with each reason, changed weights, and the GPU tolerance (CPU counts every digit).
 */
import test from 'ava';
import { DEFAULT_THRESHOLDS, type Thresholds } from '../src/config/check-config.js';
import { qualityGate, sizeGate } from '../src/gate/gates.js';
import { compareWithRecord, incomparability, type Measurement, type QualityRecord } from '../src/gate/regression.js';
import type { EvalResult } from '../src/eval/evaluate.js';
import { MEASUREMENT, qualityRecord } from './fixtures/quality-record.js';

const M = MEASUREMENT;

function rec(bytes: number, ppl: number, kl: number, cosine: number, measurement = M, sha = 'a'.repeat(64)): QualityRecord {
  return qualityRecord({ bytesBefore: 1000, bytesAfter: bytes, ppl, kl, cosine, sha, measurement });
}

const compare = (golden: QualityRecord, now: QualityRecord, t: Partial<Thresholds> = {}) =>
  compareWithRecord(
    'g.json',
    golden,
    { sha256: now.model.sha256, size: now.size, quality: now.quality, measurement: now.measurement },
    { ...DEFAULT_THRESHOLDS, ...t },
  );

const evalOf = (r: QualityRecord): EvalResult => ({ ...r.quality!, ep: 'cpu', seconds: 0 });

test('each allowance: +0.5 pp perplexity increase, +10% KL, 0.002 cosine drop; at the limit passes, beyond fails', (t) => {
  const golden = rec(200, 10.5, 0.01, 0.99);
  const within = compare(golden, rec(200, 10.549, 0.0109, 0.9881));
  t.true(within.comparable);
  t.false(within.deltas.some((d) => d.fails));
  t.deepEqual(
    within.deltas.map((d) => d.direction),
    ['same', 'same', 'worse', 'worse', 'worse'],
  );
  const beyond = compare(golden, rec(200, 10.56, 0.0111, 0.9879));
  t.deepEqual(
    beyond.deltas.filter((d) => d.fails).map((d) => d.metric),
    ['ppl_increase', 'kl', 'cosine'],
  );
  const gate = qualityGate(evalOf(rec(200, 10.56, 0.0111, 0.9879)), DEFAULT_THRESHOLDS, 'fail', undefined, beyond);
  t.is(gate.status, 'fail');
  t.regex(gate.summary, /^perplexity increase \+5\.00% → \+5\.60% \(\+0\.60 pp, max \+0\.50 pp\) against the golden record; KL/);
  const better = compare(golden, rec(200, 10.2, 0.005, 0.995));
  t.deepEqual(
    better.deltas.slice(2).map((d) => d.direction),
    ['better', 'better', 'better'],
  );
  t.is(qualityGate(evalOf(rec(200, 10.2, 0.005, 0.995)), DEFAULT_THRESHOLDS, 'fail', undefined, better).status, 'pass');
});

test('size growth is shown, and gates the size gate only when thresholds.size_growth is set', (t) => {
  const golden = rec(200, 10.5, 0.01, 0.99);
  const grown = compare(golden, rec(220, 10.5, 0.01, 0.99));
  const bytes = grown.deltas.find((d) => d.metric === 'bytes')!;
  t.deepEqual([bytes.change, bytes.direction, bytes.fails], [20, 'worse', false]);
  t.is(sizeGate(220, null, 'fail', undefined, grown).status, 'skip');
  const gated = compare(golden, rec(220, 10.5, 0.01, 0.99), { size_growth: 0.05 });
  const failed = sizeGate(220, 300, 'fail', undefined, gated);
  t.is(failed.status, 'fail');
  t.regex(failed.summary, /quantized weights grew 10\.00% \(max 5\.00%\)/);
  t.is(sizeGate(210, 300, 'fail', undefined, compare(golden, rec(210, 10.5, 0.01, 0.99), { size_growth: 0.05 })).status, 'pass');
});

test('not comparable, with the reason, when the measurement differs; nothing gated then', (t) => {
  const cases: Array<[Partial<Measurement>, string]> = [
    [{ tokens_sha256: '2'.repeat(64) }, 'another tokens file'],
    [{ windows: 4 }, '8 token windows then, 4 now'],
    [{ seq_len: null }, "sequence length 128 then, the model's now"],
    [{ execution_provider: 'cuda' }, 'execution provider cpu then, cuda now'],
    [{ inputs: 'synthesized', tokens_sha256: null }, 'inputs tokens then, synthesized now'],
  ];
  for (const [change, reason] of cases) {
    t.is(incomparability(M, { ...M, ...change }), `measured differently: ${reason}`);
    const c = compare(rec(200, 10.5, 0.01, 0.99), rec(200, 20, 0.1, 0.5, { ...M, ...change }));
    t.false(c.comparable);
    t.deepEqual(
      c.deltas.map((d) => d.metric),
      ['bytes', 'bits_per_weight'],
    );
    const gate = qualityGate(evalOf(rec(200, 10.5, 0.01, 0.99)), DEFAULT_THRESHOLDS, 'fail', undefined, c);
    t.is(gate.status, 'pass');
    t.regex(gate.summary, /not comparable with the golden record/);
  }
  t.is(incomparability(M, { ...M, onnxruntime: '1.31.0', quantgate: '0.2.0' }), null, 'versions are recorded, not compared');
});

test('changed weights are said and compared all the same; GPU providers get the configured tolerance, CPU none', (t) => {
  const changed = compare(rec(200, 10.5, 0.01, 0.99), rec(200, 10.6, 0.01, 0.99, M, 'b'.repeat(64)));
  t.true(changed.model_changed);
  t.true(changed.comparable);
  t.regex(
    qualityGate(evalOf(rec(200, 10.6, 0.01, 0.99)), DEFAULT_THRESHOLDS, 'fail', undefined, changed).summary,
    /model weights changed since the golden plan/,
  );

  const gpu = { ...M, execution_provider: 'cuda' };
  const tiny = compare(rec(200, 10.5, 0.01, 0.99, gpu), rec(200, 10.5000001, 0.0100000001, 0.9899999, gpu), { cosine_drop: 0 });
  t.true(
    tiny.deltas.every((d) => d.change === 0 && !d.fails),
    'within 0.1%: the same on a GPU',
  );
  const cpu = compare(rec(200, 10.5, 0.01, 0.99), rec(200, 10.5, 0.01, 0.9899999), { cosine_drop: 0 });
  t.true(cpu.deltas.find((d) => d.metric === 'cosine')!.fails, 'on CPU every digit counts');
});
