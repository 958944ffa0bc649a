/**
 * The command line as a user runs it: the table, the JSON, config files and flags, and bad input
 * (exit 2, one line naming the file and the problem, nothing written). Most calls run `main` in this
 * process; the smoke tests start the CLI as its own process.
 */
import test from 'ava';
import * as fs from 'node:fs';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Plan } from '../src/plan/plan.js';
import { COMMANDS } from '../src/cli.js';
import { CLI, cli, listFiles, runCli, tempDir, writeModel } from './helpers.js';

test('plan prints a table grouped by block, with totals that match the JSON', async (t) => {
  const built = writeModel({ arch: 'llama', naming: 'legacy', blocks: 4 });
  const table = runCli(['plan', built.file]); // smoke: the CLI as its own process
  t.is(table.code, 0, table.stderr);
  const json = await cli(['plan', built.file, '--json']);
  t.is(json.code, 0);
  const plan = JSON.parse(json.stdout) as Plan;
  t.true(table.stdout.includes('before the blocks'));
  for (let b = 0; b < 4; b++) t.true(table.stdout.includes(`block ${b} (depth ${(b / 4).toFixed(2)})`));
  t.true(table.stdout.includes('after the blocks'));
  t.true(table.stdout.includes(`${plan.totals.bits_per_weight.toFixed(2)} bits per weight`));
  t.true(
    table.stdout.includes(
      `${plan.totals.bytes_before.toLocaleString('en-US')} bytes → ${plan.totals.bytes_after.toLocaleString('en-US')} bytes`,
    ),
  );
  t.true(table.stdout.includes('model.layers.2.mlp.down_proj'));
  t.true(table.stdout.includes('MLP, middle block (depth 0.50) → INT2'));
});

test('--json prints exactly one JSON document, the same bytes every run; warnings go to stderr', async (t) => {
  const built = writeModel({ arch: 'bert', naming: 'dynamo', blocks: 2 });
  const a = await cli(['plan', built.file, '--json', '--override', 'missing*=8']);
  const b = await cli(['plan', built.file, '--json', '--override', 'missing*=8']);
  t.is(a.code, 0);
  t.is(a.stdout, b.stdout);
  const plan = JSON.parse(a.stdout) as Plan;
  t.is(plan.schema, 'quantgate.plan/v1');
  t.is(plan.layers.length, new Set(plan.layers.map((l) => l.name)).size, 'each layer once');
  t.regex(a.stderr, /warning: .*model\.onnx: override 'missing\*' \(--override\) matches no layer of this model/);
});

test('flags and quantgate.yml: flags win, overrides from both apply', async (t) => {
  const built = writeModel({ arch: 'llama', naming: 'legacy', blocks: 4 });
  fs.writeFileSync(
    path.join(built.dir, 'quantgate.yml'),
    ['policy: uniform', 'bits: 8', 'block_size: 64', 'symmetric: false', 'overrides:', '  "*.self_attn.q_proj*": 2', ''].join('\n'),
  );
  const fromFile = JSON.parse((await cli(['plan', 'model.onnx', '--json'], built.dir)).stdout) as Plan;
  t.is(fromFile.policy.name, 'uniform');
  t.is(fromFile.policy.block_size, 64);
  t.false(fromFile.policy.symmetric);
  t.is(fromFile.layers.find((l) => l.module === 'model.layers.0.self_attn.q_proj')!.bits, 2);
  t.is(fromFile.layers.find((l) => l.module === 'model.layers.0.self_attn.k_proj')!.bits, 8);
  const flags = JSON.parse(
    (await cli(['plan', 'model.onnx', '--json', '--bits', '4', '--override', '*.k_proj*=16'], built.dir)).stdout,
  ) as Plan;
  t.is(flags.layers.find((l) => l.module === 'model.layers.0.self_attn.k_proj')!.bits, 16);
  t.is(flags.layers.find((l) => l.module === 'model.layers.0.self_attn.v_proj')!.bits, 4);
  t.is(flags.layers.find((l) => l.module === 'model.layers.0.self_attn.q_proj')!.bits, 2);
});

