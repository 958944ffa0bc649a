/**
 * Configuration: one typed object, from defaults, then `quantgate.yml`, then command-line flags or
 * action inputs (later sources win). Every value is validated where it is read, with a message that
 * names its source (the file, or the flag).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { BadInputError, messageOf } from '../errors.js';
import type { Bits } from '../formats/layout.js';

/** The config file read when none is named; a missing default file means defaults. */
export const DEFAULT_CONFIG_FILE = 'quantgate.yml';
/** Where the check writes report.json and comment.md. */
export const DEFAULT_REPORT_DIR = 'quantgate-report';
/** Where the reviewed golden plans and labels live. */
export const DEFAULT_GOLDEN_DIR = 'golden';

/** Where measured sensitivity is cached between runs: $XDG_CACHE_HOME/quantgate, else ~/.cache/quantgate. */
export function defaultCacheDir(): string {
  return path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'quantgate');
}

/**
 * How block scales are chosen: round-to-nearest (onnxruntime's bytes), error-minimizing search on the
 * weights, or data-aware with calibration tokens: the search weighted by each input channel's activation
 * mean square (`imatrix`), or GPTQ error compensation (`gptq`).
 */
export const SCALE_METHODS = ['rtn', 'search', 'imatrix', 'gptq'] as const;
export type ScaleMethod = (typeof SCALE_METHODS)[number];

/** Whether a scale method needs calibration activations. */
export const isDataAware = (scale: ScaleMethod): boolean => scale === 'imatrix' || scale === 'gptq';

export const POLICIES = ['type-depth', 'uniform', 'auto'] as const;
export type PolicyName = (typeof POLICIES)[number];

export type SizeSpec = { kind: 'percent'; value: number; text: string } | { kind: 'bytes'; value: number; text: string };

export interface Override {
  pattern: string;
  bits: Bits;
  /** Where the rule came from (`quantgate.yml`, `--override`), for messages. */
  source: string;
}

export interface PlanConfig {
  policy: PolicyName;
  /** Width of the `uniform` policy. */
  bits: Bits;
  /** When set, every layer no override names gets this width instead of the policy's choice. */
  defaultBits: Bits | null;
  blockSize: number;
  symmetric: boolean;
  /**
   * k-quants' layout for INT4 and INT2 layers that can take it (formats/layout.ts): blocks of 32 / 16 with
   * 6- / 4-bit scale and minimum indices per 256 values. Other layers keep `blockSize` and `symmetric`.
   */
  superBlocks: boolean;
  /** Pin embeddings, norms and heads at FP16. null = the policy's default (yes, except for `auto`). */
  keepSensitive: boolean | null;
  /** How block scales are chosen (see ScaleMethod). */
  scale: ScaleMethod;
  targetSize: SizeSpec | null;
  overrides: Override[];
}

export const DEFAULT_PLAN_CONFIG: PlanConfig = {
  policy: 'type-depth',
  bits: 4,
  defaultBits: null,
  blockSize: 32,
  symmetric: true,
  superBlocks: false,
  keepSensitive: null,
  scale: 'rtn',
  targetSize: null,
  overrides: [],
};

const UNITS: Record<string, number> = {
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3,
};

/** Long user text cut for a one-line message. */
function shorten(text: string): string {
  return text.length > 40 ? `${text.slice(0, 20)}…${text.slice(-12)}` : text;
}

/** `25%`, `1.2MB`, `512KiB`, `900000B` (or a bare byte count). */
export function parseSize(text: string, where: string): SizeSpec {
  const t = text.trim();
  const pct = t.match(/^(\d+(?:\.\d+)?)\s*%$/);
  if (pct) {
    const value = Number(pct[1]);
    if (!(value > 0 && value <= 100)) throw new BadInputError(`${where}: size '${text}' must be a percentage in (0, 100]`);
    return { kind: 'percent', value, text: t };
  }
  const m = t.match(/^(\d+(?:\.\d+)?)\s*([A-Za-z]*)$/);
  const unit = m ? UNITS[(m[2] || 'b').toLowerCase()] : undefined;
  if (!m || unit === undefined) {
    throw new BadInputError(`${where}: cannot parse size '${shorten(text)}' (use a percentage like 25% or bytes like 1.2MB, 512KiB)`);
  }
  const value = Math.floor(Number(m[1]) * unit);
  if (value <= 0) throw new BadInputError(`${where}: size '${text}' must be positive`);
  // 400 nines would be Infinity: a target nothing can exceed is no target, so it is refused.
  if (!Number.isSafeInteger(value)) throw new BadInputError(`${where}: size '${shorten(text)}' is too large (at most 9 PB)`);
  return { kind: 'bytes', value, text: t };
}

