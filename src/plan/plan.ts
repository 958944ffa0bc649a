/**
 * Plans: a bit width for every layer, with its reason and its exact bytes, as `quantgate.plan/v1`.
 *
 * Order of decisions for one layer: an override that names it; sensitive layers kept at FP16; the
 * configured default width; the policy. A width the layer's op cannot take is raised to the nearest one it
 * can. A size target then lowers layers, least expected error per byte saved first, until the plan fits.
 */
import { BadInputError, TargetUnreachableError } from '../errors.js';
import type { PlanConfig, ScaleMethod } from '../config/config.js';
import type { Inventory, Layer, QuantizedWeight } from '../analyze/types.js';
import type { OnnxModel } from '../onnx/read.js';
import { allowedBits, isHalfWidth, layerBytes, superBlockLayout, type Bits, type QuantSettings } from '../formats/layout.js';
import { DataType, dataTypeName } from '../onnx/dtype.js';
import type { ErrorModel } from './error-model.js';
import { compileOverrides } from './overrides.js';

export const PLAN_SCHEMA = 'quantgate.plan/v1';

export interface PlanLayer {
  name: string;
  module: string | null;
  op: string;
  shape: number[];
  params: number;
  category: string;
  sensitive: boolean;
  layer: number | null;
  depth: number | null;
  bits: Bits;
  block_size: number | null;
  symmetric: boolean | null;
  /**
   * Stored in super-blocks (grown in v1, present only when true): k-quants' layout, blocks of `block_size`
   * with scale and minimum indices per 256 values (formats/layout.ts).
   */
  super_blocks?: boolean;
  bytes: number;
  reason: string;
  /**
   * The weight's stored type (grown in v1): `float32`, `float16`, `bfloat16` or `float64`. Bits 32 leave it
   * as it is; bits 16 keep a `float16` or `bfloat16` weight as it is, and store any other as float16.
   */
  dtype?: string;
  /**
   * For a weight the model already holds quantized (grown in v1): its current format and bits, as its node
   * says. Its `bits` is 32 (kept as it is): quantgate never quantizes a weight twice.
   */
  quantized?: { op: string; bits: number; block_size: number | null; symmetric: boolean };
  /**
   * In a plan made with measured sensitivity (grown in v1), for a layer that was measured: the model's
   * output error with this layer alone quantized, at each integer width measured (`by_bits["4"]`), in the
   * table's metric. Layers left to the calibrated estimate (past the measuring budget) have none.
   */
  measured_error?: MeasuredError;
  /**
   * In a model with two stacks of blocks (grown in v1: T5's or Whisper's encoder and decoder, whose block
   * numbers both start at 0): the stack the layer's block is in, `encoder`, `decoder` (or `stack N`).
   * Absent in single-stack models and for layers outside the blocks.
   */
  stack?: string;
}

/** The measured output errors of one layer, by width. */
export interface MeasuredError {
  /** Mean KL of the next-token distribution (logits), else the output's squared relative L2. */
  metric: SensitivityMetric;
  by_bits: Record<string, number>;
}

export type SensitivityMetric = 'kl' | 'rel_l2_squared';

/** What a sensitivity measurement found, as the planner records it: errors[layer][bits] of the measured layers. */
export interface MeasuredErrors {
  metric: SensitivityMetric;
  errors: Record<string, Record<string, number>>;
}

