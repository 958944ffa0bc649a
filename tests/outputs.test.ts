/**
 * What `quantize` writes, and where it may not write: the input is never overwritten (through a symlinked
 * folder, a hard link, or an external data file inside --out); outputs are one set committed together (a
 * kill between renames never leaves a set that looks complete but is not); a written model is verified
 * before success; full disks, read-only folders and --out naming a file are one-line errors with nothing
 * left behind; a tensor over 4 GiB is read in chunks.
 */
import test from 'ava';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BadInputError } from '../src/errors.js';
import { DataType } from '../src/onnx/dtype.js';
import { readModel } from '../src/onnx/read.js';
import { encodeModel, type ModelProto } from '../src/onnx/schema.js';
import { verifyWrittenModel } from '../src/onnx/write.js';
import type { Plan } from '../src/plan/plan.js';
import { buildModel } from './fixtures/onnx-builder.js';
import { writeExternal } from './fixtures/external.js';
import { CLI, cli, listFiles, runCli, tempDir } from './helpers.js';

/** The preload that kills the CLI at a given step of its writes (built next to this file). */
const KILL_AT_STEP = pathToFileURL(path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'kill-at-step.js')).href;
const sha = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const LLAMA = { arch: 'llama', naming: 'legacy', blocks: 2, hidden: 64, vocab: 128 } as const;

function oneLine(t: import('ava').ExecutionContext, r: { code: number; stderr: string }, pattern: RegExp): void {
  t.is(r.code, 2, r.stderr);
  t.is(r.stderr.trim().split('\n').length, 1, r.stderr);
  t.regex(r.stderr, pattern);
}

test('--out through a symlink to the input folder is refused, and the input is untouched', (t) => {
  const root = tempDir();
  fs.mkdirSync(path.join(root, 'a'));
  const input = path.join(root, 'a', 'm.onnx');
  fs.writeFileSync(input, buildModel(LLAMA).bytes);
  fs.symlinkSync(path.join(root, 'a'), path.join(root, 'link'));
  const before = sha(input);
  oneLine(t, runCli(['quantize', 'a/m.onnx', '--out', 'link'], root), /a\/m\.onnx: --out link would overwrite the input/);
  t.is(sha(input), before);
  t.deepEqual(fs.readdirSync(path.join(root, 'a')), ['m.onnx']);
});

test("the input's external data file inside --out is refused, and the data is untouched", (t) => {
  const root = tempDir();
  const e1 = path.join(root, 'e1');
  fs.mkdirSync(path.join(e1, 'q'), { recursive: true });
  // m.onnx reads q/m.onnx.data: quantizing into e1/q would write that very file.
  writeExternal(buildModel(LLAMA).model, e1, 'm.onnx', 'q/m.onnx.data');
  const data = path.join(e1, 'q', 'm.onnx.data');
  const before = sha(data);
  oneLine(t, runCli(['quantize', 'e1/m.onnx', '--out', 'e1/q'], root), /m\.onnx\.data: --out e1\/q would overwrite the input/);
  t.is(sha(data), before);
  t.deepEqual(fs.readdirSync(path.join(e1, 'q')), ['m.onnx.data']);
});

test('an output that is a hard link to the input is refused (same device and inode)', (t) => {
  const root = tempDir();
  const input = path.join(root, 'm.onnx');
  fs.writeFileSync(input, buildModel(LLAMA).bytes);
  fs.mkdirSync(path.join(root, 'q'));
  fs.linkSync(input, path.join(root, 'q', 'm.plan.json'));
  oneLine(
    t,
    runCli(['quantize', 'm.onnx', '--out', 'q'], root),
    /m\.onnx: --out q would overwrite the input \(q\/m\.plan\.json is this file\)/,
  );
  t.deepEqual(fs.readdirSync(path.join(root, 'q')), ['m.plan.json']);
});

