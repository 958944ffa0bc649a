#!/usr/bin/env node
/**
 * The command line: parses argv into typed options and hands them to the commands. Exit codes:
 * 0 ok, 1 a gate failed, 2 bad input or usage (one line on stderr), 143 an onnxruntime step passed its
 * time limit (the watchdog's SIGTERM: see eval/watchdog.ts), 3 internal error. A command's module (and what it
 * imports: the analysis, onnxruntime, @actions/glob) is loaded only when that command runs.
 */
import { fileURLToPath } from 'node:url';
import * as fs from 'node:fs';
import { BadInputError, messageOf } from './errors.js';
import { parseFailOn } from './config/check-config.js';
import {
  DEFAULT_REPORT_DIR,
  defaultCacheDir,
  parseBits,
  parseBlockSize,
  parseExecutionProvider,
  parseOverrideFlag,
  parsePolicy,
  parseScale,
  parseSize,
  DEFAULT_TIMEOUT_SECONDS,
  parseTimeout,
  resolvePlanConfig,
  type PlanConfig,
} from './config/config.js';
import { commandHelp, parseCommandLine, suggest, type CommandSpec, type OptionTable, type Values } from './config/args.js';
import { QUANTGATE_VERSION } from './config/version.js';
import type { Io } from './pipeline/io.js';
import type { MeasureChoice } from './pipeline/plan.js';
import type { CalibrationTokens } from './pipeline/quantize.js';

/** Options every command that reads or runs a model shares. */
const INPUT_OPTIONS = {
  tokens: { type: 'string', value: 'FILE', help: 'evaluation tokens: little-endian int64 ids, cut into windows (perplexity for LMs)' },
  inputs: { type: 'string', value: 'FILE', help: 'inputs: a JSON file of named tensors, or NAME=FILE.npy,... (the rest synthesized)' },
  'seq-len': { type: 'string', value: 'N', help: "window length for tokens and symbolic sequence dims (default: the model's, else 128)" },
  windows: { type: 'string', value: 'N', help: 'use at most N token windows' },
  ep: { type: 'string', value: 'EP', help: 'execution provider: cpu (default), webgpu, cuda, or auto (a GPU one that works, else cpu)' },
  timeout: { type: 'string', value: 'SECONDS', help: 'seconds one onnxruntime step (loading, one run) may take (default 600)' },
  quiet: { type: 'boolean', help: 'no progress lines on stderr' },
  json: { type: 'boolean', help: 'print one JSON document on stdout (messages go to stderr)' },
} as const satisfies OptionTable;

const PLAN_OPTIONS = {
  config: { type: 'string', value: 'FILE', help: 'config file (default: quantgate.yml in the working folder, when present)' },
  policy: { type: 'string', value: 'NAME', help: 'type-depth (default), uniform or auto' },
  bits: { type: 'string', value: 'N', help: "the uniform policy's width: 32, 16, 8, 4 or 2 (alone, it selects uniform)" },
  'default-bits': { type: 'string', value: 'N', help: 'width of every layer no override names' },
  'target-size': { type: 'string', value: 'SIZE', help: 'hard size limit: 25% of the weight bytes, or 1.2MB, 512KiB' },
  override: { type: 'string', multiple: true, value: 'PATTERN=BITS', help: 'width of the layers a glob or /regex/ names; later rules win' },
  'block-size': { type: 'string', value: 'N', help: 'block size, a power of two from 16 to 256 (default 32)' },
  asymmetric: { type: 'boolean', help: 'asymmetric blocks (zero points)' },
  symmetric: { type: 'boolean', help: 'symmetric blocks (the default)' },
  'super-blocks': {
    type: 'boolean',
    help: "INT4/INT2 layers in k-quants' layout (4.5 / 2.625 bits per weight; K a multiple of 64 at INT4, 16 at INT2); others as set",
  },
  'keep-sensitive': { type: 'boolean', help: 'keep embeddings, norms and heads at FP16 (the default, except under auto)' },
  'no-keep-sensitive': { type: 'boolean', help: 'let the policy quantize embeddings, norms and heads too' },
  scale: { type: 'string', value: 'METHOD', help: 'block scales: rtn (round-to-nearest, the default), search, imatrix or gptq' },
  measure: { type: 'boolean', help: "measure each layer's sensitivity with onnxruntime to meet a size target" },
  'measure-budget': {
    type: 'string',
    value: 'SECONDS',
    help: 'seconds of measuring, loading included, before the weight proxy takes over (default 180)',
  },
  ...INPUT_OPTIONS,
  'cache-dir': { type: 'string', value: 'DIR', help: 'measured sensitivity cache (default ~/.cache/quantgate)' },
  'no-cache': { type: 'boolean', help: 'neither read nor write the sensitivity cache' },
} as const satisfies OptionTable;