test('--target-size in percent and in units never exceeds the target', async (t) => {
  const built = writeModel({ arch: 'gpt2', naming: 'legacy', blocks: 4, hidden: 64 });
  for (const size of ['30%', '20%', '120KB', '110KiB']) {
    const r = await cli(['plan', built.file, '--json', '--target-size', size]);
    t.is(r.code, 0, `${size}: ${r.stderr}`);
    const plan = JSON.parse(r.stdout) as Plan;
    t.true(plan.totals.bytes_after <= plan.policy.target_bytes!, size);
  }
  const kib = JSON.parse((await cli(['plan', built.file, '--json', '--target-size', '110KiB'])).stdout) as Plan;
  t.is(kib.policy.target_bytes, 110 * 1024);
});

async function badInput(t: import('ava').ExecutionContext, args: string[], cwd: string, pattern: RegExp): Promise<void> {
  const before = listFiles(cwd);
  const r = await cli(args, cwd);
  t.is(r.code, 2, r.stderr);
  t.is(r.stdout, '');
  t.regex(r.stderr, pattern);
  t.is(r.stderr.trim().split('\n').length, 1, 'one line');
  t.deepEqual(listFiles(cwd), before, 'nothing written');
}

test('bad input: exit 2, one line naming the file and the problem, nothing written', async (t) => {
  const built = writeModel({ arch: 'llama', naming: 'legacy', blocks: 1 });
  const dir = built.dir;
  fs.writeFileSync(path.join(dir, 'truncated.onnx'), built.bytes.subarray(0, 1000));
  fs.writeFileSync(path.join(dir, 'random.onnx'), Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7919) % 251)));
  await badInput(t, ['plan', 'truncated.onnx'], dir, /^quantgate: truncated\.onnx: not a valid ONNX model/);
  await badInput(t, ['plan', 'random.onnx'], dir, /^quantgate: random\.onnx: not a valid ONNX model/);
  await badInput(t, ['plan', 'absent.onnx'], dir, /absent\.onnx: file not found/);
  await badInput(t, ['plan', 'model.onnx', '--target-size', '12 parsecs'], dir, /--target-size: cannot parse size '12 parsecs'/);
  await badInput(
    t,
    ['plan', 'model.onnx', '--target-size', '0.001%'],
    dir,
    /model\.onnx: target size \d+ bytes cannot be met; the smallest plan reachable is [\d,]+ bytes/,
  );
  await badInput(t, ['plan', 'model.onnx', '--bits', '3'], dir, /--bits: bits must be one of 32, 16, 8, 4, 2/);
  await badInput(t, ['plan', 'model.onnx', '--block-size', '48'], dir, /--block-size: block size must be a power of two/);
  await badInput(
    t,
    ['plan', 'model.onnx', '--frobnicate'],
    dir,
    /^quantgate: plan: unknown option '--frobnicate'; see 'quantgate plan --help'$/m,
  );
  await badInput(t, ['plan', 'model.onnx', '--config', 'nope.yml'], dir, /nope\.yml: cannot read config \(file not found\)/);
  fs.writeFileSync(path.join(dir, 'typo.yml'), 'polcy: uniform\n');
  await badInput(t, ['plan', 'model.onnx', '--config', 'typo.yml'], dir, /typo\.yml: unknown key 'polcy'/);
  fs.writeFileSync(path.join(dir, 'size.yml'), 'target_size: lots\n');
  await badInput(t, ['plan', 'model.onnx', '--config', 'size.yml'], dir, /size\.yml: target_size: cannot parse size 'lots'/);
  await badInput(t, ['plan', 'model.onnx', '--policy', 'auto'], dir, /policy 'auto' needs a size target/);
});

test('smoke: bad input through the CLI process is exit 2 with one line on stderr, nothing written', (t) => {
  const built = writeModel({ arch: 'llama', naming: 'legacy', blocks: 1 });
  fs.writeFileSync(path.join(built.dir, 'truncated.onnx'), built.bytes.subarray(0, 1000));
  const before = listFiles(built.dir);
  const r = runCli(['quantize', 'truncated.onnx', '--out', 'q'], built.dir);
  t.is(r.code, 2);
  t.is(r.stdout, '');
  t.regex(r.stderr, /^quantgate: truncated\.onnx: not a valid ONNX model[^\n]*\n$/);
  t.deepEqual(listFiles(built.dir), before);
});

test('a missing default quantgate.yml means defaults', async (t) => {
  const built = writeModel({ arch: 'dit', naming: 'stripped', blocks: 2 });
  const r = await cli(['plan', 'model.onnx', '--json'], built.dir);
  t.is(r.code, 0, r.stderr);
  t.is((JSON.parse(r.stdout) as Plan).policy.name, 'type-depth');
});