export interface Plan {
  schema: typeof PLAN_SCHEMA;
  model: {
    path: string;
    sha256: string;
    architecture: string;
    num_layers: number;
    parameters: number;
    bytes: number;
  };
  policy: {
    name: string;
    block_size: number;
    symmetric: boolean;
    /** INT4 and INT2 layers in super-blocks where they can take them (grown in v1, present only when true). */
    super_blocks?: boolean;
    target_bytes: number | null;
    keep_sensitive: boolean;
    /** How scales were chosen (grown in v1: absent in plans written before it). */
    scale?: ScaleMethod;
    bits: number | null;
    default_bits: number | null;
    overrides: Array<{ pattern: string; bits: number }>;
    /** What ranked layers for a size target: `measured` sensitivity or the `weights` proxy (grown in v1). */
    errors?: 'measured' | 'weights' | null;
  };
  layers: PlanLayer[];
  totals: {
    bytes_before: number;
    bytes_after: number;
    bits_per_weight: number;
    params_by_bits: Record<string, number>;
  };
  /**
   * The quantized model this plan was applied to (grown in v1; only in the plan `quantize` writes beside
   * the model): its file name, the .onnx file's sha256, its data file and bytes on disk. A reader checks the
   * model against it to know that the plan and the model are one set.
   */
  output?: { file: string; sha256: string; data_file: string | null; bytes: number };
}

export interface PlanOptions {
  /** Expected error per layer and width; needed only when a size target must be met. */
  errorModel?: () => ErrorModel;
  warn?: (message: string) => void;
  /** The error model is measured sensitivity (recorded in the plan), not the weight proxy. */
  measured?: boolean;
  /** The measured errors, recorded per layer in the plan (`measured_error`). */
  measuredErrors?: MeasuredErrors;
}

/** The stored float types by name, for the plan's `dtype` and the reasons' labels. */
const FLOAT_TYPES: Partial<Record<number, { name: string; label: string }>> = {
  [DataType.FLOAT]: { name: 'float32', label: 'FP32' },
  [DataType.FLOAT16]: { name: 'float16', label: 'FP16' },
  [DataType.BFLOAT16]: { name: 'bfloat16', label: 'BF16' },
  [DataType.DOUBLE]: { name: 'float64', label: 'FP64' },
};

/**
 * A width as people read it, for this layer: 32 leaves the weight as it is; 16 is a float16 copy, except for
 * a weight stored in 16 bits already (float16 or bfloat16), which 16 keeps as it is (a bfloat16 weight stays
 * bfloat16: it is not converted to float16).
 */
function label(bits: Bits, layer: Layer): string {
  const own = FLOAT_TYPES[layer.dataType]?.label ?? 'FP32';
  if (bits === 32) return `${own} (unchanged)`;
  if (bits === 16) return isHalfWidth(layer) ? `${own}, unchanged` : 'FP16';
  return `INT${bits}`;
}

/** What decided a layer's width (the reason text says it for people; code asks this). */
export enum DecisionSource {
  Override = 'override',
  Sensitive = 'sensitive',
  DefaultBits = 'default-bits',
  /** The type-depth or uniform table. */
  Policy = 'policy',
  /** Policy auto's starting point: INT8 where the op takes it. */
  AutoStart = 'auto-start',
  /** Policy auto, for a layer that cannot take INT8 (FP16). */
  Auto = 'auto',
  /** Already quantized in the input model: kept as it is. */
  Quantized = 'quantized',
}

interface Decision {
  layer: Layer;
  bits: Bits;
  reason: string;
  source: DecisionSource;
  /** Named by an override, or sensitive and kept: a size target does not move it. */
  pinned: boolean;
  /** Lowered to meet a size target. */
  lowered: boolean;
}

const round4 = (x: number) => Math.round(x * 1e4) / 1e4;