const QUANTIZE_OPTIONS = {
  out: { type: 'string', value: 'DIR', help: 'write DIR/<name>.onnx and DIR/<name>.plan.json (required)' },
  plan: { type: 'string', value: 'PLAN.json', help: 'apply a reviewed plan file instead of planning' },
  ...PLAN_OPTIONS,
  calibration: {
    type: 'string',
    value: 'FILE',
    help: 'calibration tokens for --scale imatrix|gptq (default: --tokens, its first --windows)',
  },
  'calibration-windows': { type: 'string', value: 'A-B', help: 'use windows A to B (0-based) of the calibration file' },
} as const satisfies OptionTable;

const EVAL_OPTIONS = INPUT_OPTIONS;

const CHECK_OPTIONS = {
  config: { type: 'string', value: 'FILE', help: 'config file (default: quantgate.yml in the working folder, when present)' },
  golden: { type: 'string', value: 'DIR', help: "golden folder (default: the config's golden_dir, else golden)" },
  'update-golden': { type: 'boolean', help: 'accept: write the golden plans and quality records instead of failing on changes' },
  models: { type: 'string', value: 'GLOB', help: "check only these models (the config's settings still apply to files it names)" },
  'fail-on': { type: 'string', value: 'GATES', help: 'gates that block, comma-separated (detection,size,plan,quality); the others warn' },
  'report-dir': { type: 'string', value: 'DIR', help: 'where report.json and comment.md go (default: quantgate-report)' },
  ep: INPUT_OPTIONS.ep,
  'cache-dir': PLAN_OPTIONS['cache-dir'],
  'no-cache': PLAN_OPTIONS['no-cache'],
  inputs: INPUT_OPTIONS.inputs,
  timeout: INPUT_OPTIONS.timeout,
  quiet: INPUT_OPTIONS.quiet,
  json: { type: 'boolean', help: 'print the report (quantgate.report/v1) on stdout instead of the summary' },
} as const satisfies OptionTable;

const REPORT_OPTIONS = {
  merge: { type: 'boolean', help: 'merge the reports of matrix jobs into one report and comment (required)' },
  out: { type: 'string', value: 'DIR', help: 'where the merged report.json and comment.md go (default: quantgate-report)' },
  json: { type: 'boolean', help: 'print the merged report on stdout' },
} as const satisfies OptionTable;

export const COMMANDS = {
  plan: {
    name: 'plan',
    args: 'MODEL.onnx',
    positionals: { min: 1, max: 1 },
    summary: 'Plans a mixed-precision quantization of one model and prints it as a table (or the plan JSON).',
    options: PLAN_OPTIONS,
  },
  quantize: {
    name: 'quantize',
    args: 'MODEL.onnx',
    positionals: { min: 1, max: 1 },
    summary: 'Quantizes one model by its plan (made here, or --plan) into --out, never touching the input.',
    options: QUANTIZE_OPTIONS,
  },
  eval: {
    name: 'eval',
    args: 'REFERENCE.onnx QUANTIZED.onnx',
    positionals: { min: 2, max: 2 },
    summary: 'Runs both models with onnxruntime on the same inputs and prints how far apart their outputs are.',
    options: EVAL_OPTIONS,
  },
  check: {
    name: 'check',
    args: '',
    positionals: { min: 0, max: 0 },
    summary: 'What the action runs: plan, quantize and evaluate every model the config names, compare with golden/, gate.',
    options: CHECK_OPTIONS,
  },
  report: {
    name: 'report',
    args: 'REPORT.json...',
    positionals: { min: 1, max: Infinity },
    summary: 'Merges the report.json files of matrix jobs into one report and one comment (--merge).',
    options: REPORT_OPTIONS,
  },
} as const satisfies Record<string, CommandSpec>;

type CommandName = keyof typeof COMMANDS;

const USAGE = `usage: quantgate COMMAND [options]

commands:
${Object.values(COMMANDS)
  .map((c) => `  ${c.name}${c.args ? ` ${c.args}` : ''}\n      ${c.summary}`)
  .join('\n')}

'quantgate COMMAND --help' lists a command's options. 'quantgate --version' prints the version.
SIZE is a percentage of the original weight bytes (25%) or bytes with a unit (1.2MB, 512KiB).
--timeout: seconds one onnxruntime step (loading a model, one run) may take (default 600); past it the
process ends with a one-line error (exit status 143).
Exit codes: 0 ok, 1 a gate failed, 2 bad input or usage, 143 a step passed --timeout, 3 internal error (a bug).`;

type PlanValues = Values<typeof PLAN_OPTIONS>;

function positiveInt(value: string | undefined, where: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new BadInputError(`${where}: expected a positive integer (got '${value}')`);
  return n;
}