export function parseBits(value: unknown, where: string): Bits {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (n === 32 || n === 16 || n === 8 || n === 4 || n === 2) return n;
  throw new BadInputError(`${where}: bits must be one of 32, 16, 8, 4, 2 (got '${String(value)}')`);
}

export function parseBlockSize(value: unknown, where: string): number {
  const n = typeof value === 'string' ? Number(value) : value;
  if (typeof n === 'number' && Number.isInteger(n) && n >= 16 && n <= 256 && (n & (n - 1)) === 0) return n;
  throw new BadInputError(`${where}: block size must be a power of two from 16 to 256 (got '${String(value)}')`);
}

export function parsePolicy(value: unknown, where: string): PolicyName {
  if (typeof value === 'string' && (POLICIES as readonly string[]).includes(value)) return value as PolicyName;
  throw new BadInputError(`${where}: policy must be one of ${POLICIES.join(', ')} (got '${String(value)}')`);
}

/** `PATTERN=BITS` from the command line. */
export function parseOverrideFlag(text: string): Override {
  const eq = text.lastIndexOf('=');
  if (eq <= 0) throw new BadInputError(`--override: expected 'PATTERN=BITS', got '${text}'`);
  return { pattern: text.slice(0, eq), bits: parseBits(text.slice(eq + 1), `--override '${text}'`), source: '--override' };
}

export const EXECUTION_PROVIDERS = ['cpu', 'webgpu', 'cuda'] as const;
/** A provider that runs a session (what a result says ran). */
export type ExecutionProvider = (typeof EXECUTION_PROVIDERS)[number];
/** What a user asks for: a provider, or `auto` (the first GPU provider that works here, else cpu with a warning). */
export type ProviderChoice = ExecutionProvider | 'auto';

/** An execution provider name, or `auto`; none given is cpu. */
export function parseExecutionProvider(value: string | undefined, where: string): ProviderChoice {
  if (value === undefined) return 'cpu';
  if (value === 'auto' || (EXECUTION_PROVIDERS as readonly string[]).includes(value)) return value as ProviderChoice;
  throw new BadInputError(
    `${where}: execution provider must be one of ${EXECUTION_PROVIDERS.join(', ')} or auto (got '${value.replace(/[\r\n]+/g, ' ')}')`,
  );
}

export function parseScale(value: unknown, where: string): ScaleMethod {
  if ((SCALE_METHODS as readonly unknown[]).includes(value)) return value as ScaleMethod;
  throw new BadInputError(`${where}: scale must be one of ${SCALE_METHODS.join(', ')} (got '${String(value)}')`);
}

function parseBool(value: unknown, where: string): boolean {
  if (typeof value === 'boolean') return value;
  throw new BadInputError(`${where}: expected true or false (got '${String(value)}')`);
}

/** Keys `quantgate.yml` may hold for planning (also allowed in each `models:` entry). */
export const PLAN_KEYS = [
  'policy',
  'bits',
  'default_bits',
  'block_size',
  'symmetric',
  'super_blocks',
  'keep_sensitive',
  'scale',
  'target_size',
  'overrides',
] as const;
/** Keys `quantgate check` reads (see check-config.ts); every command accepts the whole file. */
export const CHECK_KEYS = [
  'models',
  'golden_dir',
  'gates',
  'thresholds',
  'tokens',
  'calibration',
  'seq_len',
  'windows',
  'execution_provider',
  'report_dir',
  'inputs',
  'timeout',
  'comment',
] as const;

/** Seconds one onnxruntime step (loading a model, one run) may take unless `--timeout` or `timeout` says otherwise. */
export const DEFAULT_TIMEOUT_SECONDS = 600;

/** A step time limit in seconds: a positive number. */
export function parseTimeout(value: unknown, where: string): number {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof n === 'number' && Number.isFinite(n) && n > 0) return n;
  throw new BadInputError(`${where}: expected a positive number of seconds (got '${String(value)}')`);
}

export interface ConfigFile {
  path: string;
  plan: Partial<PlanConfig>;
  /** The raw document, for the keys other stages read. */
  raw: Record<string, unknown>;
}

/**
 * Reads the config file the user named (it must exist), or `quantgate.yml` when none was named (missing:
 * null, the defaults).
 */
export function readUserConfig(file: string | undefined): ConfigFile | null {
  return file === undefined ? readConfigFile(DEFAULT_CONFIG_FILE, false) : readConfigFile(file, true);
}

