/**
 * `quantgate check` — what the action runs: for every model the config names, plan → quantize → evaluate,
 * compare with the golden files, evaluate the gates, and write report.json and comment.md.
 */
import * as glob from '@actions/glob';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { GATES, type CheckConfig, type ModelEntry } from '../config/check-config.js';
import { mergePlanConfig } from '../config/config.js';
import { BadInputError, messageOf, TargetUnreachableError } from '../errors.js';
import { evaluate, type EvalResult } from '../eval/evaluate.js';
import { detectionAccuracy, detectionGate, planChanges, planGate, qualityGate, sizeGate, skipped, type GateResult } from '../gate/gates.js';
import { writeFileAtomic, writeModel } from '../onnx/write.js';
import { PLAN_SCHEMA, type Plan } from '../plan/plan.js';
import { quantizeModel } from '../quant/rewrite.js';
import { renderComment } from '../report/comment.js';
import { REPORT_SCHEMA, type CheckReport, type ModelReport } from '../report/report.js';
import { planModel, type Io, type MeasureChoice } from './plan.js';

export interface CheckOptions {
  config: CheckConfig;
  updateGolden: boolean;
  /** Measurement settings (cache folder) for policies that measure. */
  cacheDir: string | null;
  /** Identifies the PR comment: one per workflow and config. */
  key: string;
  io: Io;
  /** Models already discovered by the caller (the action discovers them for its cache key). */
  models?: DiscoveredModel[];
}

export interface DiscoveredModel {
  file: string;
  id: string;
  entry: ModelEntry;
}

const hasGlob = (p: string) => /[*?[\]{}]/.test(p);

/** Files the config names, each once (the first entry naming it wins), with stable ids. */
export async function discoverModels(entries: ModelEntry[]): Promise<DiscoveredModel[]> {
  const seen = new Set<string>();
  const found: Array<{ file: string; entry: ModelEntry }> = [];
  for (const entry of entries) {
    let files: string[];
    if (hasGlob(entry.pattern)) {
      const globber = await glob.create(entry.pattern, { followSymbolicLinks: false, implicitDescendants: false });
      files = (await globber.glob())
        .filter((f) => f.toLowerCase().endsWith('.onnx') && fs.statSync(f).isFile())
        .map((f) => path.relative(process.cwd(), f))
        .sort();
    } else {
      if (!fs.existsSync(entry.pattern)) throw new BadInputError(`${entry.pattern}: model not found`);
      files = [path.normalize(entry.pattern)];
    }
    if (entry.id && files.length > 1)
      throw new BadInputError(`models: id '${entry.id}' names ${files.length} files (${entry.pattern}); give each its own entry`);
    for (const file of files) {
      if (seen.has(file)) continue;
      seen.add(file);
      found.push({ file, entry });
    }
  }
  // Ids: the file name, or the path when two files share a name.
  const base = (f: string) => path.basename(f).replace(/\.onnx$/i, '');
  const counts = new Map<string, number>();
  for (const { file } of found) counts.set(base(file), (counts.get(base(file)) ?? 0) + 1);
  return found.map(({ file, entry }) => ({
    file,
    entry,
    id: entry.id ?? (counts.get(base(file))! > 1 ? file.replace(/\.onnx$/i, '').replace(/[\\/]+/g, '-') : base(file)),
  }));
}

function readJson<T>(file: string): T | null {
  if (!fs.existsSync(file)) return null;
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
  } catch (err) {
    throw new BadInputError(`${file}: not valid JSON (${messageOf(err)})`);
  }
}

/** `{ "layers": { name: category } }`, or the `{ "initializers": { name: { category } } }` form. */
export function readLabels(file: string): Map<string, string> | null {
  const doc = readJson<{ layers?: Record<string, string>; initializers?: Record<string, { category: string }> }>(file);
  if (!doc) return null;
  if (doc.layers) return new Map(Object.entries(doc.layers));
  if (doc.initializers) return new Map(Object.entries(doc.initializers).map(([k, v]) => [k, v.category]));
  throw new BadInputError(`${file}: expected "layers" (name → category) or "initializers"`);
}