test('--out may not overwrite any file the command reads: the reviewed --plan, an --inputs file', async (t) => {
  const root = tempDir();
  fs.writeFileSync(path.join(root, 'm.onnx'), buildModel(LLAMA).bytes);
  t.is((await cli(['quantize', 'm.onnx', '--out', 'q', '--bits', '4'], root)).code, 0);
  const plan = path.join(root, 'q', 'm.plan.json');
  const reviewed = fs.readFileSync(plan, 'utf8');
  const files = listFiles(path.join(root, 'q'));
  oneLine(
    t,
    await cli(['quantize', 'm.onnx', '--plan', 'q/m.plan.json', '--out', 'q'], root),
    /q\/m\.plan\.json: --out q would overwrite the input \(q\/m\.plan\.json is this file\)/,
  );
  t.is(fs.readFileSync(plan, 'utf8'), reviewed, 'the reviewed plan is untouched');
  t.deepEqual(listFiles(path.join(root, 'q')), files);
  // An input tensor file named by --inputs (NAME=FILE pairs) is a file the command reads too.
  fs.copyFileSync(plan, path.join(root, 'reviewed.plan.json'));
  oneLine(
    t,
    await cli(['quantize', 'm.onnx', '--plan', 'reviewed.plan.json', '--inputs', 'input_ids=q/m.onnx', '--out', 'q'], root),
    /q\/m\.onnx: --out q would overwrite the input/,
  );
  t.deepEqual(listFiles(path.join(root, 'q')), files);
});

test('--out naming a file, or the input itself, is one line (no stack), nothing written', (t) => {
  const root = tempDir();
  fs.writeFileSync(path.join(root, 'm.onnx'), buildModel(LLAMA).bytes);
  fs.writeFileSync(path.join(root, 'notes.txt'), 'x');
  const before = listFiles(root);
  oneLine(t, runCli(['quantize', 'm.onnx', '--out', 'notes.txt'], root), /notes\.txt: --out must be a folder, and this is a file/);
  oneLine(t, runCli(['quantize', 'm.onnx', '--out', 'm.onnx'], root), /m\.onnx: --out must be a folder, and this is a file/);
  t.deepEqual(listFiles(root), before);
});

/** A reader's view of an output folder: the set the plan names, if the plan and the files agree. */
function outputSet(dir: string, base: string): { state: 'complete'; bits: number[] } | { state: 'incomplete'; why: string } {
  const planFile = path.join(dir, `${base}.plan.json`);
  if (!fs.existsSync(planFile)) return { state: 'incomplete', why: 'no plan' };
  const plan = JSON.parse(fs.readFileSync(planFile, 'utf8')) as Plan;
  const model = path.join(dir, plan.output!.file);
  if (sha(model) !== plan.output!.sha256) return { state: 'incomplete', why: 'the plan names another model' };
  readModel(model); // every external reference in bounds
  const size = fs.statSync(model).size + (plan.output!.data_file ? fs.statSync(path.join(dir, plan.output!.data_file)).size : 0);
  if (size !== plan.output!.bytes) return { state: 'incomplete', why: 'sizes differ' };
  return { state: 'complete', bits: plan.layers.map((l) => l.bits) };
}

test('outputs are one set: killed at every step of the commit, a reader finds the old set, the new one, or knows it has neither', (t) => {
  const root = tempDir();
  const input = writeExternal(buildModel(LLAMA).model, root, 'm.onnx', 'm.onnx.data');
  const out = path.join(root, 'q');
  // Killed from outside: a preload wraps node:fs and stops the process before the k-th step in `out`.
  const run = (bits: string, killAt?: number) =>
    spawnSync(
      process.execPath,
      [...(killAt === undefined ? [] : ['--import', KILL_AT_STEP]), CLI, 'quantize', input, '--out', out, '--bits', bits],
      { env: { ...process.env, KILL_AT_STEP: String(killAt), KILL_IN_FOLDER: out }, encoding: 'utf8' },
    );
  t.is(run('8').status, 0);
  const old = outputSet(out, 'm');
  t.is(old.state, 'complete');
  t.is(run('4').status, 0);
  const fresh = outputSet(out, 'm');
  t.is(fresh.state, 'complete');
  t.notDeepEqual(old, fresh);
  // Steps: remove the previous plan, rename the data file, rename the model, rename the plan.
  for (let step = 0; step < 4; step++) {
    t.is(run('8').status, 0);
    const killed = run('4', step);
    t.is(killed.signal, 'SIGKILL', `step ${step}: ${killed.stderr}`);
    const found = outputSet(out, 'm');
    if (step === 0) t.deepEqual(found, old, 'killed before the commit: the old set');
    else t.deepEqual(found, { state: 'incomplete', why: 'no plan' }, `step ${step}: the plan, written last, is missing`);
    // The next run finds the killed run's temporaries and removes them.
    t.is(run('4').status, 0);
    t.deepEqual(outputSet(out, 'm'), fresh);
    t.deepEqual(
      fs.readdirSync(out).filter((f) => f.startsWith('.')),
      [],
      'no temporaries left',
    );
  }
  // Those were all the steps: told to stop at a fifth, the run completes.
  t.is(run('8', 4).status, 0);
  t.deepEqual(outputSet(out, 'm'), old);
});

