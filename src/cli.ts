#!/usr/bin/env node
/**
 * The command line: parses argv into typed options and hands them to the commands. Exit codes:
 * 0 ok, 1 a gate failed, 2 bad input or usage (one line on stderr). A command's module (and what it
 * imports: the analysis, onnxruntime, @actions/glob) is loaded only when that command runs.
 */
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import * as fs from 'node:fs';
import { BadInputError, messageOf } from './errors.js';
import { parseFailOn } from './config/check-config.js';
import {
  DEFAULT_REPORT_DIR,
  DEFAULT_TIMEOUT_SECONDS,
  defaultCacheDir,
  parseTimeout,
  parseBits,
  parseBlockSize,
  parseExecutionProvider,
  parseOverrideFlag,
  parsePolicy,
  parseScale,
  parseSize,
  resolvePlanConfig,
  type PlanConfig,
} from './config/config.js';
import type { Io } from './pipeline/io.js';
import type { MeasureChoice } from './pipeline/plan.js';
import type { CalibrationTokens } from './pipeline/quantize.js';

const USAGE = `usage:
  quantgate plan MODEL.onnx [--config FILE] [--policy type-depth|uniform|auto] [--bits N]
                 [--target-size SIZE] [--override 'PATTERN=BITS']... [--default-bits N]
                 [--block-size N] [--asymmetric] [--no-keep-sensitive] [--scale rtn|search|imatrix|gptq]
                 [--measure] [--measure-budget SECONDS] [--tokens FILE | --inputs FILE] [--seq-len N]
                 [--windows N] [--ep EP] [--timeout SECONDS] [--cache-dir DIR] [--quiet] [--json]
  quantgate quantize MODEL.onnx --out DIR [plan flags | --plan PLAN.json] [--calibration FILE]
                 [--calibration-windows A-B] [--quiet] [--json]
  quantgate eval REFERENCE.onnx QUANTIZED.onnx [--ep cpu|webgpu|cuda] [--tokens FILE] [--inputs FILE]
                 [--seq-len N] [--windows N] [--timeout SECONDS] [--quiet] [--json]
  quantgate check [--config FILE] [--golden DIR] [--update-golden] [--models GLOB] [--fail-on GATES]
                  [--report-dir DIR] [--cache-dir DIR | --no-cache] [--inputs FILE] [--timeout SECONDS]
                  [--quiet] [--json]      # what the action runs
  quantgate report --merge REPORT.json... [--out DIR] [--json]

SIZE is a percentage of the original weight bytes (25%) or bytes with a unit (1.2MB, 512KiB).
--inputs: a JSON file of named tensors, or NAME=FILE.npy pairs; other inputs are synthesized.
--timeout: seconds one onnxruntime step (loading a model, one run) may take (default 600); past it the
process ends with a one-line error (exit status 143).
Exit codes: 0 ok, 1 a gate failed, 2 bad input or usage.`;

/** Options every command that reads or runs a model shares. */
const INPUT_OPTIONS = {
  tokens: { type: 'string' },
  inputs: { type: 'string' },
  timeout: { type: 'string' },
  quiet: { type: 'boolean' },
  'seq-len': { type: 'string' },
  windows: { type: 'string' },
  ep: { type: 'string' },
  json: { type: 'boolean' },
} as const;

const PLAN_OPTIONS = {
  ...INPUT_OPTIONS,
  config: { type: 'string' },
  policy: { type: 'string' },
  bits: { type: 'string' },
  'default-bits': { type: 'string' },
  'target-size': { type: 'string' },
  override: { type: 'string', multiple: true },
  'block-size': { type: 'string' },
  asymmetric: { type: 'boolean' },
  symmetric: { type: 'boolean' },
  'keep-sensitive': { type: 'boolean' },
  'no-keep-sensitive': { type: 'boolean' },
  scale: { type: 'string' },
  measure: { type: 'boolean' },
  'measure-budget': { type: 'string' },
  'cache-dir': { type: 'string' },
  'no-cache': { type: 'boolean' },
} as const;

const CHECK_OPTIONS = {
  config: { type: 'string' },
  golden: { type: 'string' },
  'update-golden': { type: 'boolean' },
  models: { type: 'string' },
  'fail-on': { type: 'string' },
  'report-dir': { type: 'string' },
  ep: { type: 'string' },
  'cache-dir': { type: 'string' },
  'no-cache': { type: 'boolean' },
  inputs: { type: 'string' },
  timeout: { type: 'string' },
  quiet: { type: 'boolean' },
  json: { type: 'boolean' },
} as const;
const REPORT_OPTIONS = { merge: { type: 'boolean' }, out: { type: 'string' }, json: { type: 'boolean' } } as const;

