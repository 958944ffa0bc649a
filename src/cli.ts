#!/usr/bin/env node
/**
 * The command line: parses argv into typed options and hands them to the commands. Exit codes:
 * 0 ok, 1 a gate failed, 2 bad input or usage (one line on stderr).
 */
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import * as fs from 'node:fs';
import { BadInputError, messageOf } from './errors.js';
import {
  parseBits, parseBlockSize, parseOverrideFlag, parsePolicy, parseSize, type PlanConfig,
} from './config/config.js';
import { resolvePlanConfig, runPlan, type Io } from './commands/plan.js';
import { runQuantize } from './commands/quantize.js';
import { runEval } from './commands/eval.js';
import { parseExecutionProvider } from './eval/session.js';
import type { ScaleMethod } from './quant/rewrite.js';

const USAGE = `usage:
  quantgate plan MODEL.onnx [--config FILE] [--policy type-depth|uniform|auto] [--bits N]
                 [--target-size SIZE] [--override 'PATTERN=BITS']... [--default-bits N]
                 [--block-size N] [--asymmetric] [--no-keep-sensitive] [--json]
  quantgate quantize MODEL.onnx --out DIR [plan flags | --plan PLAN.json] [--scale rtn|search] [--json]
  quantgate eval REFERENCE.onnx QUANTIZED.onnx [--ep cpu|webgpu|cuda] [--tokens FILE] [--inputs FILE]
                 [--seq-len N] [--windows N] [--json]

SIZE is a percentage of the original weight bytes (25%) or bytes with a unit (1.2MB, 512KiB).
Exit codes: 0 ok, 1 a gate failed, 2 bad input or usage.`;

const PLAN_OPTIONS = {
  config: { type: 'string' },
  policy: { type: 'string' },
  bits: { type: 'string' },
  'default-bits': { type: 'string' },
  'target-size': { type: 'string' },
  override: { type: 'string', multiple: true },
  'block-size': { type: 'string' },
  asymmetric: { type: 'boolean' },
  symmetric: { type: 'boolean' },
  'no-keep-sensitive': { type: 'boolean' },
  json: { type: 'boolean' },
} as const;

const QUANTIZE_OPTIONS = {
  ...PLAN_OPTIONS,
  out: { type: 'string' },
  plan: { type: 'string' },
  scale: { type: 'string' },
} as const;

const EVAL_OPTIONS = {
  ep: { type: 'string' },
  tokens: { type: 'string' },
  inputs: { type: 'string' },
  'seq-len': { type: 'string' },
  windows: { type: 'string' },
  json: { type: 'boolean' },
} as const;

function positiveInt(value: string, where: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new BadInputError(`${where}: expected a positive integer (got '${value}')`);
  return n;
}

function parseScale(value: string | undefined): ScaleMethod {
  if (value === undefined || value === 'rtn' || value === 'search') return value ?? 'rtn';
  throw new BadInputError(`--scale: expected rtn or search (got '${value}')`);
}

type PlanValues = { [K in keyof typeof PLAN_OPTIONS]?: (typeof PLAN_OPTIONS)[K] extends { multiple: true } ? string[] : (typeof PLAN_OPTIONS)[K] extends { type: 'boolean' } ? boolean : string };

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
  if (v['no-keep-sensitive']) flags.keepSensitive = false;
  return flags;
}

export async function main(argv: string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'plan': {
        const { values, positionals } = parseArgs({ args: rest, options: PLAN_OPTIONS, allowPositionals: true, strict: true });
        const v = values as PlanValues;
        if (positionals.length !== 1) throw new BadInputError('plan: expected exactly one MODEL.onnx');
        const cfg = resolvePlanConfig({ file: v.config }, planFlags(v));
        return runPlan(positionals[0]!, cfg, v.json ?? false, io);
      }
      case 'quantize': {
        const { values, positionals } = parseArgs({ args: rest, options: QUANTIZE_OPTIONS, allowPositionals: true, strict: true });
        const v = values as PlanValues & { out?: string; plan?: string; scale?: string };
        if (positionals.length !== 1) throw new BadInputError('quantize: expected exactly one MODEL.onnx');
        if (!v.out) throw new BadInputError('quantize: --out DIR is required');
        const cfg = resolvePlanConfig({ file: v.config }, planFlags(v));
        return runQuantize({ model: positionals[0]!, outDir: v.out, config: cfg, planFile: v.plan, scale: parseScale(v.scale) }, v.json ?? false, io);
      }
      case 'eval': {
        const { values, positionals } = parseArgs({ args: rest, options: EVAL_OPTIONS, allowPositionals: true, strict: true });
        if (positionals.length !== 2) throw new BadInputError('eval: expected REFERENCE.onnx and QUANTIZED.onnx');
        return await runEval(positionals[0]!, positionals[1]!, {
          ep: parseExecutionProvider(values.ep, '--ep'),
          tokens: values.tokens,
          inputs: values.inputs,
          seqLen: values['seq-len'] === undefined ? undefined : positiveInt(values['seq-len'], '--seq-len'),
          maxWindows: values.windows === undefined ? undefined : positiveInt(values.windows, '--windows'),
        }, values.json ?? false, io);
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

const isEntry = process.argv[1] !== undefined &&
  fs.realpathSync(process.argv[1]) === fs.realpathSync(fileURLToPath(import.meta.url));
if (isEntry) {
  const io: Io = { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) };
  main(process.argv.slice(2), io).then(
    (code) => { process.exitCode = code; },
    (err: unknown) => {
      process.stderr.write(`quantgate: internal error: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
      process.exitCode = 3;
    },
  );
}