/** The policy's own choice for a layer no override names. */
function policyBits(layer: Layer, cfg: PlanConfig): { bits: Bits; reason: string; source?: DecisionSource } {
  const cat = layer.category;
  if (cfg.policy === 'uniform') return { bits: cfg.bits, reason: `uniform → ${label(cfg.bits, layer)}` };
  if (cfg.policy === 'auto') {
    return allowedBits(layer).includes(8)
      ? { bits: 8, reason: 'auto: start at INT8', source: DecisionSource.AutoStart }
      : { bits: 16, reason: `auto: ${cat} → ${label(16, layer)}`, source: DecisionSource.Auto };
  }
  // type-depth
  switch (cat) {
    case 'embedding':
    case 'head':
    case 'norm':
    case 'router':
      return { bits: 8, reason: `${cat}, sensitive not kept → INT8` };
    case 'attention':
      return { bits: 4, reason: 'attention → INT4' };
    case 'mlp': {
      if (layer.depth === null) return { bits: 4, reason: 'MLP outside the blocks → INT4' };
      const d = layer.depth.toFixed(2);
      if (layer.depth < 0.25) return { bits: 4, reason: `MLP, early block (depth ${d}) → INT4` };
      if (layer.depth >= 0.75) return { bits: 4, reason: `MLP, late block (depth ${d}) → INT4` };
      return { bits: 2, reason: `MLP, middle block (depth ${d}) → INT2` };
    }
    case 'modulation':
      return { bits: 8, reason: 'modulation (scales whole blocks) → INT8' };
    case 'conv':
      return { bits: 16, reason: `conv → ${label(16, layer)}` };
    default:
      return { bits: 32, reason: 'not a recognized weight → unchanged' };
  }
}

/** Raises a width the op cannot take to the nearest it can. */
function clampToOp(layer: Layer, bits: Bits, reason: string): { bits: Bits; reason: string } {
  const allowed = allowedBits(layer);
  if (allowed.includes(bits)) return { bits, reason };
  // Every op takes 32 (unchanged): there is always a width at or above `bits`.
  const raised = [...allowed].reverse().find((b) => b >= bits) ?? 32;
  const what =
    layer.role === 'matmul' || layer.role === 'gemm' || layer.role === 'gather'
      ? `${layer.op} table`
      : layer.role === 'fused'
        ? `a weight read by the fused ${layer.op} op (no integer form is written for it)`
        : `a ${layer.role} (${layer.op})`;
  return { bits: raised, reason: `${reason}; ${what} cannot take ${label(bits, layer)} → ${label(raised, layer)}` };
}

function alreadyQuantized(q: QuantizedWeight): string {
  const block = q.blockSize === null ? '' : `, block ${q.blockSize}`;
  return `already INT${q.bits} (${q.op}${block}${q.symmetric ? '' : ', asymmetric'}) → kept as it is`;
}

/** Whether sensitive layers are pinned at FP16: explicitly configured, else yes except under `auto`. */
export function keepsSensitive(cfg: PlanConfig): boolean {
  return cfg.keepSensitive ?? cfg.policy !== 'auto';
}

function decide(file: string, inv: Inventory, cfg: PlanConfig, warn: (m: string) => void): Decision[] {
  const overrides = compileOverrides(cfg.overrides);
  const keep = keepsSensitive(cfg);
  const decision = (layer: Layer, bits: Bits, reason: string, source: DecisionSource, pinned: boolean): Decision => ({
    layer,
    ...clampToOp(layer, bits, reason),
    source,
    pinned,
    lowered: false,
  });
  const decisions = inv.layers.map((layer): Decision => {
    // Weights the model already holds quantized are never quantized twice.
    if (layer.quantized) return decision(layer, 32, alreadyQuantized(layer.quantized), DecisionSource.Quantized, true);
    const rule = overrides.match(layer);
    if (rule) return decision(layer, rule.bits, `override '${rule.pattern}' → ${label(rule.bits, layer)}`, DecisionSource.Override, true);
    if (layer.sensitive && keep)
      return decision(layer, 16, `${layer.category} → ${label(16, layer)} (sensitive)`, DecisionSource.Sensitive, true);
    if (cfg.defaultBits !== null && allowedBits(layer).length > 2) {
      return decision(layer, cfg.defaultBits, `default → ${label(cfg.defaultBits, layer)}`, DecisionSource.DefaultBits, false);
    }
    const p = policyBits(layer, cfg);
    return decision(layer, p.bits, p.reason, p.source ?? DecisionSource.Policy, false);
  });
  // Once per model, naming it: a check plans several models with the same rules.
  for (const rule of overrides.unused()) warn(`${file}: override '${rule.pattern}' (${rule.source}) matches no layer of this model`);
  return decisions;
}