/** Flags that set plan configuration (undefined = not given, so the config file's value stands). */
function planFlags(v: PlanValues): Partial<PlanConfig> {
  const flags: Partial<PlanConfig> = {};
  if (v.policy !== undefined) flags.policy = parsePolicy(v.policy, '--policy');
  if (v.bits !== undefined) {
    flags.bits = parseBits(v.bits, '--bits');
    // --bits alone means a uniform plan at that width.
    if (v.policy === undefined) flags.policy = 'uniform';
  }
  if (v['default-bits'] !== undefined) flags.defaultBits = parseBits(v['default-bits'], '--default-bits');
  if (v['target-size'] !== undefined) flags.targetSize = parseSize(v['target-size'], '--target-size');
  if (v.override) flags.overrides = v.override.map(parseOverrideFlag);
  if (v['block-size'] !== undefined) flags.blockSize = parseBlockSize(v['block-size'], '--block-size');
  if (v.asymmetric && v.symmetric) throw new BadInputError('--asymmetric and --symmetric cannot both be given');
  if (v.asymmetric) flags.symmetric = false;
  if (v.symmetric) flags.symmetric = true;
  if (v['super-blocks']) flags.superBlocks = true;
  if (v['no-keep-sensitive'] && v['keep-sensitive'])
    throw new BadInputError('--keep-sensitive and --no-keep-sensitive cannot both be given');
  if (v['no-keep-sensitive']) flags.keepSensitive = false;
  if (v['keep-sensitive']) flags.keepSensitive = true;
  if (v.scale !== undefined) flags.scale = parseScale(v.scale, '--scale');
  return flags;
}

/**
 * Calibration tokens: --calibration FILE (all its windows, or --calibration-windows A-B), else the
 * --tokens file's first --windows windows (the ones measuring reads).
 */
function calibrationFlags(file: string | undefined, windows: string | undefined, measure: MeasureChoice): CalibrationTokens | undefined {
  if (file === undefined) {
    if (windows !== undefined) throw new BadInputError('--calibration-windows needs --calibration FILE');
    return undefined;
  }
  const calibration: CalibrationTokens = { tokens: file, seqLen: measure.seqLen };
  if (windows !== undefined) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(windows);
    if (!m || Number(m[2] ?? m[1]) < Number(m[1]))
      throw new BadInputError(`--calibration-windows: expected A or A-B, 0-based (got '${windows}')`);
    calibration.windows = { first: Number(m[1]), last: Number(m[2] ?? m[1]) };
  } else if (measure.maxWindows !== undefined && measure.tokens === file) {
    calibration.windows = { first: 0, last: measure.maxWindows - 1 };
  }
  return calibration;
}

function measureFlags(v: PlanValues): MeasureChoice {
  return {
    measure: v.measure ?? false,
    ep: parseExecutionProvider(v.ep, '--ep'),
    tokens: v.tokens,
    inputs: v.inputs,
    seqLen: positiveInt(v['seq-len'], '--seq-len'),
    maxWindows: positiveInt(v.windows, '--windows'),
    cacheDir: v['no-cache'] ? null : (v['cache-dir'] ?? defaultCacheDir()),
    budgetSeconds: v['measure-budget'] === '0' ? 0 : positiveInt(v['measure-budget'], '--measure-budget'),
    timeoutSeconds: timeoutFlag(v.timeout),
    quiet: v.quiet ?? false,
  };
}

function timeoutFlag(value: string | undefined): number {
  return value === undefined ? DEFAULT_TIMEOUT_SECONDS : parseTimeout(value, '--timeout');
}