test('a written model that does not verify is an error naming the file and the tensor', (t) => {
  const model: ModelProto = {
    irVersion: 8,
    opsetImport: [{ domain: '', version: 17 }],
    graph: {
      name: 'g',
      node: [],
      input: [],
      output: [],
      initializer: [
        {
          name: 'w',
          dims: [64, 64],
          dataType: DataType.FLOAT,
          dataLocation: 1,
          externalData: [
            { key: 'location', value: 'q.onnx.data' },
            { key: 'offset', value: '4096' },
            { key: 'length', value: '16384' },
          ],
        },
      ],
    },
  };
  const error = (m: ModelProto, data: { location: string; bytes: number } | null) =>
    t.throws(() => verifyWrittenModel('out/q.onnx', m, data), { instanceOf: BadInputError });
  t.regex(
    error(model, { location: 'q.onnx.data', bytes: 8192 }).message,
    /out\/q\.onnx: written tensor 'w' reads bytes 4096\.\.20480 of 'q\.onnx\.data', which has only 8192/,
  );
  t.regex(
    error(model, { location: 'other.data', bytes: 1 << 20 }).message,
    /written tensor 'w' refers to 'q\.onnx\.data', which is not this model's own data file/,
  );
  t.regex(error(model, null).message, /not this model's own data file/);
  t.notThrows(() => verifyWrittenModel('out/q.onnx', model, { location: 'q.onnx.data', bytes: 20480 }));
});

/**
 * A small tmpfs for full-disk tests: the one CI mounts (QUANTGATE_SMALL_TMPFS), or one mounted by the test
 * itself as root. The mount is made inside the test (probed here, mounted and unmounted at once), so a run
 * stopped anywhere else leaves no mount behind.
 */
type Tmpfs = { dir: string; unmount: () => void };
const mounted = new Set<string>();
function mountSmallTmpfs(): Tmpfs | string {
  const given = process.env.QUANTGATE_SMALL_TMPFS;
  if (given && fs.existsSync(given)) return { dir: fs.mkdtempSync(path.join(given, 'enospc-')), unmount: () => undefined };
  if (os.userInfo().uid !== 0) return 'not root and QUANTGATE_SMALL_TMPFS is not set: cannot mount a small tmpfs';
  const dir = tempDir();
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=400k', 'tmpfs', dir], { encoding: 'utf8' });
  if (r.status !== 0) return `mount -t tmpfs failed: ${(r.stderr || r.error?.message || '').trim()}`;
  mounted.add(dir);
  return {
    dir,
    unmount: () => {
      spawnSync('umount', [dir]);
      mounted.delete(dir);
    },
  };
}
test.after.always(() => {
  for (const dir of mounted) spawnSync('umount', [dir]);
});

const probe = mountSmallTmpfs();
if (typeof probe === 'string') console.log(`skipping the full-disk test: ${probe}`);
else probe.unmount();
(typeof probe === 'string' ? test.skip : test)('a full disk is one line, leaves nothing behind, and the previous set stands', (t) => {
  const tmpfs = mountSmallTmpfs();
  if (typeof tmpfs === 'string') throw new Error(tmpfs);
  const { dir, unmount } = tmpfs;
  try {
    const src = tempDir();
    const small = path.join(src, 'small', 'm.onnx');
    const large = path.join(src, 'large', 'm.onnx');
    fs.mkdirSync(path.dirname(small));
    fs.mkdirSync(path.dirname(large));
    fs.writeFileSync(small, buildModel({ ...LLAMA, hidden: 32, vocab: 64 }).bytes);
    fs.writeFileSync(large, buildModel({ ...LLAMA, blocks: 4, hidden: 128, vocab: 512 }).bytes);
    const out = path.join(dir, 'q');
    t.is(runCli(['quantize', small, '--out', out]).code, 0);
    const before = outputSet(out, 'm');
    t.is(before.state, 'complete');
    const files = listFiles(out);
    oneLine(t, runCli(['quantize', large, '--out', out, '--bits', '8']), /m\.onnx(\.data)?: cannot write \(no space left on the device\)/);
    t.deepEqual(listFiles(out), files, 'nothing left behind');
    t.deepEqual(outputSet(out, 'm'), before);
    // Into a folder it would create: the folder goes too.
    oneLine(t, runCli(['quantize', large, '--out', path.join(dir, 'new', 'deeper'), '--bits', '8']), /no space left on the device/);
    t.false(fs.existsSync(path.join(dir, 'new')));
  } finally {
    unmount();
  }
});

test('a read-only output folder is one line, nothing written', (t) => {
  const src = tempDir();
  fs.writeFileSync(path.join(src, 'm.onnx'), buildModel(LLAMA).bytes);
  const ro = tempDir();
  let cleanup = () => undefined as unknown;
  if (os.userInfo().uid === 0) {
    // Permissions do not stop root: a read-only mount does.
    const r = spawnSync('mount', ['-t', 'tmpfs', '-o', 'ro,size=64k', 'tmpfs', ro]);
    if (r.status === 0) cleanup = () => spawnSync('umount', [ro]);
  } else {
    fs.chmodSync(ro, 0o555);
    cleanup = () => fs.chmodSync(ro, 0o755);
  }
  try {
    const r = runCli(['quantize', path.join(src, 'm.onnx'), '--out', path.join(ro, 'q')]);
    if (os.userInfo().uid === 0 && fs.existsSync(path.join(ro, 'q'))) {
      // No mount here (an unprivileged container): root writes anywhere, so there is nothing to refuse.
      t.is(r.code, 0, r.stderr);
      t.log('read-only mount unavailable: root could write the folder');
      return;
    }
    oneLine(t, r, /cannot write \((read-only file system|permission denied)\)/);
    t.deepEqual(fs.readdirSync(ro), []);
  } finally {
    cleanup();
  }
});

test('a tensor over 4 GiB (a sparse file: no disk used) is read in chunks and quantized', (t) => {
  const dir = tempDir();
  // y = x · Wᵀ with W [N, K] (Gemm transB): 32769 × 32768 float32 = 4 GiB + 128 KiB.
  const K = 32768;
  const N = 32769;
  const bytes = N * K * 4;
  t.true(bytes > 2 ** 32);
  const model: ModelProto = {
    irVersion: 8,
    opsetImport: [{ domain: '', version: 17 }],
    graph: {
      name: 'big',
      node: [{ input: ['x', 'w'], output: ['y'], opType: 'Gemm', name: '/head/Gemm', attribute: [{ name: 'transB', type: 2, i: 1 }] }],
      input: [{ name: 'x', type: { tensorType: { elemType: 1, shape: { dim: [{ dimValue: 1 }, { dimValue: K }] } } } }],
      output: [{ name: 'y', type: { tensorType: { elemType: 1, shape: { dim: [{ dimValue: 1 }, { dimValue: N }] } } } }],
      initializer: [
        {
          name: 'w',
          dims: [N, K],
          dataType: DataType.FLOAT,
          dataLocation: 1,
          externalData: [
            { key: 'location', value: 'big.onnx.data' },
            { key: 'offset', value: '0' },
            { key: 'length', value: String(bytes) },
          ],
        },
      ],
    },
  };
  fs.writeFileSync(path.join(dir, 'big.onnx'), encodeModel(model));
  const data = path.join(dir, 'big.onnx.data');
  fs.closeSync(fs.openSync(data, 'w'));
  fs.truncateSync(data, bytes);
  try {
    const r = runCli(['quantize', 'big.onnx', '--out', 'q', '--bits', '2', '--block-size', '256', '--no-keep-sensitive', '--json'], dir);
    t.is(r.code, 0, r.stderr);
    const result = JSON.parse(r.stdout) as { bytes_planned: number; bytes_written: number };
    t.is(result.bytes_written, result.bytes_planned);
    // Codes: 2 bits a value; scales: one float32 per block of 256.
    t.is(result.bytes_written, N * (K / 4) + N * (K / 256) * 4);
    const written = readModel(path.join(dir, 'q', 'big.onnx'));
    t.is(written.graph.node[0]!.opType, 'MatMulNBits');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