/** The size target in bytes, or null without one (a percentage is of the weights' bytes before). */
function targetBytesOf(cfg: PlanConfig, bytesBefore: number): number | null {
  if (!cfg.targetSize) return null;
  return cfg.targetSize.kind === 'percent' ? Math.floor((bytesBefore * cfg.targetSize.value) / 100) : cfg.targetSize.value;
}

/** Whether planning needs an error model: a size target, which may mean lowering layers. */
export function needsErrorModel(cfg: PlanConfig): boolean {
  return cfg.targetSize !== null;
}

/**
 * Lowers unpinned layers until the total fits `target`, each step taking the move with the least expected
 * error added per byte saved. Throws when even the smallest reachable plan does not fit.
 */
function meetTarget(file: string, decisions: Decision[], q: QuantSettings, target: number, errorModel: () => ErrorModel): void {
  const bytesOf = (d: Decision, bits: Bits) => layerBytes(d.layer, bits, q);
  let total = decisions.reduce((s, d) => s + bytesOf(d, d.bits), 0);
  if (total <= target) return;
  const smallest = decisions.reduce((s, d) => {
    if (d.pinned) return s + bytesOf(d, d.bits);
    const allowed = allowedBits(d.layer);
    return s + Math.min(...allowed.filter((b) => b <= d.bits).map((b) => bytesOf(d, b)));
  }, 0);
  if (smallest > target) throw new TargetUnreachableError(file, target, smallest);
  const err = errorModel();
  while (total > target) {
    let best: { d: Decision; bits: Bits; saved: number; cost: number } | undefined;
    for (const d of decisions) {
      if (d.pinned) continue;
      const next = allowedBits(d.layer).find((b) => b < d.bits);
      if (next === undefined) continue;
      const saved = bytesOf(d, d.bits) - bytesOf(d, next);
      if (saved <= 0) continue;
      const cost = (err(d.layer, next) - err(d.layer, d.bits)) / saved;
      // Ties go to the larger saving, then to graph order: deterministic.
      if (!best || cost < best.cost || (cost === best.cost && saved > best.saved)) best = { d, bits: next, saved, cost };
    }
    if (!best) break; // cannot happen: `smallest` fits
    best.d.bits = best.bits;
    best.d.lowered = true;
    total -= best.saved;
  }
}

/** The reason people read, once the widths are final. */
function finalReason(d: Decision): string {
  const auto = d.source === DecisionSource.AutoStart || d.source === DecisionSource.Auto;
  if (d.lowered)
    return auto
      ? `auto: least error per byte → ${label(d.bits, d.layer)}`
      : `${d.reason}; lowered to ${label(d.bits, d.layer)} to meet the size target`;
  return d.source === DecisionSource.AutoStart ? 'auto: fits the target at INT8' : d.reason;
}

/** A layer's `stack` member: only where there are stacks to tell apart, named by role when the roles tell them apart. */
function stackOf(layer: Layer, inv: Inventory): { stack?: string } {
  if (inv.stacks.length < 2 || layer.stack === null) return {};
  const role = inv.stacks[layer.stack]?.role;
  const distinct = role !== undefined && role !== 'blocks' && inv.stacks.filter((s) => s.role === role).length === 1;
  return { stack: distinct ? role : `stack ${layer.stack}` };
}

/** A layer's `measured_error` member, when the measurement has the layer. */
function measuredErrorOf(name: string, measured: MeasuredErrors | undefined): { measured_error?: MeasuredError } {
  const found = measured?.errors[name];
  if (!measured || !found || Object.keys(found).length === 0) return {};
  // A copy (integer keys enumerate in ascending order: the same bytes whatever order the table was written in).
  return { measured_error: { metric: measured.metric, by_bits: { ...found } } };
}