/** Runs one parsed command; returns its exit code. */
async function run(name: CommandName, argv: string[], io: Io): Promise<number> {
  switch (name) {
    case 'plan': {
      const { values: v, positionals } = parseCommandLine(COMMANDS.plan, argv);
      const cfg = resolvePlanConfig(v.config, planFlags(v));
      const measure = measureFlags(v);
      const { runPlan } = await import('./commands/plan.js');
      return await runPlan(positionals[0]!, cfg, measure, v.json ?? false, io);
    }
    case 'quantize': {
      const { values: v, positionals } = parseCommandLine(COMMANDS.quantize, argv);
      if (!v.out) throw new BadInputError("quantize: --out DIR is required; see 'quantgate quantize --help'");
      const config = resolvePlanConfig(v.config, planFlags(v));
      const measure = measureFlags(v);
      const { runQuantize } = await import('./commands/quantize.js');
      const calibration = calibrationFlags(v.calibration ?? v.tokens, v['calibration-windows'], measure);
      return await runQuantize(
        { model: positionals[0]!, outDir: v.out, config, planFile: v.plan, measure, calibration, quiet: v.quiet ?? false },
        v.json ?? false,
        io,
      );
    }
    case 'eval': {
      const { values: v, positionals } = parseCommandLine(COMMANDS.eval, argv);
      const options = {
        ep: parseExecutionProvider(v.ep, '--ep'),
        tokens: v.tokens,
        inputs: v.inputs,
        seqLen: positiveInt(v['seq-len'], '--seq-len'),
        maxWindows: positiveInt(v.windows, '--windows'),
        timeoutSeconds: timeoutFlag(v.timeout),
      };
      const { runEval } = await import('./commands/eval.js');
      return await runEval(positionals[0]!, positionals[1]!, options, { json: v.json ?? false, quiet: v.quiet ?? false }, io);
    }
    case 'check': {
      const { values: v } = parseCommandLine(COMMANDS.check, argv);
      const command = {
        configFile: v.config,
        overrides: {
          goldenDir: v.golden,
          models: v.models,
          failOn: v['fail-on'] === undefined ? undefined : parseFailOn(v['fail-on'], '--fail-on'),
          reportDir: v['report-dir'],
          ep: v.ep === undefined ? undefined : parseExecutionProvider(v.ep, '--ep'),
          inputs: v.inputs,
          timeoutSeconds: v.timeout === undefined ? undefined : parseTimeout(v.timeout, '--timeout'),
        },
        updateGolden: v['update-golden'] ?? false,
        cacheDir: v['no-cache'] ? null : (v['cache-dir'] ?? defaultCacheDir()),
        json: v.json ?? false,
        quiet: v.quiet ?? false,
      };
      const { runCheckCommand } = await import('./commands/check.js');
      return await runCheckCommand(command, io);
    }
    case 'report': {
      const { values: v, positionals } = parseCommandLine(COMMANDS.report, argv);
      if (!v.merge) throw new BadInputError("report: expected --merge REPORT.json...; see 'quantgate report --help'");
      const { runMergeCommand } = await import('./commands/check.js');
      return runMergeCommand(positionals, v.out ?? DEFAULT_REPORT_DIR, v.json ?? false, io);
    }
  }
}

const isCommand = (name: string): name is CommandName => Object.hasOwn(COMMANDS, name);

export async function main(argv: string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined) {
      io.stderr(`${USAGE}\n`);
      return 2;
    }
    if (command === '--version' || command === '-V' || command === 'version') {
      io.stdout(`quantgate ${QUANTGATE_VERSION}\n`);
      return 0;
    }
    if (command === 'help' || command === '--help' || command === '-h') {
      const topic = rest[0];
      io.stdout(topic !== undefined && isCommand(topic) ? commandHelp(COMMANDS[topic]) : `${USAGE}\n`);
      return 0;
    }
    if (!isCommand(command)) {
      const option = command.startsWith('-');
      const guess = suggest(command, option ? ['--version', '--help'] : Object.keys(COMMANDS));
      const what = option ? 'option' : 'command';
      throw new BadInputError(
        `unknown ${what} '${command.replace(/[\r\n]+/g, ' ')}'${guess ? ` (did you mean '${guess}'?)` : ''}; see 'quantgate --help'`,
      );
    }
    const flags = rest.includes('--') ? rest.slice(0, rest.indexOf('--')) : rest;
    if (flags.includes('--help') || flags.includes('-h')) {
      io.stdout(commandHelp(COMMANDS[command]));
      return 0;
    }
    return await run(command, rest, io);
  } catch (err) {
    if (err instanceof BadInputError) {
      io.stderr(`quantgate: ${messageOf(err)}\n`);
      return 2;
    }
    throw err;
  }
}

const isEntry = process.argv[1] !== undefined && fs.realpathSync(process.argv[1]) === fs.realpathSync(fileURLToPath(import.meta.url));
/**
 * stdout carries the command's output and nothing else (`--json`: exactly one document). Libraries write
 * to process.stdout too (@actions/glob's `::debug::` lines, onnxruntime's console logging): that goes to
 * stderr, and workflow commands are dropped outside GitHub Actions, where they mean nothing.
 */
function guardStdout(): (text: string) => void {
  const write = process.stdout.write.bind(process.stdout);
  const inActions = process.env.GITHUB_ACTIONS === 'true';
  const toStderr = (chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    if (!inActions && text.startsWith('::debug::')) return true;
    const done = rest.find((r): r is (err?: Error | null) => void => typeof r === 'function');
    return process.stderr.write(chunk, done);
  };
  process.stdout.write = toStderr;
  return (text) => void write(text);
}

if (isEntry) {
  const stdout = guardStdout();
  const io: Io = { stdout, stderr: (t) => process.stderr.write(t) };
  main(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`quantgate: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exitCode = 3;
    },
  );
}