const QUANTIZE_OPTIONS = {
  ...PLAN_OPTIONS,
  out: { type: 'string' },
  plan: { type: 'string' },
  calibration: { type: 'string' },
  'calibration-windows': { type: 'string' },
  quiet: { type: 'boolean' },
} as const;
const EVAL_OPTIONS = INPUT_OPTIONS;

type Values<T> = { [K in keyof T]?: T[K] extends { multiple: true } ? string[] : T[K] extends { type: 'boolean' } ? boolean : string };
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

type Positionals<N extends 0 | 1 | 2> = N extends 2 ? [string, string] : N extends 1 ? [string] : [];

/** The command's flags, typed, and exactly `count` positional arguments (else `what` is the usage error). */
function parse<T extends Record<string, { type: 'string' | 'boolean'; multiple?: boolean }>, N extends 0 | 1 | 2>(
  args: string[],
  options: T,
  count: N,
  what: string,
): { values: Values<T>; positionals: Positionals<N> } {
  const { values, positionals } = parseArgs({ args, options, allowPositionals: true, strict: true });
  if (positionals.length !== count) throw new BadInputError(what);
  return { values, positionals: positionals as Positionals<N> };
}

export async function main(argv: string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'plan': {
        const {
          values: v,
          positionals: [model],
        } = parse(rest, PLAN_OPTIONS, 1, 'plan: expected exactly one MODEL.onnx');
        const cfg = resolvePlanConfig(v.config, planFlags(v));
        const measure = measureFlags(v);
        const { runPlan } = await import('./commands/plan.js');
        return await runPlan(model, cfg, measure, v.json ?? false, io);
      }
      case 'quantize': {
        const {
          values: v,
          positionals: [model],
        } = parse(rest, QUANTIZE_OPTIONS, 1, 'quantize: expected exactly one MODEL.onnx');
        if (!v.out) throw new BadInputError('quantize: --out DIR is required');
        const config = resolvePlanConfig(v.config, planFlags(v));
        const measure = measureFlags(v);
        const { runQuantize } = await import('./commands/quantize.js');
        const calibration = calibrationFlags(v.calibration ?? v.tokens, v['calibration-windows'], measure);
        return await runQuantize(
          { model, outDir: v.out, config, planFile: v.plan, measure, calibration, quiet: v.quiet ?? false },
          v.json ?? false,
          io,
        );
      }
      case 'eval': {
        const {
          values: v,
          positionals: [reference, quantized],
        } = parse(rest, EVAL_OPTIONS, 2, 'eval: expected REFERENCE.onnx and QUANTIZED.onnx');
        const options = {
          ep: parseExecutionProvider(v.ep, '--ep'),
          tokens: v.tokens,
          inputs: v.inputs,
          seqLen: positiveInt(v['seq-len'], '--seq-len'),
          maxWindows: positiveInt(v.windows, '--windows'),
          timeoutSeconds: timeoutFlag(v.timeout),
        };
        const { runEval } = await import('./commands/eval.js');
        return await runEval(reference, quantized, options, { json: v.json ?? false, quiet: v.quiet ?? false }, io);
      }
      case 'check': {
        const { values: v } = parse(rest, CHECK_OPTIONS, 0, 'check: takes no positional arguments');
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
        const { values: v, positionals } = parseArgs({ args: rest, options: REPORT_OPTIONS, allowPositionals: true, strict: true });
        if (!v.merge || positionals.length === 0) throw new BadInputError('report: expected --merge REPORT.json...');
        const { runMergeCommand } = await import('./commands/check.js');
        return runMergeCommand(positionals, v.out ?? DEFAULT_REPORT_DIR, v.json ?? false, io);
      }
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.stdout(`${USAGE}\n`);
        return command === undefined ? 2 : 0;
      default:
        throw new BadInputError(`unknown command '${command}' (see 'quantgate help')`);
    }
  } catch (err) {
    // parseArgs reports unknown or malformed flags with a TypeError carrying an ERR_PARSE_ARGS_* code.
    const usage = err instanceof BadInputError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    if (usage) {
      io.stderr(`quantgate: ${messageOf(err)}\n`);
      return 2;
    }
    throw err;
  }
}

const isEntry = process.argv[1] !== undefined && fs.realpathSync(process.argv[1]) === fs.realpathSync(fileURLToPath(import.meta.url));
if (isEntry) {
  const io: Io = { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) };
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
