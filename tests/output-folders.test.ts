/**
 * Output folders quantgate creates besides quantize's --out: the report folder (--report-dir, report_dir,
 * report --merge --out), golden_dir under --update-golden, and the sensitivity cache. A file in the way, a
 * file among the parents, a read-only or full file system: exit 2 with one line naming the folder and the
 * cause, and no folder left behind; the cache is optional, so there it is one warning and the run goes on.
 */
import test from 'ava';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildModel } from './fixtures/onnx-builder.js';
import { cli, listFiles, tempDir } from './helpers.js';

/** A repository with two small models and a config; `notes.txt` is a file where folders might go. */
function repo(config = ''): string {
  const dir = tempDir();
  fs.mkdirSync(path.join(dir, 'models'));
  const bytes = buildModel({ arch: 'llama', naming: 'legacy', blocks: 1, hidden: 32, vocab: 64 }).bytes;
  fs.writeFileSync(path.join(dir, 'models', 'a.onnx'), bytes);
  fs.writeFileSync(path.join(dir, 'models', 'b.onnx'), bytes);
  fs.writeFileSync(path.join(dir, 'quantgate.yml'), `models: [models/*.onnx]\nthresholds: { cosine: 0.5 }\n${config}`);
  fs.writeFileSync(path.join(dir, 'notes.txt'), 'x');
  return dir;
}

function oneLine(t: import('ava').ExecutionContext, r: { code: number; stderr: string }, pattern: RegExp): void {
  t.is(r.code, 2, r.stderr);
  const lines = r.stderr.trim().split('\n');
  t.regex(lines[lines.length - 1]!, pattern);
  t.false(r.stderr.includes('    at '), 'no stack');
  t.false(r.stderr.includes('internal error'), r.stderr);
}

test('a report folder that is a file or sits under a file is one line naming it', async (t) => {
  const dir = repo();
  oneLine(
    t,
    await cli(['check', '--no-cache', '--report-dir', 'notes.txt'], dir),
    /notes\.txt: report_dir \(--report-dir\) must be a folder, and this is a file/,
  );
  oneLine(
    t,
    await cli(['check', '--no-cache', '--report-dir', 'notes.txt/report'], dir),
    /notes\.txt\/report: cannot write \(a part of the path is a file, not a folder\)/,
  );
  fs.writeFileSync(path.join(dir, 'quantgate.yml'), `${fs.readFileSync(path.join(dir, 'quantgate.yml'), 'utf8')}report_dir: notes.txt/r\n`);
  oneLine(t, await cli(['check', '--no-cache'], dir), /notes\.txt\/r: cannot write \(a part of the path is a file, not a folder\)/);
  fs.writeFileSync(path.join(dir, 'quantgate.yml'), 'models: [models/*.onnx]\nthresholds: { cosine: 0.5 }\n');
  t.is((await cli(['check', '--no-cache'], dir)).code, 0);
  const report = path.join('quantgate-report', 'report.json');
  oneLine(t, await cli(['report', '--merge', report, '--out', 'notes.txt'], dir), /notes\.txt: --out must be a folder, and this is a file/);
  oneLine(t, await cli(['report', '--merge', report, '--out', 'notes.txt/m'], dir), /notes\.txt\/m: cannot write \(a part of the path/);
  t.is(fs.readFileSync(path.join(dir, 'notes.txt'), 'utf8'), 'x');
});

test('golden_dir under --update-golden that is a file or under a file is one line naming it', async (t) => {
  const dir = repo('golden_dir: notes.txt/golden\n');
  oneLine(
    t,
    await cli(['check', '--no-cache', '--update-golden'], dir),
    /notes\.txt\/golden: cannot write \(a part of the path is a file, not a folder\)/,
  );
  const file = repo('golden_dir: notes.txt\n');
  oneLine(t, await cli(['check', '--no-cache', '--update-golden'], file), /notes\.txt: golden_dir must be a folder, and this is a file/);
});

test('a sensitivity cache folder that cannot be made is one warning; the run goes on without it', async (t) => {
  const dir = repo('policy: auto\ntarget_size: 60%\n');
  const r = await cli(['check', '--cache-dir', 'notes.txt/cache'], dir);
  t.true(r.code === 0 || r.code === 1, r.stderr);
  const warnings = r.stderr.split('\n').filter((l) => l.includes('not caching sensitivity'));
  t.is(warnings.length, 1, r.stderr);
  t.regex(warnings[0]!, /notes\.txt\/cache: cannot write \(a part of the path is a file, not a folder\)/);
  t.true(fs.existsSync(path.join(dir, 'quantgate-report', 'report.json')));
});

/** A tmpfs mounted for one test (root only); null where it cannot be mounted. */
function mountTmpfs(options: string): { dir: string; unmount: () => void } | null {
  if (os.userInfo().uid !== 0) return null;
  const dir = tempDir();
  if (spawnSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir]).status !== 0) return null;
  return { dir, unmount: () => spawnSync('umount', [dir]) };
}

test('a read-only or full file system under the report folder is one line, and no folder is left', async (t) => {
  const dir = repo();
  const ro = mountTmpfs('ro,size=64k');
  let restore = () => undefined as unknown;
  const roDir = ro?.dir ?? tempDir();
  if (!ro) {
    fs.chmodSync(roDir, 0o555);
    restore = () => fs.chmodSync(roDir, 0o755);
  }
  try {
    const r = await cli(['check', '--no-cache', '--report-dir', path.join(roDir, 'r')], dir);
    if (!ro && os.userInfo().uid === 0) {
      t.log('no read-only mount and root writes anywhere: nothing to refuse');
      t.is(r.code, 0, r.stderr);
    } else {
      oneLine(t, r, /r: cannot write \((read-only file system|permission denied)\)/);
      t.deepEqual(fs.readdirSync(roDir), []);
    }
  } finally {
    restore();
    ro?.unmount();
  }
  const full = mountTmpfs('size=64k');
  if (!full) {
    t.log('full-disk part skipped: not root, cannot mount a small tmpfs');
    return;
  }
  try {
    // Fill it up, then ask for a report in a folder that does not exist yet.
    const fd = fs.openSync(path.join(full.dir, 'filler'), 'w');
    try {
      for (;;) fs.writeSync(fd, Buffer.alloc(4096, 1));
    } catch {
      // ENOSPC: full
    } finally {
      fs.closeSync(fd);
    }
    const before = listFiles(full.dir);
    oneLine(
      t,
      await cli(['check', '--no-cache', '--report-dir', path.join(full.dir, 'new', 'deeper')], dir),
      /cannot write \(no space left on the device\)/,
    );
    t.deepEqual(listFiles(full.dir), before, 'no empty folder, no temporary file');
  } finally {
    full.unmount();
  }
});