export function makePlan(model: OnnxModel, inv: Inventory, cfg: PlanConfig, options: PlanOptions = {}): Plan {
  const warn = options.warn ?? (() => undefined);
  const q: QuantSettings = { blockSize: cfg.blockSize, symmetric: cfg.symmetric, superBlocks: cfg.superBlocks };
  const bytesBefore = inv.layers.reduce((s, l) => s + l.bytes, 0);
  const target = targetBytesOf(cfg, bytesBefore);
  if (cfg.policy === 'auto' && target === null) {
    throw new BadInputError(`${model.path}: policy 'auto' needs a size target (--target-size or target_size)`);
  }
  if (inv.layers.length === 0) warn(`${model.path}: no quantizable layer found; the plan is empty`);
  const decisions = decide(model.path, inv, cfg, warn);
  if (target !== null) {
    if (!options.errorModel) throw new Error('a size target needs an error model');
    meetTarget(model.path, decisions, q, target, options.errorModel);
  }

  const layers: PlanLayer[] = decisions.map((d) => {
    const { layer, bits } = d;
    const integer = bits <= 8;
    const superBlocks = superBlockLayout(layer, bits, q);
    return {
      name: layer.name,
      module: layer.module,
      op: layer.op,
      shape: layer.shape,
      params: layer.params,
      category: layer.category,
      sensitive: layer.sensitive,
      layer: layer.block,
      depth: layer.depth === null ? null : round4(layer.depth),
      bits,
      block_size: superBlocks ? superBlocks.blockSize : integer ? cfg.blockSize : null,
      symmetric: superBlocks ? false : integer ? cfg.symmetric : null,
      ...(superBlocks ? { super_blocks: true } : {}),
      bytes: layerBytes(layer, bits, q),
      reason: finalReason(d),
      dtype: layer.quantized ? `int${layer.quantized.bits}` : (FLOAT_TYPES[layer.dataType]?.name ?? dataTypeName(layer.dataType)),
      ...(layer.quantized
        ? {
            quantized: {
              op: layer.quantized.op,
              bits: layer.quantized.bits,
              block_size: layer.quantized.blockSize,
              symmetric: layer.quantized.symmetric,
            },
          }
        : {}),
      ...stackOf(layer, inv),
      ...measuredErrorOf(layer.name, options.measuredErrors),
    };
  });
  const bytesAfter = layers.reduce((s, l) => s + l.bytes, 0);
  const params = layers.reduce((s, l) => s + l.params, 0);
  const byBits = new Map<number, number>();
  for (const l of layers) byBits.set(l.bits, (byBits.get(l.bits) ?? 0) + l.params);
  const paramsByBits: Record<string, number> = {};
  for (const b of [...byBits.keys()].sort((a, c) => c - a)) paramsByBits[String(b)] = byBits.get(b)!;

  return {
    schema: PLAN_SCHEMA,
    model: {
      path: model.path,
      sha256: model.sha256,
      architecture: inv.architecture,
      num_layers: inv.numLayers,
      parameters: inv.parameters,
      bytes: model.bytes,
    },
    policy: {
      name: cfg.policy,
      block_size: cfg.blockSize,
      symmetric: cfg.symmetric,
      ...(cfg.superBlocks ? { super_blocks: true } : {}),
      target_bytes: target,
      keep_sensitive: keepsSensitive(cfg),
      scale: cfg.scale,
      bits: cfg.policy === 'uniform' ? cfg.bits : null,
      default_bits: cfg.defaultBits,
      overrides: cfg.overrides.map((o) => ({ pattern: o.pattern, bits: o.bits })),
      errors: target === null ? null : options.measured ? 'measured' : 'weights',
    },
    layers,
    totals: {
      bytes_before: bytesBefore,
      bytes_after: bytesAfter,
      bits_per_weight: params > 0 ? round4((bytesAfter * 8) / params) : 0,
      params_by_bits: paramsByBits,
    },
  };
}