/** Reads a config file; a missing one is an error when `required`, else null. */
export function readConfigFile(file: string, required: boolean): ConfigFile | null {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' && !required) return null;
    throw new BadInputError(
      `${file}: cannot read config (${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : messageOf(err)})`,
    );
  }
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (err) {
    throw new BadInputError(`${file}: not valid YAML (${messageOf(err)})`);
  }
  if (doc === null || doc === undefined) doc = {};
  if (typeof doc !== 'object' || Array.isArray(doc)) throw new BadInputError(`${file}: expected a mapping of settings at the top level`);
  const raw = doc as Record<string, unknown>;
  const known = new Set<string>([...PLAN_KEYS, ...CHECK_KEYS]);
  for (const key of Object.keys(raw)) {
    if (!known.has(key)) throw new BadInputError(`${file}: unknown key '${key}' (known keys: ${[...known].sort().join(', ')})`);
  }
  return { path: file, plan: planFromDocument(raw, file), raw };
}

/** The plan settings of a command: defaults, then the config file (the one named, else `quantgate.yml` if present), then flags. */
export function resolvePlanConfig(configFile: string | undefined, flags: Partial<PlanConfig>): PlanConfig {
  return mergePlanConfig(readUserConfig(configFile)?.plan, flags);
}

/** A size as written in YAML: `25%` and `1.2MB` are strings, a bare byte count a number. */
function sizeText(value: unknown, where: string): string {
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  throw new BadInputError(`${where}: expected a size like 25% or 1.2MB`);
}

export function planFromDocument(raw: Record<string, unknown>, file: string): Partial<PlanConfig> {
  const plan: Partial<PlanConfig> = {};
  const at = (key: string) => `${file}: ${key}`;
  if (raw.policy !== undefined) plan.policy = parsePolicy(raw.policy, at('policy'));
  if (raw.bits !== undefined) plan.bits = parseBits(raw.bits, at('bits'));
  if (raw.default_bits !== undefined) plan.defaultBits = parseBits(raw.default_bits, at('default_bits'));
  if (raw.block_size !== undefined) plan.blockSize = parseBlockSize(raw.block_size, at('block_size'));
  if (raw.symmetric !== undefined) plan.symmetric = parseBool(raw.symmetric, at('symmetric'));
  if (raw.super_blocks !== undefined) plan.superBlocks = parseBool(raw.super_blocks, at('super_blocks'));
  if (raw.keep_sensitive !== undefined) plan.keepSensitive = parseBool(raw.keep_sensitive, at('keep_sensitive'));
  if (raw.scale !== undefined) plan.scale = parseScale(raw.scale, at('scale'));
  if (raw.target_size !== undefined) plan.targetSize = parseSize(sizeText(raw.target_size, at('target_size')), at('target_size'));
  if (raw.overrides !== undefined) plan.overrides = parseOverrides(raw.overrides, file);
  return plan;
}

/** `overrides:` is a mapping `PATTERN: BITS`, or a list of `{ pattern, bits }`. */
function parseOverrides(value: unknown, file: string): Override[] {
  const where = `${file}: overrides`;
  if (Array.isArray(value)) {
    return value.map((item, i) => {
      if (typeof item !== 'object' || item === null || typeof (item as { pattern?: unknown }).pattern !== 'string') {
        throw new BadInputError(`${where}[${i}]: expected { pattern, bits }`);
      }
      const rule = item as { pattern: string; bits?: unknown };
      return { pattern: rule.pattern, bits: parseBits(rule.bits, `${where} '${rule.pattern}'`), source: file };
    });
  }
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value as Record<string, unknown>).map(([pattern, bits]) => ({
      pattern,
      bits: parseBits(bits, `${where} '${pattern}'`),
      source: file,
    }));
  }
  throw new BadInputError(`${where}: expected a mapping of PATTERN: BITS`);
}

/** Defaults, then each source in turn (later sources win); override lists are concatenated so that later rules (flags) take precedence. */
export function mergePlanConfig(...sources: Array<Partial<PlanConfig> | undefined>): PlanConfig {
  const out: PlanConfig = { ...DEFAULT_PLAN_CONFIG, overrides: [] };
  for (const source of sources) {
    if (!source) continue;
    const { overrides, ...rest } = source;
    for (const [k, v] of Object.entries(rest)) if (v !== undefined) (out as unknown as Record<string, unknown>)[k] = v;
    if (overrides) out.overrides = [...out.overrides, ...overrides];
  }
  return out;
}