test('usage: no command is exit 2 with the usage, help is exit 0, --version prints the version', (t) => {
  const dir = tempDir();
  const none = runCli([], dir);
  t.is(none.code, 2);
  t.regex(none.stderr, /usage: quantgate COMMAND/);
  const help = runCli(['help'], dir);
  t.is(help.code, 0);
  for (const command of ['plan MODEL.onnx', 'quantize MODEL.onnx', 'eval REFERENCE.onnx QUANTIZED.onnx', 'check', 'report REPORT.json...'])
    t.true(help.stdout.includes(`  ${command}\n`), command);
  const version = (JSON.parse(fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  t.is(runCli(['--version'], dir).stdout, `quantgate ${version}\n`);
});

/** The flags the README documents for each command. */
const DOCUMENTED: Record<string, string[]> = {
  plan: [
    '--config',
    '--policy',
    '--bits',
    '--target-size',
    '--override',
    '--default-bits',
    '--block-size',
    '--asymmetric',
    '--no-keep-sensitive',
    '--scale',
    '--measure',
    '--measure-budget',
    '--tokens',
    '--seq-len',
    '--windows',
    '--ep',
    '--cache-dir',
    '--no-cache',
    '--json',
  ],
  quantize: ['--out', '--plan', '--policy', '--bits', '--target-size', '--override', '--scale', '--json'],
  eval: ['--ep', '--tokens', '--inputs', '--seq-len', '--windows', '--json'],
  check: ['--config', '--golden', '--update-golden', '--models', '--fail-on', '--report-dir', '--cache-dir', '--no-cache', '--json'],
  report: ['--merge', '--out', '--json'],
};

test('each command has --help and -h listing every flag it takes', async (t) => {
  for (const [command, flags] of Object.entries(DOCUMENTED)) {
    const long = await cli([command, '--help']);
    t.is(long.code, 0, command);
    t.is((await cli([command, '-h'])).stdout, long.stdout);
    t.is((await cli(['help', command])).stdout, long.stdout);
    t.regex(long.stdout, new RegExp(`^usage: quantgate ${command}`));
    for (const flag of flags) t.regex(long.stdout, new RegExp(`^  ${flag}\\b`, 'm'), `${command} ${flag}`);
    // Every flag the help shows is one the parser takes, and every flag the parser takes is in the help.
    const shown = [...long.stdout.matchAll(/^ {2}(--[\w-]+)/gm)].map((m) => m[1]!.slice(2)).filter((f) => f !== 'help');
    t.deepEqual(shown.sort(), Object.keys(COMMANDS[command as keyof typeof COMMANDS].options).sort(), command);
  }
  // The installed command prints the same.
  const spawned = runCli(['check', '--help'], tempDir());
  t.is(spawned.code, 0);
  t.is(spawned.stdout, (await cli(['check', '--help'])).stdout);
});

test("typos: a did-you-mean for commands and flags, one line, never the parser's own text", async (t) => {
  const cases: Array<[string[], RegExp]> = [
    [['plna', 'm.onnx'], /^quantgate: unknown command 'plna' \(did you mean 'plan'\?\); see 'quantgate --help'\n$/],
    [['chekc'], /^quantgate: unknown command 'chekc' \(did you mean 'check'\?\)/],
    [
      ['plan', 'm.onnx', '--polcy', 'uniform'],
      /^quantgate: plan: unknown option '--polcy' \(did you mean '--policy'\?\); see 'quantgate plan --help'\n$/,
    ],
    [['check', '--update-goldne'], /unknown option '--update-goldne' \(did you mean '--update-golden'\?\)/],
    [['check', '--gold', 'g'], /unknown option '--gold' \(did you mean '--golden'\?\)/],
    [
      ['quantize', 'm.onnx', '--out'],
      /^quantgate: quantize: option '--out' needs a value \(--out DIR\); see 'quantgate quantize --help'\n$/,
    ],
    [['plan', 'm.onnx', '--json=yes'], /^quantgate: plan: option '--json' takes no value/],
    [['check', 'extra'], /^quantgate: check takes no arguments: unexpected argument 'extra'/],
    [['eval', 'a.onnx'], /^quantgate: eval expects REFERENCE\.onnx QUANTIZED\.onnx; see 'quantgate eval --help'\n$/],
    [['--verison'], /^quantgate: unknown option '--verison' \(did you mean '--version'\?\)/],
  ];
  for (const [args, message] of cases) {
    const r = await cli(args);
    t.is(r.code, 2, args.join(' '));
    t.regex(r.stderr, message, args.join(' '));
  }
  // As a user meets it: exit 2 and one line, not Node's parser text.
  const spawned = runCli(['plan', 'm.onnx', '--polcy', 'uniform'], tempDir());
  t.is(spawned.code, 2);
  t.is(spawned.stderr, (await cli(['plan', 'm.onnx', '--polcy', 'uniform'])).stderr);
  t.notRegex(spawned.stderr, /ERR_PARSE_ARGS|TypeError|Unknown option/);
});

test("every command's --json is one JSON document on stdout, with messages on stderr", (t) => {
  const built = writeModel({ arch: 'llama', naming: 'legacy', blocks: 1 });
  const dir = built.dir;
  const json = (args: string[]) => {
    const r = runCli(args, dir);
    t.is(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
    return JSON.parse(r.stdout) as { schema?: string };
  };
  t.is(json(['plan', 'model.onnx', '--json']).schema, 'quantgate.plan/v1');
  json(['quantize', 'model.onnx', '--out', 'q', '--json']);
  json(['eval', 'model.onnx', 'q/model.onnx', '--json']);
  fs.writeFileSync(path.join(dir, 'quantgate.yml'), 'models: ["*.onnx"]\nthresholds: { cosine: 0.1 }\n');
  t.is(json(['check', '--no-cache', '--json']).schema, 'quantgate.report/v1');
  t.is(json(['report', '--merge', 'quantgate-report/report.json', '--out', 'merged', '--json']).schema, 'quantgate.report/v1');
});

test("--ep auto without a GPU: quantgate's one warning line, none of onnxruntime's native ones", (t) => {
  const built = writeModel({ arch: 'llama', naming: 'legacy', blocks: 1 });
  t.is(runCli(['quantize', 'model.onnx', '--out', 'q'], built.dir).code, 0);
  const r = runCli(['eval', 'model.onnx', 'q/model.onnx', '--ep', 'auto', '--quiet', '--json'], built.dir);
  t.is(r.code, 0, r.stderr);
  const ep = (JSON.parse(r.stdout) as { ep: string }).ep;
  if (ep === 'cpu') {
    t.deepEqual(
      r.stderr
        .trim()
        .split('\n')
        .map((l) => l.replace(/ \(.*\)/, ' (…)')),
      ['warning: execution provider auto: no GPU provider works here (…); running on cpu'],
    );
  } else {
    t.is(r.stderr.trim(), '', 'a GPU provider ran: nothing to warn about');
  }
  const config = runCli(['plan', 'model.onnx', '--ep', 'gpu'], built.dir);
  t.regex(config.stderr, /--ep: execution provider must be one of cpu, webgpu, cuda or auto \(got 'gpu'\)/);
});

test('smoke: a command loads its modules only when it runs (help loads none, plan no @actions/glob)', (t) => {
  const dir = tempDir();
  const log = path.join(dir, 'loaded.txt');
  // A module-resolution hook that records every module the CLI process imports.
  const hooks = path.join(dir, 'hooks.mjs');
  fs.writeFileSync(
    hooks,
    `import * as fs from 'node:fs';\nexport async function resolve(specifier, context, next) {\n  const result = await next(specifier, context);\n  fs.appendFileSync(${JSON.stringify(log)}, result.url + '\\n');\n  return result;\n}\n`,
  );
  const register = path.join(dir, 'register.mjs');
  fs.writeFileSync(register, `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`);
  const loaded = (args: string[]) => {
    fs.rmSync(log, { force: true });
    const r = spawnSync(process.execPath, ['--import', pathToFileURL(register).href, CLI, ...args], { cwd: dir, encoding: 'utf8' });
    t.is(r.status, 0, r.stderr);
    return fs.readFileSync(log, 'utf8').split('\n');
  };
  const help = loaded(['help']);
  t.true(help.some((url) => url.endsWith('/src/cli.js')));
  t.false(
    help.some((url) => /\/src\/(commands|pipeline|analyze|eval|quant)\/|@actions|onnxruntime/.test(url)),
    help.join('\n'),
  );
  const built = writeModel({ arch: 'llama', naming: 'legacy', blocks: 1 }, 'model.onnx');
  const plan = loaded(['plan', built.file]);
  t.true(plan.some((url) => url.endsWith('/src/commands/plan.js')));
  t.false(
    plan.some((url) => /@actions|\/src\/commands\/(check|quantize|eval)\.js/.test(url)),
    plan.join('\n'),
  );
});