async function checkModel(m: DiscoveredModel, options: CheckOptions, updated: string[]): Promise<ModelReport> {
  const { config, io } = options;
  const gates = (name: string) => config.gates[name as keyof typeof config.gates];
  const thresholds = { ...config.thresholds, ...m.entry.thresholds };
  const cfg = mergePlanConfig(config.plan, m.entry.plan);
  const evalInputs = {
    tokens: m.entry.tokens ?? config.tokens,
    seqLen: m.entry.seqLen ?? config.seqLen,
    maxWindows: m.entry.windows ?? config.windows,
  };
  const measure: MeasureChoice = { measure: false, ep: config.ep, cacheDir: options.cacheDir, ...evalInputs };
  const report: ModelReport = {
    id: m.id,
    path: m.file,
    sha256: null,
    architecture: null,
    num_layers: null,
    passed: true,
    gates: [],
    size: null,
    quality: null,
    detection: null,
    plan_changes: null,
    golden: 'no baseline',
    layers: [],
  };

  let planned;
  try {
    planned = await planModel(m.file, cfg, measure, io);
  } catch (err) {
    // An unreachable size target is the size gate failing; any other bad input stops the check (exit 2).
    if (!(err instanceof TargetUnreachableError)) throw err;
    report.error = err.message;
    report.gates = GATES.map((g) =>
      g === 'size' ? sizeGate(null, null, gates('size'), err.message) : skipped(g, 'not run: no plan fits the size target'),
    );
    report.passed = !report.gates.some((g) => g.blocking);
    return report;
  }
  const { model, inventory, plan } = planned;
  report.sha256 = model.sha256;
  report.architecture = inventory.architecture;
  report.num_layers = inventory.numLayers;
  report.layers = plan.layers.map((l) => ({
    name: l.name,
    module: l.module,
    category: l.category,
    layer: l.layer,
    bits: l.bits,
    bytes: l.bytes,
  }));

  // Detection against golden labels.
  const labels = readLabels(path.join(config.goldenDir, `${m.id}.labels.json`));
  report.detection = labels ? detectionAccuracy(inventory.layers, labels) : null;
  const results: GateResult[] = [detectionGate(report.detection, thresholds.detection, gates('detection'))];

  // Quantize and evaluate.
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'quantgate-check-'));
  let quality: EvalResult | null = null;
  let problem: string | undefined;
  try {
    const out = path.join(work, `${m.id}.onnx`);
    const hadExternal = [...model.initializers.values()].some((i) => i.storage.kind === 'external');
    writeModel(quantizeModel(model, inventory, plan, { scale: cfg.scale }).proto, out, hadExternal ? { external: true } : {});
    quality = await evaluate(m.file, out, {
      ep: config.ep,
      ...evalInputs,
      reference: { model, inventory },
      warn: (msg) => io.stderr(`warning: ${msg}\n`),
    });
  } catch (err) {
    if (!(err instanceof BadInputError)) throw err;
    problem = err.message;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  report.quality = quality;
  report.size = {
    bytes_before: plan.totals.bytes_before,
    bytes_after: plan.totals.bytes_after,
    target_bytes: plan.policy.target_bytes,
    bits_per_weight: plan.totals.bits_per_weight,
  };
  results.push(sizeGate(plan.totals.bytes_after, plan.policy.target_bytes, gates('size')));

  // Plan against the golden plan.
  const goldenFile = path.join(config.goldenDir, `${m.id}.plan.json`);
  const golden = readJson<Plan>(goldenFile);
  if (golden && golden.schema !== PLAN_SCHEMA) throw new BadInputError(`${goldenFile}: not a ${PLAN_SCHEMA} document`);
  report.plan_changes = golden ? planChanges(plan, golden) : null;
  if (options.updateGolden) {
    const text = `${JSON.stringify(plan, null, 2)}\n`;
    const before = fs.existsSync(goldenFile) ? fs.readFileSync(goldenFile, 'utf8') : null;
    if (before !== text) {
      fs.mkdirSync(path.dirname(goldenFile), { recursive: true });
      writeFileAtomic(goldenFile, text);
      updated.push(goldenFile);
      report.golden = before === null ? 'created' : 'updated';
    } else {
      report.golden = 'match';
    }
    results.push(
      report.plan_changes === null
        ? skipped('plan', 'golden plan created')
        : {
            ...planGate(report.plan_changes, 'warn', plan.layers.length),
            blocking: false,
            status: report.plan_changes.length ? 'warn' : 'pass',
            summary: report.plan_changes.length
              ? `golden plan updated (${report.plan_changes.length} layers changed)`
              : 'golden plan unchanged',
          },
    );
  } else {
    report.golden = golden === null ? 'no baseline' : report.plan_changes!.length === 0 ? 'match' : 'changed';
    results.push(planGate(report.plan_changes, gates('plan'), plan.layers.length));
  }
  results.push(qualityGate(quality, thresholds, gates('quality'), problem));
  report.gates = GATES.map((g) => results.find((r) => r.gate === g)!);
  report.passed = !report.gates.some((g) => g.blocking);
  return report;
}

export async function runCheck(options: CheckOptions): Promise<CheckReport> {
  const models = options.models ?? (await discoverModels(options.config.models));
  if (models.length === 0)
    throw new BadInputError(`no model matches ${options.config.models.map((e) => `'${e.pattern.replace(/\n/g, ' ')}'`).join(', ')}`);
  const updated: string[] = [];
  const reports: ModelReport[] = [];
  for (const m of models) {
    options.io.stderr(`quantgate: checking ${m.file} (${m.id})\n`);
    reports.push(await checkModel(m, options, updated));
  }
  return {
    schema: REPORT_SCHEMA,
    passed: reports.every((r) => r.passed),
    key: options.key,
    models: reports,
    updated_golden: updated,
    blocking_gates: GATES.filter((g) => options.config.gates[g] === 'fail'),
  };
}

/** Writes report.json and comment.md into the report folder; returns their paths and the markdown. */
export function writeReport(report: CheckReport, dir: string): { reportPath: string; commentPath: string; markdown: string } {
  fs.mkdirSync(dir, { recursive: true });
  // Absolute paths for the action's outputs. (Built from the folder string, not path.resolve with a file
  // name: ncc would take that for an asset and rewrite it to the build machine's path.)
  const base = path.isAbsolute(dir) ? dir : path.join(process.cwd(), dir);
  const reportPath = [base, 'report.json'].join(path.sep);
  const commentPath = [base, 'comment.md'].join(path.sep);
  const markdown = renderComment(report);
  writeFileAtomic(reportPath, `${JSON.stringify(report, null, 2)}\n`);
  writeFileAtomic(commentPath, markdown);
  return { reportPath, commentPath, markdown };
}
