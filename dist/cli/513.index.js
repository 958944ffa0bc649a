export const id = 513;
export const ids = [513];
export const modules = {

/***/ 513:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runCheckCommand: () => (/* binding */ runCheckCommand),
  runMergeCommand: () => (/* binding */ runMergeCommand)
});

// UNUSED EXPORTS: summaryLines

// EXTERNAL MODULE: ./src/config/check-config.ts
var check_config = __webpack_require__(8317);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/config/config.ts
var config_config = __webpack_require__(1122);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/eval/evaluate.ts + 1 modules
var evaluate = __webpack_require__(9583);
// EXTERNAL MODULE: ./src/analyze/categories.ts
var categories = __webpack_require__(8450);
;// CONCATENATED MODULE: ./src/gate/gates.ts
/**
 * The four gates, as pure functions of what the pipeline measured. A gate whose mode is `warn` reports a
 * failure as a warning; `off` skips it. Only a `fail` gate that fails blocks the pull request.
 */

function result(gate, mode, ok, summary, extra = {}) {
    if (mode === 'off')
        return { gate, status: 'skip', blocking: false, summary: 'gate off' };
    const status = ok ? 'pass' : mode === 'warn' ? 'warn' : 'fail';
    return { gate, status, blocking: status === 'fail', summary, ...extra };
}
/** A gate that failed (or warns, by its mode) for a reason no number says. */
function failedGate(gate, mode, summary) {
    return result(gate, mode, false, summary);
}
function skipped(gate, summary) {
    return { gate, status: 'skip', blocking: false, summary };
}
/** Share of labelled layers (all but `constant`) whose sensitive flag matches the label; missing layers count as wrong. */
function detectionAccuracy(layers, labels) {
    const byName = new Map(layers.map((l) => [l.name, l]));
    let labelled = 0;
    let agree = 0;
    let missing = 0;
    const mismatches = [];
    for (const [name, category] of labels) {
        if (category === 'constant')
            continue;
        labelled++;
        const layer = byName.get(name);
        const expected = (0,categories/* isSensitive */.tV)(category);
        if (!layer)
            missing++;
        if (layer && layer.sensitive === expected)
            agree++;
        else if (mismatches.length < 20)
            mismatches.push({ name, detected: layer?.category ?? 'other', labelled: category });
    }
    return { accuracy: labelled === 0 ? 0 : agree / labelled, labelled, missing, mismatches };
}
/**
 * Labels that cannot judge this model fail the gate and say why, rather than pass on nothing: a file
 * whose every entry is `constant`, or one whose layers are mostly not in the model (another model's).
 */
function detectionGate(outcome, threshold, mode, labelsFile = 'the labels file') {
    if (!outcome)
        return skipped('detection', 'no labels (golden/<id>.labels.json)');
    const pct = (x) => `${(100 * x).toFixed(1)}%`;
    if (outcome.labelled === 0)
        return result('detection', mode, false, `${labelsFile} labels no weight layer (every entry is constant)`);
    const missing = outcome.missing ?? 0;
    if (missing > outcome.labelled / 2)
        return result('detection', mode, false, `${labelsFile} is not this model's: ${missing} of its ${outcome.labelled} labelled layers are not in the model`, { value: outcome.accuracy, threshold });
    return result('detection', mode, outcome.accuracy >= threshold, `${pct(outcome.accuracy)} of ${outcome.labelled} labelled layers (needs ${pct(threshold)})`, { value: outcome.accuracy, threshold });
}
function sizeGate(bytesAfter, target, mode, problem, baseline) {
    if (problem)
        return result('size', mode, false, problem);
    // Growth against the golden record gates only when thresholds.size_growth is set (else it is shown).
    const growth = baseline?.deltas.find((d) => d.metric === 'bytes' && d.fails);
    if (target === null || bytesAfter === null) {
        return growth ? result('size', mode, false, growth.reason ?? 'quantized weights grew') : skipped('size', 'no size target');
    }
    const text = `${bytesAfter.toLocaleString('en-US')} bytes, target ${target.toLocaleString('en-US')}`;
    const ok = bytesAfter <= target && !growth;
    return result('size', mode, ok, growth ? `${text}; ${growth.reason ?? 'grew'}` : text, { value: bytesAfter, threshold: target });
}
/** How an integer layer is stored (`storageOf`'s words: "super-blocks, block 16", "block 32, symmetric"), else null. */
function storageOf(l) {
    if (l.bits >= 16 || l.block_size === null)
        return null;
    if (l.super_blocks)
        return `super-blocks, block ${l.block_size}`;
    return `block ${l.block_size}, ${l.symmetric ? 'symmetric' : 'asymmetric'}`;
}
/** Golden → now from this plan's measured errors, when it has one at either width. */
function measuredChange(l, oldBits) {
    const m = l.measured_error;
    if (!m)
        return {};
    const golden = oldBits === null ? null : (m.by_bits[String(oldBits)] ?? null);
    const now = m.by_bits[String(l.bits)] ?? null;
    return golden === null && now === null ? {} : { measured_error: { metric: m.metric, golden, now } };
}
/** Layers whose bits or storage differ from the golden plan, including layers added or gone. */
function planChanges(plan, golden) {
    const before = new Map(golden.layers.map((l) => [l.name, l]));
    const changes = [];
    for (const l of plan.layers) {
        const g = before.get(l.name);
        const [oldStorage, newStorage] = g && g.bits === l.bits ? [storageOf(g), storageOf(l)] : [null, null];
        const storageChanged = oldStorage !== newStorage;
        if (!g || g.bits !== l.bits || storageChanged) {
            changes.push({
                name: l.name,
                module: l.module,
                category: l.category,
                layer: l.layer,
                ...(l.stack !== undefined ? { stack: l.stack } : {}),
                old_bits: g?.bits ?? null,
                new_bits: l.bits,
                old_bytes: g?.bytes ?? null,
                new_bytes: l.bytes,
                // (A change of storage alone: the plan's reason is about the width, which did not change.)
                reason: storageChanged ? `now ${newStorage ?? '—'} (golden: ${oldStorage ?? '—'})` : g ? l.reason : `new layer: ${l.reason}`,
                ...measuredChange(l, g?.bits ?? null),
                ...(storageChanged ? { old_storage: oldStorage ?? '—', new_storage: newStorage ?? '—' } : {}),
            });
        }
        before.delete(l.name);
    }
    for (const g of before.values()) {
        changes.push({
            name: g.name,
            module: g.module,
            category: g.category,
            layer: g.layer,
            ...(g.stack !== undefined ? { stack: g.stack } : {}),
            old_bits: g.bits,
            new_bits: null,
            old_bytes: g.bytes,
            new_bytes: null,
            reason: 'no longer in the model',
        });
    }
    return changes;
}
/**
 * Why a golden plan cannot be this model's, or null: most of its layers are not in the model (or most of
 * the model's are not in it). Changed weights keep their names; another model's plan does not.
 */
function foreignGolden(plan, golden) {
    const names = new Set(golden.layers.map((l) => l.name));
    const common = plan.layers.filter((l) => names.has(l.name)).length;
    const larger = Math.max(plan.layers.length, golden.layers.length);
    if (larger === 0 || common >= larger / 2)
        return null;
    const describe = (p) => `${p.model.architecture}, ${p.layers.length} layers`;
    return `the golden plan is another model's (${describe(golden)}; this model: ${describe(plan)}; ${common} layer names in common)`;
}
/** Whether a change is of storage alone (same bits; see `PlanChange.old_storage`). */
function storageOnly(c) {
    return c.old_storage !== undefined;
}
/** Fails on layers whose bits changed (or that came or went); changes of storage alone are said, not gated. */
function planGate(changes, mode, layers) {
    if (changes === null)
        return skipped('plan', 'no baseline (no golden plan yet)');
    const stored = changes.filter(storageOnly).length;
    const storageNote = stored > 0 ? `; ${stored} stored differently at the same bits` : '';
    const widths = changes.length - stored;
    if (widths === 0) {
        const all = stored > 0 ? `all ${layers} layers' bits match the golden plan` : `all ${layers} layers match the golden plan`;
        return result('plan', mode, true, `${all}${storageNote}`);
    }
    return result('plan', mode, false, `${widths} of ${layers} layers changed against the golden plan${storageNote}`, {
        value: widths,
        threshold: 0,
    });
}
/**
 * The absolute floors (cosine, relative L2, top-1, KL, perplexity increase) and, when a golden quality
 * record was measured the same way, the regressions against it (perplexity increase, KL, cosine).
 */
function qualityGate(q, t, mode, problem, baseline) {
    if (problem)
        return result('quality', mode, false, problem);
    if (!q)
        return skipped('quality', 'not evaluated');
    const failures = [];
    const parts = [];
    const check = (ok, text) => {
        parts.push(text);
        if (!ok)
            failures.push(text);
    };
    if (t.cosine !== null)
        check(q.cosine >= t.cosine, `cosine ${q.cosine.toFixed(4)} (min ${t.cosine})`);
    if (t.rel_l2 !== null)
        check(q.rel_l2 <= t.rel_l2, `relative L2 ${q.rel_l2.toFixed(4)} (max ${t.rel_l2})`);
    if (t.top1 !== null && q.top1_agree !== undefined)
        check(q.top1_agree >= t.top1, `top-1 ${(100 * q.top1_agree).toFixed(1)}% (min ${(100 * t.top1).toFixed(1)}%)`);
    if (t.kl !== null && q.kl !== undefined)
        check(q.kl <= t.kl, `KL ${q.kl.toExponential(2)} (max ${t.kl})`);
    if (t.ppl_increase !== null && q.ppl_ref !== undefined && q.ppl_q !== undefined) {
        const increase = (q.ppl_q - q.ppl_ref) / q.ppl_ref;
        check(increase <= t.ppl_increase, `perplexity ${q.ppl_ref.toFixed(3)} → ${q.ppl_q.toFixed(3)} (${increase >= 0 ? '+' : ''}${(100 * increase).toFixed(2)}%, max +${(100 * t.ppl_increase).toFixed(1)}%)`);
    }
    if (baseline) {
        for (const d of baseline.deltas)
            if (d.fails && d.metric !== 'bytes' && d.reason)
                failures.push(`${d.reason} against the golden record`);
        if (baseline.comparable) {
            const held = baseline.deltas.filter((d) => d.limit !== null && d.metric !== 'bytes').length;
            if (held > 0)
                parts.push(`no regression against the golden record`);
        }
        else if (baseline.reason)
            parts.push(`not comparable with the golden record (${baseline.reason})`);
        if (baseline.model_changed)
            parts.push('model weights changed since the golden plan');
    }
    if (parts.length === 0 && failures.length === 0)
        return skipped('quality', 'no quality threshold applies');
    const notes = baseline?.model_changed ? ['model weights changed since the golden plan'] : [];
    return result('quality', mode, failures.length === 0, (failures.length > 0 ? [...failures, ...notes] : parts).join('; '));
}

;// CONCATENATED MODULE: ./src/gate/regression.ts
const QUALITY_SCHEMA = 'quantgate.quality/v1';
/** The metrics of an evaluation that describe quality (not its timing, provider or coverage). */
const QUALITY_METRICS = ['output', 'cosine', 'rel_l2', 'max_abs', 'top1_agree', 'kl', 'ppl_ref', 'ppl_q'];
/** The quality metrics of an evaluation, in a fixed order (same inputs, same bytes); absent ones left out. */
function recordedQuality(q) {
    return Object.fromEntries(QUALITY_METRICS.filter((key) => q[key] !== undefined).map((key) => [key, q[key]]));
}
/** Why two measurements cannot be compared, or null when they can. */
function incomparability(golden, now) {
    const differs = [];
    if (golden.inputs !== now.inputs)
        differs.push(`inputs ${golden.inputs} then, ${now.inputs} now`);
    else {
        if (golden.tokens_sha256 !== now.tokens_sha256)
            differs.push('another tokens file');
        if (golden.inputs_sha256 !== now.inputs_sha256)
            differs.push('another inputs file');
    }
    if (golden.windows !== now.windows)
        differs.push(`${golden.windows} token windows then, ${now.windows} now`);
    if (golden.seq_len !== now.seq_len)
        differs.push(`sequence length ${golden.seq_len ?? "the model's"} then, ${now.seq_len ?? "the model's"} now`);
    if (golden.execution_provider !== now.execution_provider)
        differs.push(`execution provider ${golden.execution_provider} then, ${now.execution_provider} now`);
    return differs.length === 0 ? null : `measured differently: ${differs.join('; ')}`;
}
const pctIncrease = (q) => q.ppl_ref !== undefined && q.ppl_q !== undefined ? (q.ppl_q - q.ppl_ref) / q.ppl_ref : undefined;
/**
 * Golden → now for sizes and, when comparable, quality. On a GPU provider (not bit-exact run to run), a
 * relative difference within `gpu_tolerance` counts as none; on CPU every digit counts.
 */
function compareWithRecord(file, golden, now, t) {
    const tolerance = now.measurement.execution_provider === 'cpu' ? 0 : t.gpu_tolerance;
    const deltas = [];
    const add = (metric, before, after, lowerIsBetter, limit, exceeds, reason) => {
        const same = Math.abs(after - before) <= tolerance * Math.max(Math.abs(before), Math.abs(after));
        const change = same ? 0 : after - before;
        const direction = change === 0 ? 'same' : change < 0 === lowerIsBetter ? 'better' : 'worse';
        const fails = !same && limit !== null && exceeds;
        deltas.push({ metric, before, after, change, direction, limit, fails, ...(fails ? { reason } : {}) });
    };
    const bytesBefore = golden.size.bytes_after;
    const bytesAfter = now.size.bytes_after;
    const growth = bytesBefore > 0 ? (bytesAfter - bytesBefore) / bytesBefore : bytesAfter > 0 ? Infinity : 0;
    add('bytes', bytesBefore, bytesAfter, true, t.size_growth, t.size_growth !== null && growth > t.size_growth, `quantized weights grew ${(100 * growth).toFixed(2)}% (max ${(100 * (t.size_growth ?? 0)).toFixed(2)}%)`);
    add('bits_per_weight', golden.size.bits_per_weight, now.size.bits_per_weight, true, null, false, '');
    let reason = null;
    if (!golden.quality)
        reason = 'the golden record has no quality measurement';
    else if (!now.quality)
        reason = 'this run has no quality measurement';
    else if (golden.quality.output !== now.quality.output)
        reason = `another output compared (${golden.quality.output} then, ${now.quality.output} now)`;
    else
        reason = incomparability(golden.measurement, now.measurement);
    if (reason === null && golden.quality && now.quality) {
        const g = golden.quality;
        const q = now.quality;
        const incBefore = pctIncrease(g);
        const incAfter = pctIncrease(q);
        if (incBefore !== undefined && incAfter !== undefined) {
            const pp = incAfter - incBefore;
            add('ppl_increase', incBefore, incAfter, true, t.ppl_regression, t.ppl_regression !== null && pp > t.ppl_regression + 1e-12, `perplexity increase ${signedPct(incBefore)} → ${signedPct(incAfter)} (${signed(100 * pp, 2)} pp, max +${(100 * (t.ppl_regression ?? 0)).toFixed(2)} pp)`);
        }
        if (g.kl !== undefined && q.kl !== undefined) {
            const rel = g.kl > 0 ? (q.kl - g.kl) / g.kl : q.kl > 0 ? Infinity : 0;
            add('kl', g.kl, q.kl, true, t.kl_regression, t.kl_regression !== null && rel > t.kl_regression, `KL ${g.kl.toExponential(2)} → ${q.kl.toExponential(2)} (${Number.isFinite(rel) ? `${signed(100 * rel, 1)}%` : 'from zero'}, max +${(100 * (t.kl_regression ?? 0)).toFixed(0)}%)`);
        }
        add('cosine', g.cosine, q.cosine, false, t.cosine_drop, t.cosine_drop !== null && g.cosine - q.cosine > t.cosine_drop, `cosine ${g.cosine.toFixed(5)} → ${q.cosine.toFixed(5)} (${signed(q.cosine - g.cosine, 5)}, max drop ${t.cosine_drop ?? 0})`);
    }
    return {
        file,
        model_changed: golden.model.sha256 !== now.sha256,
        comparable: reason === null,
        reason,
        deltas,
        measured: golden.measurement,
    };
}
/** `+1.23` / `−0.50` (a real minus sign for people), `digits` after the point. */
function signed(x, digits) {
    const text = Math.abs(x).toFixed(digits);
    if (Number(text) === 0)
        return `±${text}`;
    return `${x < 0 ? '−' : '+'}${text}`;
}
function signedPct(fraction) {
    return `${fraction < 0 ? '−' : '+'}${Math.abs(100 * fraction).toFixed(2)}%`;
}
/** Whether anything moved against the golden record (for `comment: changes`). */
function regression_comparisonMoved(c) {
    return !!c && (c.model_changed || !c.comparable || c.deltas.some((d) => d.change !== 0));
}

// EXTERNAL MODULE: ./src/eval/runtime.ts
var runtime = __webpack_require__(2982);
// EXTERNAL MODULE: ./src/config/version.ts + 1 modules
var version = __webpack_require__(7473);
// EXTERNAL MODULE: ./src/onnx/write.ts
var write = __webpack_require__(4208);
;// CONCATENATED MODULE: ./src/report/report.ts

const REPORT_SCHEMA = 'quantgate.report/v1';
/**
 * The run and commit from the runner's environment: GITHUB_SERVER_URL/GITHUB_REPOSITORY/actions/runs/
 * GITHUB_RUN_ID, and the pull request's head commit when given (GITHUB_SHA is the merge commit there).
 */
function runInfoFrom(env, headSha) {
    const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: id, GITHUB_RUN_ATTEMPT: attempt } = env;
    const url = server && repo && id ? `${server}/${repo}/actions/runs/${id}${attempt && attempt !== '1' ? `/attempts/${attempt}` : ''}` : null;
    const sha = headSha ?? env.GITHUB_SHA ?? null;
    return url === null && sha === null ? undefined : { url, sha };
}
/** Lowest detection accuracy over models with labels, or null. */
function detectionAccuracyOf(report) {
    const values = report.models.map((m) => m.detection?.accuracy).filter((v) => v !== undefined);
    return values.length === 0 ? null : Math.min(...values);
}
/**
 * Whether anything differs from the golden files: a plan changed, a model without a baseline, golden files
 * written, or sizes or quality moved against the golden record.
 */
function reportHasChanges(report) {
    return report.updated_golden.length > 0 || report.models.some((m) => m.golden !== 'match' || comparisonMoved(m.baseline));
}
/** Merges the reports of matrix jobs into one (`quantgate report --merge`). */
function mergeReports(reports) {
    const [first] = reports;
    if (!first)
        throw new Error('nothing to merge');
    const models = reports.flatMap((r) => r.models).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return {
        schema: REPORT_SCHEMA,
        passed: reports.every((r) => r.passed),
        key: first.key,
        models,
        updated_golden: reports.flatMap((r) => r.updated_golden),
        blocking_gates: first.blocking_gates,
        ...(first.run ? { run: first.run } : {}),
        ...(first.accept ? { accept: first.accept } : {}),
    };
}

// EXTERNAL MODULE: ./node_modules/@actions/glob/lib/glob.js + 32 modules
var glob = __webpack_require__(3660);
;// CONCATENATED MODULE: ./src/pipeline/discover.ts
/** Which model files a check covers: the config's paths and globs, each file once, with stable ids. */





const hasGlob = (p) => /[*?[\]{}]/.test(p);
/**
 * An @actions/glob pattern (one per line, `!` negates, `#` comments) with each line made absolute:
 * @actions/glob refuses `..` segments, and `models: [../shared/*.onnx]` is a fair thing to write.
 */
function absolutePattern(pattern) {
    return pattern
        .split('\n')
        .map((line) => {
        const text = line.trim();
        if (text === '' || text.startsWith('#'))
            return text;
        const negated = text.startsWith('!');
        return `${negated ? '!' : ''}${external_node_path_.resolve(negated ? text.slice(1) : text)}`;
    })
        .join('\n');
}
/** The .onnx files a path or glob names, relative to the working folder, sorted. */
async function filesOf(pattern, lenient) {
    if (!hasGlob(pattern)) {
        if (external_node_fs_.existsSync(pattern))
            return [external_node_path_.normalize(pattern)];
        if (lenient)
            return [];
        throw new errors/* BadInputError */.Ys(`${pattern.replace(/[\r\n]+/g, ' ')}: model not found`);
    }
    const globber = await glob/* create */.v(absolutePattern(pattern), { followSymbolicLinks: false, implicitDescendants: false });
    return (await globber.glob())
        .filter((f) => f.toLowerCase().endsWith('.onnx') && external_node_fs_.statSync(f).isFile())
        .map((f) => external_node_path_.relative(process.cwd(), f))
        .sort();
}
/** Each file the entries name, once: the first entry naming it wins (its settings apply). */
async function namedFiles(entries, lenient) {
    const found = new Map();
    for (const entry of entries) {
        const files = await filesOf(entry.pattern, lenient);
        if (entry.id && files.length > 1)
            throw new errors/* BadInputError */.Ys(`models: id '${entry.id}' names ${files.length} files (${entry.pattern}); give each its own entry`);
        for (const file of files)
            if (!found.has(file))
                found.set(file, entry);
    }
    return [...found].map(([file, entry]) => ({ file, entry }));
}
/**
 * The models to check: every file the config's entries name or, with `only` (`check --models GLOB`, the
 * action's `models` input), the files that glob matches, each keeping the settings of the config entry
 * that names it (id, target, tokens, thresholds). Ids are the file name, or the path when two files the
 * config or the selection name share a name, so selecting a subset never renames a model's golden files.
 */
async function discoverModels(entries, only) {
    const named = await namedFiles(entries, only !== undefined);
    let selected = named;
    if (only !== undefined) {
        const byFile = new Map(named.map((n) => [n.file, n.entry]));
        selected = (await filesOf(only, false)).map((file) => ({ file, entry: byFile.get(file) ?? (0,check_config/* defaultModelEntry */.Tl)(only) }));
    }
    const base = (f) => external_node_path_.basename(f).replace(/\.onnx$/i, '');
    const counts = new Map();
    for (const file of new Set([...named, ...selected].map((n) => n.file)))
        counts.set(base(file), (counts.get(base(file)) ?? 0) + 1);
    return selected.map(({ file, entry }) => ({
        file,
        entry,
        id: entry.id ?? ((counts.get(base(file)) ?? 0) > 1 ? file.replace(/\.onnx$/i, '').replace(/[\\/]+/g, '-') : base(file)),
    }));
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./src/schemas/validate.ts + 5 modules
var validate = __webpack_require__(5291);
// EXTERNAL MODULE: ./src/pipeline/quantize.ts + 2 modules
var quantize = __webpack_require__(122);
;// CONCATENATED MODULE: ./src/pipeline/golden.ts
/**
 * The golden files of one model, each validated against its schema when read: `<id>.plan.json` (the
 * reviewed plan), `<id>.quality.json` (what was measured when it was accepted) and `<id>.labels.json`
 * (expected categories, for the detection gate). A missing file is
 * "no baseline"; a damaged one is bad input naming it, never a gate silently switched off.
 */






function goldenPaths(dir, id) {
    (0,check_config/* checkModelId */.XV)(id, 'model id');
    const file = (kind) => external_node_path_.join(dir, `${id}.${kind}.json`);
    return { plan: file('plan'), quality: file('quality'), labels: file('labels') };
}
/** The golden quality record, or null when there is none yet (plans accepted before records existed). */
function readGoldenQuality(file) {
    if (!external_node_fs_.existsSync(file))
        return null;
    return (0,validate/* readValidated */.Ni)('quality', file);
}
/** sha256 of a file's bytes, hex. */
function fileSha256(file) {
    return (0,external_node_crypto_.createHash)('sha256').update(external_node_fs_.readFileSync(file)).digest('hex');
}
/**
 * What identifies an `--inputs` value: the file's sha256, or for `NAME=FILE.npy,...` pairs the sha256 of
 * the pairs with each file's sha256 (in name order), so renaming nothing and changing a file both count.
 */
function inputsSha256(spec) {
    if (external_node_fs_.existsSync(spec) && external_node_fs_.statSync(spec).isFile())
        return fileSha256(spec);
    const pairs = spec
        .split(',')
        .map((pair) => {
        const at = pair.indexOf('=');
        const file = pair.slice(at + 1);
        return `${pair.slice(0, at)}=${external_node_fs_.existsSync(file) ? fileSha256(file) : file}`;
    })
        .sort();
    return (0,external_node_crypto_.createHash)('sha256').update(pairs.join('\n')).digest('hex');
}
/** The reviewed plan, or null when there is none yet. */
function readGoldenPlan(file) {
    if (!external_node_fs_.existsSync(file))
        return null;
    return (0,quantize/* checkPlan */.Gy)((0,validate/* readValidated */.Ni)('plan', file), file);
}
/** `{ "layers": { name: category } }`, or the `{ "initializers": { name: { category } } }` form; null when absent. */
function readLabels(file) {
    if (!external_node_fs_.existsSync(file))
        return null;
    const doc = (0,validate/* readValidated */.Ni)('labels', file);
    const categories = doc.layers
        ? new Map(Object.entries(doc.layers))
        : new Map(Object.entries(doc.initializers ?? {}).map(([name, v]) => [name, v.category]));
    return { file, categories };
}

// EXTERNAL MODULE: ./src/pipeline/io.ts
var pipeline_io = __webpack_require__(548);
// EXTERNAL MODULE: ./src/pipeline/progress.ts
var progress = __webpack_require__(2171);
// EXTERNAL MODULE: ./src/pipeline/model.ts
var model = __webpack_require__(8615);
// EXTERNAL MODULE: ./src/pipeline/plan.ts + 6 modules
var pipeline_plan = __webpack_require__(7536);
;// CONCATENATED MODULE: ./src/pipeline/check.ts
/**
 * `quantgate check`, what the action runs: for every model the config names, read and analyze it once,
 * then plan → quantize → evaluate → compare with the golden files → gates. Each model's result is a typed
 * outcome; the report (`quantgate.report/v1`) is rendered from the outcomes.
 */




















const outcomePassed = (o) => !o.gates.some((g) => g.blocking);
/** In GATES order. */
function ordered(results) {
    return check_config/* GATES */.JH.map((g) => {
        const found = results.find((r) => r.gate === g);
        if (!found)
            throw new Error(`no result for the ${g} gate`);
        return found;
    });
}
/** Quantizes into a temporary folder and evaluates against the original; bad input is the quality gate's problem. */
async function quantizeAndEvaluate(planned, cfg, m, options, inputs, calibration) {
    const assignments = await (0,quantize/* withCalibration */.Zj)(planned, (0,quantize/* assignmentsOf */.I7)(planned.plan, cfg.scale), calibration, options.io);
    const work = external_node_fs_.mkdtempSync(external_node_path_.join(external_node_os_.tmpdir(), 'quantgate-check-'));
    try {
        const out = external_node_path_.join(work, `${m.id}.onnx`);
        const outputs = new write/* OutputSet */.Yd(work, [out, `${out}.data`], (0,quantize/* filesOf */.R8)(planned.model));
        (0,quantize/* commitModel */.nL)(outputs, (0,quantize/* writeQuantized */.Dn)(planned, assignments, out, outputs));
        const quality = await (0,evaluate/* evaluate */._3)(m.file, out, {
            ep: options.config.ep,
            ...inputs,
            reference: { model: planned.model, inventory: planned.inventory },
            warn: (0,pipeline_io/* warningsTo */.n)(options.io),
            timeoutSeconds: options.config.timeoutSeconds,
            cleanup: [work],
            progress: (0,progress/* progressTo */.b4)(options.io, `evaluating ${m.file}`, options.quiet ?? false),
        });
        return { quality, problem: null };
    }
    catch (err) {
        if (!(err instanceof errors/* BadInputError */.Ys))
            throw err;
        return { quality: null, problem: err.message };
    }
    finally {
        external_node_fs_.rmSync(work, { recursive: true, force: true });
    }
}
/** The plan against the golden plan; with --update-golden, the golden plan rewritten instead of gated. */
function compareWithGolden(plan, doc, goldenFile, update, mode) {
    const foreign = doc ? foreignGolden(plan, doc) : null;
    if (foreign && !update) {
        return { changes: null, golden: 'changed', written: null, gate: failedGate('plan', mode, `${goldenFile}: ${foreign}`) };
    }
    const changes = doc && !foreign ? planChanges(plan, doc) : null;
    if (!update) {
        const golden = changes === null ? 'no baseline' : changes.length === 0 ? 'match' : 'changed';
        return { changes, golden, written: null, gate: planGate(changes, mode, plan.layers.length) };
    }
    const existed = external_node_fs_.existsSync(goldenFile);
    const written = writeIfChanged(goldenFile, `${JSON.stringify(plan, null, 2)}\n`) ? goldenFile : null;
    const golden = written === null ? 'match' : existed ? 'updated' : 'created';
    const gate = changes === null
        ? skipped('plan', 'golden plan created')
        : {
            ...planGate(changes, 'warn', plan.layers.length),
            blocking: false,
            status: changes.length ? 'warn' : 'pass',
            summary: changes.length ? `golden plan updated (${changes.length} layers changed)` : 'golden plan unchanged',
        };
    return { changes, golden, written, gate };
}
async function checkModel(m, options) {
    const { config } = options;
    const mode = (gate) => config.gates[gate];
    const thresholds = { ...config.thresholds, ...m.entry.thresholds };
    const cfg = (0,config_config/* mergePlanConfig */.ax)(config.plan, m.entry.plan);
    const inputs = {
        tokens: m.entry.tokens ?? config.tokens,
        inputs: m.entry.inputs ?? config.inputs,
        seqLen: m.entry.seqLen ?? config.seqLen,
        maxWindows: m.entry.windows ?? config.windows,
    };
    const measure = {
        measure: false,
        ep: config.ep,
        cacheDir: options.cacheDir,
        ...inputs,
        timeoutSeconds: config.timeoutSeconds,
        quiet: options.quiet,
    };
    let planned;
    try {
        planned = await (0,pipeline_plan/* planModel */.B)((0,model/* loadModel */.c)(m.file), cfg, measure, options.io);
    }
    catch (err) {
        // An unreachable size target is the size gate failing; any other bad input stops the check (exit 2).
        if (!(err instanceof errors/* TargetUnreachableError */.ms))
            throw err;
        const gates = check_config/* GATES */.JH.map((g) => g === 'size' ? sizeGate(null, null, mode('size'), err.message) : skipped(g, 'not run: no plan fits the size target'));
        return { kind: 'target-unreachable', model: m, gates, error: err };
    }
    const { plan, inventory } = planned;
    // Golden files first: a damaged one stops the check before minutes of evaluation.
    const golden = goldenPaths(config.goldenDir, m.id);
    const labels = readLabels(golden.labels);
    const goldenPlan = readGoldenPlan(golden.plan);
    const detection = labels ? detectionAccuracy(inventory.layers, labels.categories) : null;
    const calibrationFile = m.entry.calibration ?? config.calibration;
    const calibration = calibrationFile ? { tokens: calibrationFile, seqLen: inputs.seqLen } : undefined;
    const goldenQuality = readGoldenQuality(golden.quality);
    const { quality, problem } = await quantizeAndEvaluate(planned, cfg, m, options, inputs, calibration);
    const compared = compareWithGolden(plan, goldenPlan, golden.plan, options.updateGolden, mode('plan'));
    const record = qualityRecord(plan, inventory.numLayers, quality, measurementOf(quality, inputs, config.ep));
    const baseline = goldenQuality ? compareWithRecord(golden.quality, goldenQuality, currentOf(record), thresholds) : null;
    const written = compared.written ? [compared.written] : [];
    if (options.updateGolden && writeIfChanged(golden.quality, `${JSON.stringify(record, null, 2)}\n`))
        written.push(golden.quality);
    // Accepting a plan accepts its measurement: regressions are shown, not gated, under --update-golden.
    const gated = options.updateGolden ? null : baseline;
    const gates = ordered([
        detectionGate(detection, thresholds.detection, mode('detection'), labels?.file),
        sizeGate(plan.totals.bytes_after, plan.policy.target_bytes, mode('size'), undefined, gated),
        compared.gate,
        qualityGate(quality, thresholds, mode('quality'), problem ?? undefined, gated),
    ]);
    return {
        kind: 'checked',
        model: m,
        gates,
        sha256: planned.model.sha256,
        architecture: inventory.architecture,
        numLayers: inventory.numLayers,
        plan,
        detection,
        quality,
        qualityProblem: problem,
        planChanges: compared.changes,
        golden: compared.golden,
        goldenWritten: written,
        baseline,
    };
}
/** How this run measured quality: what a later run must match to be compared with it. */
function measurementOf(quality, inputs, ep) {
    return {
        inputs: inputs.tokens ? 'tokens' : inputs.inputs ? 'file' : 'synthesized',
        tokens_sha256: inputs.tokens ? fileSha256(inputs.tokens) : null,
        inputs_sha256: inputs.inputs && !inputs.tokens ? inputsSha256(inputs.inputs) : null,
        windows: quality?.windows ?? 0,
        seq_len: inputs.seqLen ?? null,
        execution_provider: quality?.ep ?? ep,
        onnxruntime: quality ? ((0,runtime/* ort */.g3)().env.versions.common ?? runtime/* RUNTIME_VERSION */.yS) : runtime/* RUNTIME_VERSION */.yS,
        quantgate: version/* QUANTGATE_VERSION */.k,
    };
}
/** The golden quality record of this run (written by --update-golden; timings left out: same inputs, same bytes). */
function qualityRecord(plan, layers, quality, measurement) {
    return {
        schema: QUALITY_SCHEMA,
        model: {
            path: plan.model.path,
            sha256: plan.model.sha256,
            architecture: plan.model.architecture,
            parameters: plan.model.parameters,
            layers,
        },
        size: { bytes_before: plan.totals.bytes_before, bytes_after: plan.totals.bytes_after, bits_per_weight: plan.totals.bits_per_weight },
        quality: quality ? recordedQuality(quality) : null,
        measurement,
    };
}
function currentOf(record) {
    return { sha256: record.model.sha256, size: record.size, quality: record.quality, measurement: record.measurement };
}
/** Writes a golden file when its text differs; whether it did. */
function writeIfChanged(file, text) {
    if (external_node_fs_.existsSync(file) && external_node_fs_.readFileSync(file, 'utf8') === text)
        return false;
    const dir = external_node_path_.dirname(file);
    const created = (0,write/* makeFolder */.fc)(dir, 'golden_dir');
    try {
        (0,write/* writeFileAtomic */.Zf)(file, text);
    }
    catch (err) {
        (0,write/* removeCreatedFolders */.KW)(dir, created);
        throw err;
    }
    return true;
}
/** One model's part of the report. */
function modelReport(o) {
    const passed = outcomePassed(o);
    if (o.kind === 'target-unreachable') {
        return {
            id: o.model.id,
            path: o.model.file,
            sha256: null,
            architecture: null,
            num_layers: null,
            passed,
            gates: o.gates,
            size: null,
            quality: null,
            detection: null,
            plan_changes: null,
            golden: 'no baseline',
            layers: [],
            error: o.error.message,
        };
    }
    const { plan } = o;
    return {
        id: o.model.id,
        path: o.model.file,
        sha256: o.sha256,
        architecture: o.architecture,
        num_layers: o.numLayers,
        passed,
        gates: o.gates,
        size: {
            bytes_before: plan.totals.bytes_before,
            bytes_after: plan.totals.bytes_after,
            target_bytes: plan.policy.target_bytes,
            bits_per_weight: plan.totals.bits_per_weight,
        },
        quality: o.quality,
        detection: o.detection,
        plan_changes: o.planChanges,
        golden: o.golden,
        baseline: o.baseline,
        layers: plan.layers.map((l) => ({
            name: l.name,
            module: l.module,
            category: l.category,
            layer: l.layer,
            // The width as stored: a weight the model already holds quantized (planned 32, "kept") is drawn at its own.
            bits: l.quantized?.bits ?? l.bits,
            bytes: l.bytes,
            ...(l.stack !== undefined ? { stack: l.stack } : {}),
        })),
    };
}
async function runCheck(options) {
    const { config } = options;
    const models = options.models ?? (await discoverModels(config.models, config.only));
    if (models.length === 0)
        throw new errors/* BadInputError */.Ys(noModelFound(config));
    const outcomes = [];
    for (const m of models) {
        if (!options.quiet)
            options.io.stderr(`quantgate: checking ${m.file} (${m.id})\n`);
        outcomes.push(await checkModel(m, options));
    }
    return {
        schema: REPORT_SCHEMA,
        passed: outcomes.every(outcomePassed),
        key: options.key,
        models: outcomes.map(modelReport),
        updated_golden: outcomes.flatMap((o) => (o.kind === 'checked' ? o.goldenWritten : [])),
        blocking_gates: check_config/* GATES */.JH.filter((g) => config.gates[g] === 'fail'),
        ...(options.run ? { run: options.run } : {}),
        accept: acceptInfo(config),
    };
}
/** Why no model was found, naming where the globs came from: --models, the config file, or the default. */
function noModelFound(config) {
    const quoted = (patterns) => patterns.map((p) => `'${p.replace(/[\r\n]+/g, ' ')}'`).join(', ');
    if (config.only !== undefined)
        return `no model matches ${quoted([config.only])}`;
    const byDefault = config.models.length === 1 && config.models[0].pattern === check_config/* DEFAULT_MODELS */.$b;
    if (!byDefault)
        return `${config.file ?? config_config/* DEFAULT_CONFIG_FILE */.Cu}: models: no model matches ${quoted(config.models.map((e) => e.pattern))}`;
    const none = 'no .onnx file under the working folder (node_modules left out)';
    return config.file === null
        ? `no model to check: ${none}, and no ${config_config/* DEFAULT_CONFIG_FILE */.Cu} names one`
        : `${config.file} names no models, and ${none}`;
}
/** The command that accepts this check's plans, as a user would type it in the repository. */
function acceptInfo(config) {
    const quote = (s) => (/^[\w./@%+,:=-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
    const args = ['quantgate', 'check'];
    if (config.file !== null && external_node_path_.normalize(config.file) !== config_config/* DEFAULT_CONFIG_FILE */.Cu)
        args.push('--config', quote(config.file));
    args.push('--update-golden');
    return { command: args.join(' '), golden_dir: config.goldenDir };
}

// EXTERNAL MODULE: ./src/report/plan-table.ts
var plan_table = __webpack_require__(4046);
;// CONCATENATED MODULE: ./src/report/comment.ts


/** GitHub refuses comments longer than this. */
const GITHUB_COMMENT_LIMIT = 65_536;
/** Headroom kept below the limit. */
const BUDGET = GITHUB_COMMENT_LIMIT - 1_536;
/** The hidden first line that finds the comment again. The key (workflow name, config path) cannot close it early. */
function commentMarker(key) {
    return `<!-- quantgate:${key.replace(/--+/g, '-').replace(/[<>\r\n]/g, ' ')} -->`;
}
const HTML_ENTITIES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
/** Text from a model rendered as literal text: HTML entities for <, >, &, and backslash-escaped markdown punctuation. */
function escapeMarkdown(text) {
    return (text
        .replace(/[\\`*_{}[\]()#+\-.!|~^$=:]/g, '\\$&')
        .replace(/[&<>"]/g, (c) => HTML_ENTITIES[c] ?? c)
        // GitHub turns @name into a mention (and a notification) even inside tables: a zero-width space stops it.
        .replace(/@/g, '@\u200b')
        .replace(/[\r\n]+/g, ' '));
}
const ICON = { pass: '✅', fail: '❌', warn: '⚠️', skip: '➖' };
/** Longest model id shown in the top table (the section heading has it whole). */
const TOP_ID_CHARS = 24;
function shortId(id) {
    return id.length > TOP_ID_CHARS ? `${id.slice(0, TOP_ID_CHARS - 1)}…` : id;
}
/** The top table's verdict: the gates that failed (or warn), by name. */
function verdictCell(m) {
    const failed = m.gates.filter((g) => g.status === 'fail').map((g) => g.gate);
    if (failed.length > 0)
        return `❌ ${failed.join(', ')}`;
    const warned = m.gates.filter((g) => g.status === 'warn').map((g) => g.gate);
    return warned.length > 0 ? `⚠️ ${warned.join(', ')}` : '✅ pass';
}
const comment_pctIncrease = (q) => q.ppl_ref !== undefined && q.ppl_q !== undefined ? (q.ppl_q - q.ppl_ref) / q.ppl_ref : undefined;
function qualityCell(m) {
    const q = m.quality;
    if (!q)
        return '—';
    const inc = comment_pctIncrease(q);
    if (inc !== undefined)
        return `ppl ${inc >= 0 ? '+' : '−'}${Math.abs(100 * inc).toFixed(2)}%`;
    return `cos ${q.cosine.toFixed(4)}`;
}
/** A delta in its unit, signed: bytes as a size and a percentage, perplexity in percentage points. */
function deltaText(d) {
    switch (d.metric) {
        case 'bytes': {
            const pct = d.before > 0 ? ` (${signed((100 * d.change) / d.before, 2)}%)` : '';
            return `${d.change < 0 ? '−' : d.change > 0 ? '+' : '±'}${(0,plan_table/* formatSize */.Xq)(Math.abs(d.change))}${pct}`;
        }
        case 'bits_per_weight':
            return signed(d.change, 2);
        case 'ppl_increase':
            return `${signed(100 * d.change, 2)} pp`;
        case 'kl':
            return d.before > 0 ? `${signed((100 * d.change) / d.before, 1)}%` : d.change.toExponential(2);
        case 'cosine':
            return signed(d.change, 5);
    }
}
/** The top table's "vs golden": what moved, most telling first. */
function goldenCell(m) {
    const b = m.baseline;
    if (!b)
        return m.golden === 'no baseline' ? 'no baseline' : m.golden === 'created' ? 'accepted' : '—';
    const moved = b.deltas.filter((d) => d.change !== 0 && d.metric !== 'bits_per_weight');
    const short = { bytes: 'size', bits_per_weight: 'bits', ppl_increase: 'ppl', kl: 'KL', cosine: 'cos' };
    const order = ['ppl_increase', 'kl', 'cosine', 'bytes'];
    const shown = order
        .map((metric) => moved.find((d) => d.metric === metric))
        .filter((d) => d !== undefined)
        .slice(0, 2)
        .map((d) => `${short[d.metric]} ${d.metric === 'bytes' ? signed((100 * d.change) / (d.before || 1), 1) + '%' : deltaText(d)}${d.fails ? ' ❌' : ''}`);
    const notes = [...(b.model_changed ? ['model changed'] : []), ...(b.comparable ? [] : ['not comparable'])];
    const parts = [...notes, ...shown];
    return parts.length > 0 ? parts.join(' · ') : 'no change';
}
/**
 * What the tables call each layer: its module path; where layers share one (a weight and its bias,
 * `transformer.h.0.ln_1`), those whose initializer name extends the path by it (`transformer.h.0.ln_1.bias`),
 * one other by the path alone (`up_blocks.0…attn1.to_out.0` and `….to_out.0.bias`), more others by path and
 * name (`encoder.layer.0.intermediate.dense [val_108]`), as the plan table does.
 */
function layerLabels(layers) {
    const namesOf = new Map();
    for (const l of layers)
        namesOf.set(l.module ?? l.name, (namesOf.get(l.module ?? l.name) ?? new Set()).add(l.name));
    const extends_ = (name, module) => name === module || name.startsWith(`${module}.`);
    return ({ name, module }) => {
        const shared = namesOf.get(module ?? name);
        if (module === null || shared.size === 1)
            return module ?? name;
        if (extends_(name, module))
            return name;
        const opaque = [...shared].filter((n) => !extends_(n, module));
        return opaque.length === 1 && !shared.has(module) ? module : `${module} [${name}]`;
    };
}
function bitsText(bits) {
    return bits === null ? '—' : (0,plan_table/* bitsLabel */.PF)(bits);
}
/** The bits column of a change: widths golden → now (a change of storage alone says so in its reason). */
function bitsChangeText(c) {
    return `${bitsText(c.old_bits)} → ${bitsText(c.new_bits)}`;
}
/** One cell per width: the bar's height grows with the bits. */
const GLYPH = { 2: '▁', 3: '▂', 4: '▄', 8: '▆', 16: '▇', 32: '█' };
const HEATMAP_LEGEND = '▁ INT2  ▂ INT3  ▄ INT4  ▆ INT8  ▇ FP16  █ FP32  · none  ^ changed';
/**
 * Row labels (a layer's role in its block, from the model: restricted to safe characters) are padded to
 * ROLE_CHARS, or to the longest label up to MAX_ROLE_CHARS (T5's `decoder.EncDecAttention.q`), and cut there.
 */
const ROLE_CHARS = 18;
const MAX_ROLE_CHARS = 28;
/** More distinct roles than this and rows are categories instead. */
const MAX_ROLES = 12;
/** A layer's role in its block: the last part of its module path (q_proj), else its category. */
function roleOf(l) {
    const leaf = l.module?.split(/[./]/).filter(Boolean).pop();
    return leaf ?? l.category;
}
/** Characters that cannot end a code fence or mean anything in it; cut to the label width. */
function codeSafe(text, width) {
    const safe = text.replace(/[^\w.\-/]/g, '?');
    return safe.length > width ? `${safe.slice(0, width - 1)}…` : safe;
}
/**
 * The widths per block as a heatmap in a `text` code block: a row per role (q_proj, up_proj, …), one cell
 * per block; where a role's widths changed against the golden plan, its golden row, this plan's under it,
 * and `^` under the blocks that changed.
 * A cell holding several layers shows the narrowest. Embeddings, norms and heads (outside the picture's
 * point) are left out. 80 blocks × 7 roles is about 2 KB.
 */
function bitsHeatmap(now, golden) {
    const inBlocks = (ls) => ls.filter((l) => l.layer !== null && l.category !== 'norm' && l.category !== 'embedding' && l.category !== 'head');
    const a = inBlocks(now);
    const b = golden ? inBlocks(golden) : null;
    const all = [...a, ...(b ?? [])];
    if (all.length === 0)
        return '';
    // A leaf that two categories share (GPT-2's attn.c_proj and mlp.c_proj), or two layers of one block (T5's
    // SelfAttention.q and EncDecAttention.q), is named with its parent: one row would show only the narrower.
    const categories = new Map();
    const layersOfLeaf = new Map();
    for (const l of all) {
        categories.set(roleOf(l), (categories.get(roleOf(l)) ?? new Set()).add(l.category));
        const inBlock = `${l.stack ?? ''}/${l.layer}/${roleOf(l)}`;
        layersOfLeaf.set(inBlock, (layersOfLeaf.get(inBlock) ?? new Set()).add(l.name));
    }
    const sharedLeaves = new Set([...layersOfLeaf].filter(([, names]) => names.size > 1).map(([key]) => key.split('/').pop()));
    const named = (l) => (categories.get(roleOf(l)).size > 1 || sharedLeaves.has(roleOf(l))) && l.module
        ? l.module.split(/[./]/).filter(Boolean).slice(-2).join('.')
        : roleOf(l);
    const roles = [...new Set(all.map(named))];
    const role = roles.length > MAX_ROLES ? (l) => l.category : named;
    // Two stacks number their blocks from 0 each: a row per stack and role (encoder.q, decoder.q).
    const key = (l) => (l.stack ? `${l.stack}.${role(l)}` : role(l));
    const rows = [...new Set(all.map(key))];
    const blocks = Math.max(...all.map((l) => l.layer)) + 1;
    const grid = (ls) => {
        const cells = new Map(rows.map((r) => [r, new Array(blocks).fill(null)]));
        for (const l of ls) {
            const row = cells.get(key(l));
            const at = row[l.layer];
            row[l.layer] = at === null || at === undefined ? l.bits : Math.min(at, l.bits);
        }
        return cells;
    };
    const line = (cells) => cells.map((bits) => (bits === null ? '·' : (GLYPH[bits] ?? '?'))).join('');
    const nowGrid = grid(a);
    const goldenGrid = b ? grid(b) : null;
    const width = Math.min(MAX_ROLE_CHARS, Math.max(ROLE_CHARS, ...rows.map((r) => r.length)));
    const label = (role, tag = '') => `${role.padEnd(width)} ${tag.padEnd(6)} `;
    let ruler = '';
    for (let i = 0; i < blocks; i += 10)
        ruler += String(i).padEnd(Math.min(10, blocks - i));
    const lines = [HEATMAP_LEGEND, '', (label('block') + ruler).trimEnd()];
    for (const r of rows) {
        const n = nowGrid.get(r);
        const g = goldenGrid?.get(r);
        const changed = g ? n.map((bits, i) => (bits === g[i] ? ' ' : '^')).join('') : '';
        if (!g || !changed.trim()) {
            // Unchanged (or nothing to compare with): one row.
            lines.push(label(codeSafe(r, width)) + line(n));
            continue;
        }
        lines.push(label(codeSafe(r, width), 'golden') + line(g));
        lines.push(label('', 'now') + line(n));
        lines.push(label('') + changed.trimEnd());
    }
    return ['```text', ...lines, '```'].join('\n');
}
/** The golden plan's layers, as far as the report knows them: this plan's, with the changes undone. */
function goldenLayers(m) {
    if (!m.plan_changes || m.plan_changes.length === 0)
        return null;
    const changed = new Map(m.plan_changes.map((c) => [c.name, c]));
    const layers = [];
    for (const l of m.layers) {
        const c = changed.get(l.name);
        if (!c)
            layers.push(l);
        else if (c.old_bits !== null)
            layers.push({ ...l, bits: c.old_bits });
    }
    for (const c of m.plan_changes)
        if (c.new_bits === null && c.old_bits !== null)
            layers.push({ name: c.name, module: c.module, category: c.category, layer: c.layer, bits: c.old_bits, stack: c.stack });
    return layers;
}
/**
 * Widest rendered row (cells joined by " | ") of every table of layers: the changed layers, with or without
 * measured errors, and the unchanged ones.
 */
const CHANGED_ROW_CHARS = 100;
/** The reason keeps at least this many characters, whatever the layer name's length... */
const MIN_REASON_CHARS = 16;
/** ...except in a row whose name needs more to differ from another row's: then this many, or only `…`. */
const REASON_KEPT_CHARS = 8;
const errorText = (x) => (x === null ? '—' : x.toExponential(1));
/** `+24,576`, `−24,576`, `±0`: what the layer's change costs or saves. */
function bytesChange(c) {
    const change = (c.new_bytes ?? 0) - (c.old_bytes ?? 0);
    return `${change < 0 ? '−' : change > 0 ? '+' : '±'}${Math.abs(change).toLocaleString('en-US')}`;
}
/** Text cut short ends at a word when one ends in its second half ("per byte" → "per", not "per by"). */
function cutAtWord(text) {
    const space = text.lastIndexOf(' ');
    return (space >= text.length / 2 ? text.slice(0, space) : text).trimEnd();
}
/** A layer name keeps at least this many characters, however wide the other cells. */
const MIN_NAME_CHARS = 20;
function segmentsOf(name) {
    const lead = /^[./]*/.exec(name)[0];
    const parts = name.slice(lead.length).split(/([./])/);
    return { lead, segments: parts.filter((_, i) => i % 2 === 0), separators: parts.filter((_, i) => i % 2 === 1) };
}
/** The name with only the kept segments, each run of the others shown as `…`. */
function renderKept({ lead, segments, separators }, kept) {
    let out = lead;
    let previous = -1;
    kept.forEach((keep, i) => {
        if (!keep)
            return;
        out += previous < 0 ? (i > 0 ? '…' : '') : previous === i - 1 ? separators[previous] : '…';
        out += segments[i];
        previous = i;
    });
    return previous < segments.length - 1 ? `${out}…` : out;
}
/**
 * The order segments leave a long name in (see `elideName`), never one of `required` (the segments that tell
 * a layer from another that would read alike): plain segments, then the words before numbers and the numbers
 * that are not required, then the words before required numbers (`layers` of a required `17`), then the first
 * segment. With nothing required it is elideName's order.
 */
function dropOrder(segments, required) {
    const isNumber = (i) => /^\d+$/.test(segments[i] ?? '');
    const last = segments.length - 2;
    const middle = segments.map((_, i) => i).filter((i) => i > 0 && i < last && !required.has(i));
    const byLength = (a, b) => segments[b].length - segments[a].length || a - b;
    const labelsRequired = (i) => !isNumber(i) && isNumber(i + 1) && required.has(i + 1);
    return [
        ...middle.filter((i) => !isNumber(i) && !isNumber(i + 1)).sort(byLength),
        ...middle.filter((i) => !isNumber(i) && isNumber(i + 1) && !labelsRequired(i)).sort(byLength),
        ...middle.filter(isNumber).sort(byLength),
        ...middle.filter(labelsRequired).sort(byLength),
        ...(segments.length > 2 && !required.has(0) ? [0] : []),
    ];
}
/** The name, then the name after each segment `dropOrder` takes away, shortest last. */
function elisions(name, required) {
    const split = segmentsOf(name);
    const kept = split.segments.map(() => true);
    return [
        name,
        ...dropOrder(split.segments, required).map((i) => {
            kept[i] = false;
            return renderKept(split, kept);
        }),
    ];
}
const charCount = (text) => [...text].length;
/**
 * A layer name (`model.layers.17.self_attn.q_proj`) in at most `room` characters: whole segments (between
 * `.` and `/`) leave from the middle, each run of them shown as `…`. The first segment and the last two
 * stay; plain segments go first, then the words before numbers (`layers` of `layers.17`), then numbers,
 * longest first (ties: leftmost), so block and expert numbers stay and rows of different blocks differ
 * (`model.vision_tower.vision_model.encoder.layers.17.self_attn.q_proj` →
 * `model…layers.17.self_attn.q_proj`). A name that still does not fit keeps its last characters.
 * Where two rows of a table would still read alike, `distinctNames` keeps what tells them apart.
 */
function elideName(name, room) {
    const chars = [...name];
    if (chars.length <= room)
        return name;
    const fits = elisions(name, new Set()).find((text) => charCount(text) <= room);
    return fits ?? `…${chars.slice(chars.length - (room - 1)).join('')}`;
}
/** The segments of `name` that differ from `other`'s: position by position, or the run between a common head and tail. */
function differingSegments(name, other) {
    const a = segmentsOf(name).segments;
    const b = segmentsOf(other).segments;
    if (a.length === b.length)
        return a.map((_, i) => i).filter((i) => a[i] !== b[i]);
    let head = 0;
    while (head < Math.min(a.length, b.length) && a[head] === b[head])
        head++;
    let tail = 0;
    while (tail < Math.min(a.length, b.length) - head && a[a.length - 1 - tail] === b[b.length - 1 - tail])
        tail++;
    return a.map((_, i) => i).filter((i) => i >= head && i < a.length - tail);
}
/**
 * The last resort for names that differ where segments cannot show it (one long segment, a long common
 * tail): the characters where the group's names differ, with as much of what follows, then precedes, as
 * fits in `width`. The group cuts every name at the same offsets from its common head and tail, so the
 * texts differ exactly where the names do.
 */
function differenceWindow(name, group, width) {
    const all = group.map((g) => [...g]);
    const shortest = Math.min(...all.map((g) => g.length));
    let head = 0;
    while (head < shortest && all.every((g) => g[head] === all[0][head]))
        head++;
    let tail = 0;
    while (tail < shortest - head && all.every((g) => g[g.length - 1 - tail] === all[0][all[0].length - 1 - tail]))
        tail++;
    const widest = Math.max(...all.map((g) => g.length - head - tail));
    const budget = width - widest;
    let before = head;
    let after = tail;
    if (head + tail > budget) {
        // The common tail whole if it fits (the layer's kind) with what is left of the head; else the head whole
        // if it fits with what is left of the tail; each cut marked `…`.
        if (tail + 1 <= budget)
            before = budget - tail - 1;
        else if (head + 1 <= budget)
            after = budget - head - 1;
        else
            [before, after] = [0, Math.max(0, budget - 2)];
    }
    const chars = [...name];
    return `${before < head ? '…' : ''}${chars.slice(head - before, chars.length - tail + after).join('')}${after < tail ? '…' : ''}`;
}
/**
 * A name that keeps the segments telling it from `rivals` (the rows that read alike): the first fit in
 * `room` that still has the first segment, else the shortest with the first segment in `wideRoom` (the
 * reason gives room: `model…17.self_attn.q_proj` rather than `…17.self_attn.q_proj`, `up_blocks.3…2…attn1.to_q`
 * rather than `…3…2…attn1.to_q`), else the shortest in `widestRoom`, else the characters that differ.
 */
function distinguishingName(slot, rivals) {
    const required = new Set(rivals.flatMap((r) => differingSegments(slot.full, r)));
    const steps = elisions(slot.full, required);
    const headless = segmentsOf(slot.full).segments.length > 2 && !required.has(0);
    const withHead = headless ? steps.slice(0, -1) : steps;
    const fits = withHead.find((text) => charCount(text) <= slot.room);
    if (fits !== undefined)
        return fits;
    const shortestWithHead = withHead[withHead.length - 1];
    if (charCount(shortestWithHead) <= slot.wideRoom)
        return shortestWithHead;
    const shortest = steps[steps.length - 1];
    if (charCount(shortest) <= slot.widestRoom)
        return shortest;
    return differenceWindow(slot.full, [slot.full, ...rivals], slot.widestRoom);
}
/**
 * The names of one table's rows, each `elideName`d to its room, except that rows of different layers never
 * read alike: rows that would are named again keeping the segments where their names differ (block and
 * expert numbers, `attn1`/`attn2`), taking room from the reason when they must. A renamed row that then
 * reads like another is named again against both; a row still alike after that shows the characters
 * where the names differ.
 */
function distinctNames(slots) {
    const names = slots.map((s) => elideName(s.full, s.room));
    const rivals = slots.map(() => new Set());
    const stuck = slots.map(() => false);
    for (let round = 0; round <= slots.length; round++) {
        const byText = new Map();
        names.forEach((name, i) => {
            const rows = byText.get(name);
            if (rows)
                rows.push(i);
            else
                byText.set(name, [i]);
        });
        let changed = false;
        for (const rows of byText.values()) {
            const fulls = new Set(rows.map((i) => slots[i].full));
            if (fulls.size < 2)
                continue;
            for (const i of rows) {
                const before = rivals[i].size;
                for (const full of fulls)
                    if (full !== slots[i].full)
                        rivals[i].add(full);
                // Alike again with no new rival: the segments cannot tell them apart.
                if (rivals[i].size === before)
                    stuck[i] = true;
                const slot = slots[i];
                const name = stuck[i]
                    ? differenceWindow(slot.full, [slot.full, ...rivals[i]], slot.widestRoom)
                    : distinguishingName(slot, [...rivals[i]]);
                changed ||= name !== names[i];
                names[i] = name;
            }
        }
        if (!changed)
            break;
    }
    return names;
}
/**
 * A table's layer rows, `| name | ...middle | reason |`, each within CHANGED_ROW_CHARS: the middle cells
 * are whole, the reason is cut at a word to what is left, and a name too long to leave the reason
 * MIN_REASON_CHARS loses its middle (`elideName`), never so that two rows read alike (`distinctNames`: a
 * row that needs more room for that takes it from its reason). Both are whole in `report.json`. Name and
 * reason are escaped here.
 */
function fittedLayerRows(rows) {
    const fitted = rows.map((r) => {
        const reason = r.reason === null ? null : [...r.reason];
        // The middle cells, the name and the reason, with a " | " between each two.
        const others = r.middle.reduce((n, cell) => n + charCount(cell), 3 * (r.middle.length + (reason ? 1 : 0)));
        const left = CHANGED_ROW_CHARS - others;
        const slot = {
            full: r.name,
            room: Math.max(MIN_NAME_CHARS, left - Math.min(reason?.length ?? 0, MIN_REASON_CHARS)),
            wideRoom: left - Math.min(reason?.length ?? 0, REASON_KEPT_CHARS),
            widestRoom: left - Math.min(reason?.length ?? 0, 1),
        };
        return { reason, slot, left };
    });
    const names = distinctNames(fitted.map((f) => f.slot));
    return fitted.map(({ reason, slot, left }, i) => {
        const name = names[i];
        const cells = [escapeMarkdown(name), ...rows[i].middle];
        if (reason) {
            const room = Math.max(charCount(name) > slot.room ? 1 : MIN_REASON_CHARS, left - charCount(name));
            cells.push(escapeMarkdown(reason.length > room ? `${cutAtWord(reason.slice(0, room - 1).join(''))}…` : reason.join('')));
        }
        return `| ${cells.join(' | ')} |`;
    });
}
/** A row of the changed-layers table without measured errors: category, bits and bytes golden → now whole. */
function changeRow(c, name) {
    const bytes = `${c.old_bytes === null ? '—' : c.old_bytes.toLocaleString('en-US')} → ${c.new_bytes === null ? '—' : c.new_bytes.toLocaleString('en-US')}`;
    return { name, middle: [escapeMarkdown(c.category), bitsChangeText(c), bytes], reason: c.reason };
}
/**
 * A row of the changed-layers table with measured errors (golden → now): the category is left to the
 * layer's path, bytes are the change, the reason loses its `→ WIDTH` (the bits column says it).
 */
function measuredChangeRow(c, name) {
    const bits = bitsChangeText(c);
    const error = c.measured_error ? `${errorText(c.measured_error.golden)} → ${errorText(c.measured_error.now)}` : '—';
    const tail = ` → ${bitsText(c.new_bits)}`;
    const reason = c.reason.endsWith(tail) ? c.reason.slice(0, -tail.length) : c.reason;
    return { name, middle: [bits, bytesChange(c), error], reason };
}
/** What the measured error column holds, in a line under the table. */
function measuredNote(changes) {
    const metric = changes.find((c) => c.measured_error)?.measured_error?.metric;
    const what = metric === 'kl' ? 'mean KL of the next-token distribution' : 'squared relative L2 of the output';
    return `<sub>Measured error: the model's ${what} with only that layer quantized to that width (this run's sensitivity measurement); — not measured.</sub>`;
}
const METRIC_NAME = {
    bytes: 'weights',
    bits_per_weight: 'bits per weight',
    ppl_increase: 'perplexity increase',
    kl: 'KL',
    cosine: 'cosine',
};
function metricValue(metric, x) {
    switch (metric) {
        case 'bytes':
            return (0,plan_table/* formatSize */.Xq)(x);
        case 'bits_per_weight':
            return x.toFixed(2);
        case 'ppl_increase':
            return `${x < 0 ? '−' : '+'}${Math.abs(100 * x).toFixed(2)}%`;
        case 'kl':
            return x.toExponential(2);
        case 'cosine':
            return x.toFixed(5);
    }
}
const DIRECTION = { better: '▼ better', worse: '▲ worse', same: '= same' };
/** Golden → now, with deltas and their direction (for cosine, higher is better: its arrow says so). */
function baselineTable(b) {
    const out = [];
    if (b.model_changed)
        out.push('**Model weights changed since the golden plan**: the numbers below compare all the same.', '');
    out.push('| | golden | now | change |', '| --- | --- | --- | --- |');
    for (const d of b.deltas) {
        // Bits per weight has no better side (the size and quality rows say what it cost); cosine grows when better.
        const up = d.change > 0 ? '▲' : '▼';
        const arrow = d.direction === 'same'
            ? DIRECTION.same
            : d.metric === 'bits_per_weight'
                ? up
                : d.metric === 'cosine'
                    ? `${up} ${d.direction}`
                    : DIRECTION[d.direction];
        const limit = d.fails ? ` ❌ ${d.limit === null ? '' : `over ${limitText(d)}`}`.trimEnd() : '';
        out.push(`| ${METRIC_NAME[d.metric]} | ${metricValue(d.metric, d.before)} | ${metricValue(d.metric, d.after)} | ${d.change === 0 ? '' : `${deltaText(d)} `}${arrow}${limit} |`);
    }
    if (!b.comparable && b.reason)
        out.push('', `Quality not comparable with the golden record: ${escapeMarkdown(b.reason)}.`);
    const m = b.measured;
    out.push('', `<sub>Golden measured on ${escapeMarkdown(m.execution_provider)} with ${m.inputs === 'tokens' ? `${m.windows} token windows` : m.inputs === 'file' ? 'an inputs file' : 'synthesized inputs'}, onnxruntime ${escapeMarkdown(m.onnxruntime)}, quantgate ${escapeMarkdown(m.quantgate)}.</sub>`);
    return out;
}
function limitText(d) {
    if (d.limit === null)
        return '';
    switch (d.metric) {
        case 'bytes':
            return `+${(100 * d.limit).toFixed(2)}%`;
        case 'ppl_increase':
            return `+${(100 * d.limit).toFixed(2)} pp`;
        case 'kl':
            return `+${(100 * d.limit).toFixed(0)}%`;
        default:
            return `${d.limit}`;
    }
}
function modelSection(m, detail) {
    const out = [];
    out.push(`### ${escapeMarkdown(m.id)} ${m.passed ? '✅' : '❌'}`);
    out.push('');
    out.push(`${escapeMarkdown(m.path)}${m.architecture ? ` · ${escapeMarkdown(m.architecture)}, ${m.num_layers} blocks` : ''}`);
    out.push('');
    for (const g of m.gates)
        out.push(`- ${ICON[g.status]} **${g.gate}**: ${escapeMarkdown(g.summary)}`);
    out.push('');
    if (m.size) {
        const pct = m.size.bytes_before > 0 ? ((100 * m.size.bytes_after) / m.size.bytes_before).toFixed(1) : '0';
        out.push(`Weights ${(0,plan_table/* formatSize */.Xq)(m.size.bytes_before)} → **${(0,plan_table/* formatSize */.Xq)(m.size.bytes_after)}** (${pct}%), 32 → ${m.size.bits_per_weight.toFixed(2)} bits per weight${m.size.target_bytes !== null ? `, target ${(0,plan_table/* formatSize */.Xq)(m.size.target_bytes)}` : ''}.`);
    }
    const q = m.quality;
    if (q) {
        const parts = [`cosine ${q.cosine.toFixed(5)}`, `relative L2 ${q.rel_l2.toExponential(2)}`, `max |Δ| ${q.max_abs.toExponential(2)}`];
        if (q.top1_agree !== undefined)
            parts.push(`top-1 ${(100 * q.top1_agree).toFixed(1)}%`);
        if (q.kl !== undefined)
            parts.push(`KL ${q.kl.toExponential(2)}`);
        if (q.ppl_ref !== undefined && q.ppl_q !== undefined)
            parts.push(`perplexity ${q.ppl_ref.toFixed(3)} → ${q.ppl_q.toFixed(3)}`);
        out.push(`Quality (${escapeMarkdown(q.ep)}${q.windows ? `, ${q.windows} token windows` : ''}): ${parts.join(', ')}.`);
    }
    if (m.baseline) {
        out.push('');
        out.push(...baselineTable(m.baseline));
    }
    if (m.detection && m.detection.mismatches.length > 0) {
        out.push('');
        out.push(`Detection disagrees with the labels on: ${m.detection.mismatches
            .slice(0, 10)
            .map((x) => `${escapeMarkdown(x.name)} (${escapeMarkdown(x.detected)} vs ${escapeMarkdown(x.labelled)})`)
            .join(', ')}${m.detection.mismatches.length > 10 ? ', …' : ''}.`);
    }
    out.push('');
    const changes = m.plan_changes;
    const label = layerLabels([...m.layers, ...(changes ?? [])]);
    const changedNames = new Set((changes ?? []).map((c) => c.name));
    if (changes === null) {
        out.push(m.golden === 'created' ? 'Golden plan created.' : 'No golden plan yet (no baseline): accept this plan to record it for review.');
    }
    else if (changes.length === 0) {
        out.push(`No layer changed against the golden plan (${m.layers.length} layers).`);
    }
    else {
        const stored = changes.filter((c) => c.old_storage !== undefined).length;
        const storageNote = stored === 0 ? '' : stored === changes.length ? ', in storage only (same bits)' : `, ${stored} in storage only (same bits)`;
        out.push(`**${changes.length} layer${changes.length > 1 ? 's' : ''} changed** against the golden plan${storageNote}${m.golden === 'updated' ? ' (golden plan updated)' : ''}:`);
        out.push('');
        const measured = changes.some((c) => c.measured_error);
        out.push(measured ? '| layer | bits | Δ bytes | measured error | reason |' : '| layer | category | bits | bytes | reason |');
        out.push('| --- | --- | --- | --- | --- |');
        const shown = changes.slice(0, detail.changedRows);
        out.push(...fittedLayerRows(shown.map((c) => (measured ? measuredChangeRow : changeRow)(c, label(c)))));
        if (measured && shown.length > 0)
            out.push('', measuredNote(changes));
        if (shown.length < changes.length) {
            out.push('');
            out.push(`…and ${changes.length - shown.length} more changed layers: the full list is in \`report.json\` (the \`report-path\` output).`);
        }
    }
    if (detail.picture && m.layers.length > 0) {
        const picture = bitsHeatmap(m.layers, goldenLayers(m));
        if (picture) {
            out.push('');
            out.push(`<details${changes && changes.length > 0 ? ' open' : ''}><summary>Bits per block</summary>`);
            out.push('');
            out.push(picture);
            out.push('');
            out.push('</details>');
        }
    }
    const unchanged = m.layers.filter((l) => !changedNames.has(l.name));
    if (unchanged.length > 0 && changes !== null) {
        out.push('');
        out.push(`<details><summary>${unchanged.length} unchanged layers</summary>`);
        out.push('');
        if (detail.unchangedTable) {
            out.push('| layer | category | block | bits | bytes |');
            out.push('| --- | --- | --- | --- | --- |');
            out.push(...fittedLayerRows(unchanged.map((l) => ({
                name: label(l),
                middle: [
                    escapeMarkdown(l.category),
                    l.layer === null ? '—' : `${l.stack ? `${escapeMarkdown(l.stack)} ` : ''}${l.layer}`,
                    (0,plan_table/* bitsLabel */.PF)(l.bits),
                    l.bytes.toLocaleString('en-US'),
                ],
                reason: null,
            }))));
        }
        else {
            const counts = new Map();
            for (const l of unchanged) {
                const k = `${l.category}|${(0,plan_table/* bitsLabel */.PF)(l.bits)}`;
                const c = counts.get(k) ?? { n: 0, bytes: 0 };
                c.n++;
                c.bytes += l.bytes;
                counts.set(k, c);
            }
            out.push('| category | bits | layers | bytes |');
            out.push('| --- | --- | --- | --- |');
            for (const [k, c] of [...counts].sort()) {
                const [cat, bits] = k.split('|');
                out.push(`| ${escapeMarkdown(cat)} | ${bits} | ${c.n} | ${c.bytes.toLocaleString('en-US')} |`);
            }
            out.push('');
            out.push('Layer by layer: `report.json`.');
        }
        out.push('');
        out.push('</details>');
    }
    out.push('');
    return out.join('\n');
}
/** Whether a reviewer has something to accept: a changed or new plan, or a gate failed against the golden files. */
function needsAccepting(report) {
    return report.models.some((m) => m.golden === 'changed' || m.golden === 'no baseline' || (m.baseline?.deltas.some((d) => d.fails) ?? false));
}
/** The exact command, then commit the golden folder; or the workflow's `update-golden` input. */
function acceptBlock(report) {
    const accept = report.accept ?? { command: 'quantgate check --update-golden', golden_dir: 'golden' };
    const dir = accept.golden_dir.replace(/[\r\n]+/g, ' ');
    return [
        '**To accept this plan** (after review), run in the repository and commit the golden files:',
        '',
        '```sh',
        accept.command.replace(/[\r\n`]+/g, ' '),
        `git add ${/^[\w./-]+$/.test(dir) ? dir : `'${dir.replace(/'/g, `'\\''`)}'`} && git commit -m "Accept the quantgate plan"`,
        '```',
        '',
        'or run this workflow with the `update-golden: true` input and commit the golden files it writes.',
        '',
    ];
}
/** `Run #123 · commit abc1234`: only a URL and a SHA of the expected shapes become a link or code. */
function runLine(run) {
    if (!run)
        return '';
    const parts = [];
    if (run.url && /^https?:\/\/[^\s()<>[\]`]+$/.test(run.url))
        parts.push(`[workflow run](${run.url})`);
    if (run.sha && /^[0-9a-f]{7,64}$/.test(run.sha))
        parts.push(`commit \`${run.sha.slice(0, 12)}\``);
    return parts.length > 0 ? `${parts.join(' · ')} · ` : '';
}
function render(report, detail) {
    const failed = report.models.filter((m) => !m.passed).length;
    const out = [commentMarker(report.key)];
    out.push(`## quantgate ${report.passed ? '✅ all gates passed' : `❌ ${failed} of ${report.models.length} model${report.models.length > 1 ? 's' : ''} failed a blocking gate`}`);
    out.push('');
    out.push('| model | result | weights | bits/w | quality | vs golden |');
    out.push('| --- | --- | --- | --- | --- | --- |');
    for (const m of report.models) {
        out.push(`| ${escapeMarkdown(shortId(m.id))} | ${verdictCell(m)} | ${m.size ? (0,plan_table/* formatSize */.Xq)(m.size.bytes_after) : '—'} | ${m.size ? m.size.bits_per_weight.toFixed(2) : '—'} | ${qualityCell(m)} | ${goldenCell(m)} |`);
    }
    out.push('');
    if (report.updated_golden.length > 0) {
        out.push(`Golden files written (commit them): ${report.updated_golden.map(escapeMarkdown).join(', ')}.`);
        out.push('');
    }
    else if (needsAccepting(report)) {
        out.push(...acceptBlock(report));
    }
    for (const m of report.models)
        out.push(modelSection(m, detail));
    out.push(`<sub>${runLine(report.run)}Blocking gates: ${report.blocking_gates.join(', ') || 'none'}. ✅ pass · ❌ fail · ⚠️ warning · ➖ not run</sub>`);
    return `${out.join('\n')}\n`;
}
/** The comment, as detailed as fits under GitHub's limit. */
function renderComment(report) {
    const steps = [
        { changedRows: Infinity, unchangedTable: true, picture: true },
        { changedRows: Infinity, unchangedTable: false, picture: true },
        ...[400, 200, 100, 50, 20].map((n) => ({ changedRows: n, unchangedTable: false, picture: true })),
        { changedRows: 10, unchangedTable: false, picture: false },
        { changedRows: 0, unchangedTable: false, picture: false },
    ];
    let text = '';
    for (const detail of steps) {
        text = render(report, detail);
        if (text.length <= BUDGET)
            return text;
    }
    // Many models: keep the overview and say where the rest is.
    const head = text.slice(0, text.indexOf('\n### '));
    return `${head}\n\nThe per-model details do not fit in one comment: see the job summary and \`report.json\`.\n`;
}

;// CONCATENATED MODULE: ./src/pipeline/report-files.ts
/** The check's report on disk: report.json and comment.md written, matrix jobs' reports read and merged. */







/**
 * Writes report.json and comment.md into the report folder (`what`: the option or key that names it, for
 * messages) as one set: both under temporary names, then renamed, the report last; on an error nothing is
 * left, not even the folder if this call created it. Returns their paths and the markdown.
 */
function writeReport(report, dir, what = 'the report folder') {
    // Absolute paths for the action's outputs. (Built from the folder string, not path.resolve with a file
    // name: ncc would take that for an asset and rewrite it to the build machine's path.)
    const base = external_node_path_.isAbsolute(dir) ? dir : external_node_path_.join(process.cwd(), dir);
    const reportPath = [base, 'report.json'].join(external_node_path_.sep);
    const commentPath = [base, 'comment.md'].join(external_node_path_.sep);
    const markdown = renderComment(report);
    const outputs = new write/* OutputSet */.Yd(dir, [reportPath, commentPath], [], what);
    try {
        for (const [file, text] of [
            [commentPath, markdown],
            [reportPath, `${JSON.stringify(report, null, 2)}\n`],
        ]) {
            try {
                external_node_fs_.writeFileSync(outputs.temp(file), text, { flag: 'wx' });
            }
            catch (err) {
                throw (0,write/* writeError */.oG)(file, err);
            }
        }
        outputs.commit([commentPath, reportPath]);
    }
    catch (err) {
        outputs.discard();
        throw err;
    }
    return { reportPath, commentPath, markdown };
}
/**
 * A report.json written by a check, checked against the report schema and against itself: a gate is
 * blocking exactly when it failed, a model passed exactly when none of its gates blocks, the report passed
 * exactly when every model did. A report whose `passed` disagrees with its gates (edited, or damaged) is
 * rejected, naming the file: merging must not take its word over its gates.
 */
function readReportFile(file) {
    const report = (0,validate/* readValidated */.Ni)('report', file);
    const inconsistent = (what) => new errors/* BadInputError */.Ys(`${file}: inconsistent report: ${what}`);
    for (const m of report.models) {
        for (const g of m.gates)
            if (g.blocking !== (g.status === 'fail'))
                throw inconsistent(`model '${m.id}': the ${g.gate} gate is '${g.status}' with blocking: ${g.blocking}`);
        const blocked = m.gates.filter((g) => g.blocking).map((g) => g.gate);
        if (m.passed !== (blocked.length === 0))
            throw inconsistent(`model '${m.id}' says passed: ${m.passed}, but ${blocked.length ? `its ${blocked.join(', ')} gate failed` : 'no gate of it failed'}`);
    }
    const failed = report.models.filter((m) => !m.passed).map((m) => m.id);
    if (report.passed !== (failed.length === 0))
        throw inconsistent(`passed: ${report.passed}, but ${failed.length ? `model ${failed.join(', ')} failed` : 'every model passed'}`);
    return report;
}
/**
 * `quantgate report --merge` and the action's `merge` input: the reports of matrix jobs as one. A model
 * that two reports both hold (overlapping matrix globs) is kept once, from the first, with a warning.
 */
function mergeReportFiles(files, warn) {
    if (files.length === 0)
        throw new errors/* BadInputError */.Ys('no report to merge');
    const seen = new Map();
    const reports = files.map((file) => {
        const report = readReportFile(file);
        const models = report.models.filter((m) => {
            const first = seen.get(m.id);
            if (first === undefined) {
                seen.set(m.id, file);
                return true;
            }
            warn(`${file}: model '${m.id}' is also in ${first}; keeping the first`);
            return false;
        });
        return { ...report, models };
    });
    return mergeReports(reports);
}

;// CONCATENATED MODULE: ./src/commands/check.ts
/** `quantgate check` and `quantgate report --merge` on the command line: the action's engine, locally. */





function summaryLines(report, paths) {
    const lines = report.models.map((m) => `${m.passed ? 'ok  ' : 'FAIL'} ${m.id} (${m.path}): ${m.gates.map((g) => `${g.gate} ${g.status}`).join(', ')}`);
    for (const m of report.models)
        for (const g of m.gates.filter((x) => x.status === 'fail' || x.status === 'warn'))
            lines.push(`     ${m.id} ${g.gate}: ${g.summary}`);
    if (report.updated_golden.length > 0)
        lines.push(`golden files written: ${report.updated_golden.join(', ')}`);
    lines.push(`${report.passed ? 'passed' : 'failed'}; report ${paths.reportPath}, comment ${paths.commentPath}`);
    return `${lines.join('\n')}\n`;
}
function print(report, dir, what, json, io) {
    const paths = writeReport(report, dir, what);
    io.stdout(json ? `${JSON.stringify(report, null, 2)}\n` : summaryLines(report, paths));
    return report.passed ? 0 : 1;
}
async function runCheckCommand(c, io) {
    const config = (0,check_config/* readCheckConfig */.Td)(c.configFile, c.overrides);
    const report = await runCheck({
        config,
        updateGolden: c.updateGolden,
        cacheDir: c.cacheDir,
        key: `cli/${config.file ?? 'defaults'}`,
        io,
        quiet: c.quiet,
        run: runInfoFrom(process.env),
    });
    return print(report, config.reportDir, 'report_dir (--report-dir)', c.json, io);
}
function runMergeCommand(files, outDir, json, io) {
    return print(mergeReportFiles(files, (0,pipeline_io/* warningsTo */.n)(io)), outDir, '--out', json, io);
}


/***/ }),

/***/ 122:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  I7: () => (/* binding */ assignmentsOf),
  Gy: () => (/* binding */ checkPlan),
  nL: () => (/* binding */ commitModel),
  R8: () => (/* binding */ filesOf),
  i9: () => (/* binding */ quantizeToDir),
  Zj: () => (/* binding */ withCalibration),
  Dn: () => (/* binding */ writeQuantized)
});

// UNUSED EXPORTS: checkPlanIsFor, readPlanFile

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/config/config.ts
var config = __webpack_require__(1122);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/formats/layout.ts
var layout = __webpack_require__(5128);
// EXTERNAL MODULE: ./src/onnx/write.ts
var write = __webpack_require__(4208);
// EXTERNAL MODULE: ./src/schemas/validate.ts + 5 modules
var validate = __webpack_require__(5291);
// EXTERNAL MODULE: ./src/quant/rewrite.ts + 2 modules
var rewrite = __webpack_require__(2234);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: ./src/onnx/dtype.ts
var dtype = __webpack_require__(6327);
// EXTERNAL MODULE: ./src/onnx/float16.ts
var float16 = __webpack_require__(8914);
// EXTERNAL MODULE: ./src/onnx/schema.ts
var schema = __webpack_require__(7312);
;// CONCATENATED MODULE: ./src/quant/activations.ts
/** Sums activation rows of K channels; `result()` gives the means. */
class ActivationAccumulator {
    K;
    count = 0;
    squares;
    products;
    constructor(K, hessian) {
        this.K = K;
        this.squares = new Float64Array(K);
        this.products = hessian ? new Float64Array(K * K) : null;
    }
    /** Adds every row of a [..., K] activation tensor. */
    add(values) {
        const K = this.K;
        if (values.length % K !== 0)
            throw new Error(`activation of ${values.length} values is not rows of ${K}`);
        const H = this.products;
        for (let base = 0; base < values.length; base += K) {
            for (let i = 0; i < K; i++) {
                const a = values[base + i];
                this.squares[i] += a * a;
                if (H && a !== 0) {
                    const row = i * K;
                    // Upper triangle only; mirrored in result().
                    for (let j = i; j < K; j++)
                        H[row + j] += a * values[base + j];
                }
            }
            this.count++;
        }
    }
    result() {
        const n = Math.max(1, this.count);
        const meanSquare = this.squares.map((s) => s / n);
        let hessian = null;
        if (this.products) {
            const K = this.K;
            hessian = new Float64Array(K * K);
            for (let i = 0; i < K; i++) {
                for (let j = i; j < K; j++) {
                    const v = this.products[i * K + j] / n;
                    hessian[i * K + j] = v;
                    hessian[j * K + i] = v;
                }
            }
        }
        return { count: this.count, meanSquare, hessian };
    }
}

// EXTERNAL MODULE: ./src/eval/evaluate.ts + 1 modules
var evaluate = __webpack_require__(9583);
// EXTERNAL MODULE: ./src/eval/session.ts + 2 modules
var eval_session = __webpack_require__(3446);
;// CONCATENATED MODULE: ./src/eval/calibrate.ts
/**
 * Calibration: runs a model on calibration token windows and collects, for every requested weight read by
 * a MatMul or Gemm, statistics of the activation it multiplies (quant/activations.ts). The activations
 * are exposed as extra graph outputs of a copy of the model, written to a temporary folder with the model's
 * external data files hard-linked (or copied) beside it; the copy is removed afterwards.
 */












/** The activation (graph value name) each layer's MatMul/Gemm multiplies, and its width K. */
function activationInputs(model, inventory, layers) {
    const byName = new Map(inventory.layers.map((l) => [l.name, l]));
    const result = new Map();
    for (const name of layers) {
        const layer = byName.get(name);
        if (!layer)
            continue;
        const inputs = [];
        for (const use of layer.uses) {
            const node = model.proto.graph.node[use.nodeId];
            // MatMul(A, W) and Gemm(A, W) with A untransposed: A's rows are what W's input channels multiply.
            if (!node || use.input !== 1 || (use.role !== 'matmul' && use.role !== 'gemm'))
                continue;
            if (use.role === 'gemm' && node.attribute?.some((a) => a.name === 'transA' && Number(a.i ?? 0) !== 0))
                continue;
            const a = node.input[0];
            if (a && !inputs.includes(a))
                inputs.push(a);
        }
        if (inputs.length > 0)
            result.set(name, inputs);
    }
    return result;
}
function floatValues(data, type) {
    if (type === 'float32')
        return data;
    if (type === 'float16')
        return data instanceof Uint16Array ? (0,float16/* fromFloat16Array */.xf)(data) : Float32Array.from(data);
    throw new Error(`activation of type ${type}`);
}
/** Statistics per layer name, for the layers whose activation can be observed. */
async function collectActivations(model, inventory, layers, options) {
    const inputsOf = activationInputs(model, inventory, layers);
    const widths = new Map(inventory.layers.map((l) => [l.name, l]));
    const outputs = [...new Set([...inputsOf.values()].flat())];
    const result = new Map();
    if (outputs.length === 0)
        return result;
    const { batches } = (0,evaluate/* buildInputs */._9)(model, { tokens: options.tokens, seqLen: options.seqLen }, inventory);
    const { first, last } = options.windows ?? { first: 0, last: batches.length - 1 };
    if (first < 0 || last < first || last >= batches.length) {
        throw new errors/* BadInputError */.Ys(`${options.tokens}: calibration windows ${first}–${last} are not in the file (it has ${batches.length} windows of ${options.seqLen ?? 'the model’s'} tokens)`);
    }
    const graph = model.proto.graph;
    const graphOutputs = new Set(graph.output.map((o) => o.name));
    const floatType = model.initializers.size > 0 && [...model.initializers.values()].some((i) => i.dataType === dtype/* DataType */.pe.FLOAT16)
        ? dtype/* DataType */.pe.FLOAT16
        : dtype/* DataType */.pe.FLOAT;
    const known = new Map([...(graph.valueInfo ?? []), ...graph.input, ...graph.output].map((v) => [v.name, v]));
    const extra = outputs
        .filter((o) => !graphOutputs.has(o))
        .map((name) => ({ name, type: { tensorType: { elemType: known.get(name)?.type?.tensorType?.elemType ?? floatType } } }));
    const copy = { ...model.proto, graph: { ...graph, output: [...graph.output, ...extra] } };
    const dir = external_node_fs_.mkdtempSync(external_node_path_.join(external_node_os_.tmpdir(), 'quantgate-calibrate-'));
    try {
        const file = external_node_path_.join(dir, external_node_path_.basename(model.path));
        external_node_fs_.writeFileSync(file, (0,schema/* encodeModel */.ee)(copy));
        // External data is found next to the model file, and onnxruntime refuses links that resolve outside
        // its folder: hard-link the originals in, or copy them where that is not possible (another disk).
        for (const t of graph.initializer) {
            const location = t.externalData?.find((e) => e.key === 'location')?.value;
            if (!location)
                continue;
            const target = external_node_path_.join(dir, location);
            if (external_node_fs_.existsSync(target))
                continue;
            external_node_fs_.mkdirSync(external_node_path_.dirname(target), { recursive: true });
            const source = external_node_path_.resolve(external_node_path_.dirname(model.path), location);
            try {
                external_node_fs_.linkSync(source, target);
            }
            catch {
                external_node_fs_.copyFileSync(source, target);
            }
        }
        const { session } = await (0,eval_session/* openSession */.fA)(file, 'cpu', options.warn);
        // Layers reading the same activations (q, k and v; gate and up) share one accumulator.
        const keyOf = (acts) => acts.join('\u0000');
        const accumulators = new Map();
        try {
            for (let w = first; w <= last; w++) {
                const out = await session.run(batches[w], outputs);
                const seen = new Set();
                for (const [name, acts] of inputsOf) {
                    const key = keyOf(acts);
                    if (seen.has(key))
                        continue;
                    seen.add(key);
                    const K = (0,layout/* matmulShape */.CZ)(widths.get(name)).K;
                    for (const a of acts) {
                        const t = out[a];
                        if (t.dims[t.dims.length - 1] !== K)
                            continue; // not rows of the weight's inputs (e.g. a batched MatMul)
                        let acc = accumulators.get(key);
                        // E[a aᵀ] only where GPTQ will use it: it costs K² per token and K² floats.
                        if (!acc)
                            accumulators.set(key, (acc = new ActivationAccumulator(K, options.hessian && K <= rewrite/* GPTQ_MAX_K */.Od)));
                        acc.add(floatValues(t.data, t.type));
                    }
                }
            }
        }
        finally {
            await session.release();
        }
        const results = new Map([...accumulators].map(([key, acc]) => [key, acc.result()]));
        for (const [name, acts] of inputsOf) {
            const r = results.get(keyOf(acts));
            if (r)
                result.set(name, r);
        }
        return result;
    }
    finally {
        external_node_fs_.rmSync(dir, { recursive: true, force: true });
    }
}

// EXTERNAL MODULE: ./src/eval/samples.ts + 4 modules
var samples = __webpack_require__(1804);
// EXTERNAL MODULE: ./src/pipeline/io.ts
var pipeline_io = __webpack_require__(548);
// EXTERNAL MODULE: ./src/pipeline/model.ts
var pipeline_model = __webpack_require__(8615);
// EXTERNAL MODULE: ./src/pipeline/plan.ts + 6 modules
var pipeline_plan = __webpack_require__(7536);
// EXTERNAL MODULE: ./src/pipeline/progress.ts
var pipeline_progress = __webpack_require__(2171);
;// CONCATENATED MODULE: ./src/pipeline/quantize.ts
/**
 * The quantize stage: a plan (made here, or a reviewed plan file) → layer assignments → the rewritten
 * model, written next to its plan, never over the input.
 */















/** A plan file as written by `plan --json` or `quantize` (and perhaps edited by a reviewer), checked. */
function readPlanFile(file) {
    return checkPlan((0,validate/* readValidated */.Ni)('plan', file), file);
}
/** What the schema cannot say: widths, block layouts and the scale method are ones quantgate knows. */
function checkPlan(plan, file) {
    if (plan.policy.scale !== undefined)
        (0,config/* parseScale */.W7)(plan.policy.scale, `${file}: policy.scale`);
    checkLayout(plan.policy, `${file}: policy`, false);
    plan.layers.forEach((layer, i) => {
        const where = `${file}: layers[${i}] '${layer.name}'`;
        (0,config/* parseBits */.oj)(layer.bits, where);
        checkLayout(layer, where, true);
    });
    return plan;
}
/** block_size and symmetric: valid values, or null where `nullable` (a layer then takes the policy's). */
function checkLayout(doc, where, nullable) {
    const size = doc.block_size;
    if (!(nullable && size === null) && !(typeof size === 'number' && (0,layout/* isBlockSize */.Jf)(size))) {
        throw new errors/* BadInputError */.Ys(`${where}: block_size must be a power of two from 16 to 256 (got '${String(size)}')`);
    }
    if (!(nullable && doc.symmetric === null) && typeof doc.symmetric !== 'boolean') {
        throw new errors/* BadInputError */.Ys(`${where}: symmetric must be true or false (got '${String(doc.symmetric)}')`);
    }
}
/** A plan applies to the model it was made for, and to no other. */
function checkPlanIsFor(plan, model) {
    if (plan.model.sha256 !== model.sha256) {
        throw new errors/* BadInputError */.Ys(`${model.path}: the plan is for another model (sha256 ${plan.model.sha256.slice(0, 12)}…, this model is ${model.sha256.slice(0, 12)}…)`);
    }
}
/**
 * The plan's layers as the quantizer takes them, `scale` for every block-quantized layer. A layer without
 * its own block_size or symmetric (a reviewer raised an FP16 layer to an integer width) takes the policy's.
 * `super_blocks` goes with every layer that has it, so that quantize refuses it where a layer cannot take it.
 */
function assignmentsOf(plan, scale) {
    return new Map(plan.layers.map((l) => [
        l.name,
        (0,layout/* isIntBits */.SD)(l.bits)
            ? {
                bits: l.bits,
                blockSize: l.block_size ?? plan.policy.block_size,
                symmetric: l.symmetric ?? plan.policy.symmetric,
                ...(l.super_blocks === true ? { superBlocks: true } : {}),
                scale,
            }
            : { bits: l.bits, ...(l.super_blocks === true ? { superBlocks: true } : {}) },
    ]));
}
/**
 * The assignments with calibration statistics attached to every layer whose scale method is data-aware
 * (`imatrix`, `gptq`): one run of the model per calibration window, its MatMul inputs as extra outputs.
 */
async function withCalibration(analyzed, assignments, calibration, io) {
    const aware = [...assignments].filter(([, a]) => (0,layout/* isIntBits */.SD)(a.bits) && 'scale' in a && (0,config/* isDataAware */.vX)(a.scale));
    if (aware.length === 0)
        return assignments;
    const scale = aware[0][1].scale;
    if (!calibration) {
        throw new errors/* BadInputError */.Ys(`${analyzed.model.path}: scale '${scale}' needs calibration tokens (--calibration FILE, or 'calibration' in the config)`);
    }
    const stats = await collectActivations(analyzed.model, analyzed.inventory, aware.map(([name]) => name), {
        tokens: calibration.tokens,
        seqLen: calibration.seqLen,
        windows: calibration.windows,
        hessian: aware.some(([, a]) => 'scale' in a && a.scale === 'gptq'),
        warn: (0,pipeline_io/* warningsTo */.n)(io),
    });
    return new Map([...assignments].map(([name, a]) => {
        const s = stats.get(name);
        return [name, s && 'scale' in a ? { ...a, activations: s } : a];
    }));
}
/** The files a model is read from: the .onnx file and every external data file it names. */
function filesOf(model) {
    const files = new Set([model.path]);
    for (const info of model.initializers.values())
        if (info.storage.kind === 'external')
            files.add(info.storage.file);
    return [...files];
}
/**
 * Quantizes the model and writes it to `file` (and `file.data` when the input had external data or is
 * large) under `outputs`' temporary names, a layer at a time; verifies what was written. The caller commits
 * or discards `outputs`.
 */
function writeQuantized(analyzed, assignments, file, outputs, onLayer) {
    const { model, inventory } = analyzed;
    const external = (0,pipeline_model/* hasExternalData */.s)(model) || model.bytes > write/* EXTERNAL_THRESHOLD_BYTES */.ml;
    const dataFile = `${file}.data`;
    const location = external_node_path_.basename(dataFile);
    const sink = new write/* FileSink */.UP(external ? { tmp: outputs.temp(dataFile), location, final: dataFile } : null);
    try {
        const rewritten = (0,rewrite/* quantizeModel */.zu)(model, inventory, assignments, { sink, onLayer });
        sink.close();
        // Against the file as it is on disk, not as this process counted it.
        const dataBytes = external ? fileSize(outputs.temp(dataFile), dataFile) : 0;
        (0,write/* verifyWrittenModel */.S_)(file, rewritten.proto, external ? { location, bytes: dataBytes } : null);
        const bytes = (0,write/* writeModelFile */.JV)(outputs.temp(file), file, rewritten.proto);
        return {
            file,
            dataFile: external ? dataFile : null,
            sha256: (0,external_node_crypto_.createHash)('sha256').update(bytes).digest('hex'),
            bytes: bytes.byteLength + dataBytes,
            weightBytes: rewritten.weightBytes,
        };
    }
    finally {
        sink.abandon();
    }
}
function fileSize(tmp, file) {
    try {
        return external_node_fs_.statSync(tmp).size;
    }
    catch (err) {
        throw (0,write/* writeError */.oG)(file, err);
    }
}
/** Commits a written model alone (no plan beside it): data first, then the model. */
function commitModel(outputs, written) {
    outputs.commit(written.dataFile ? [written.dataFile, written.file] : [written.file], written.dataFile ? [] : [`${written.file}.data`]);
}
/** The files a quantize command reads besides the model: --plan, calibration tokens, --tokens, --inputs. */
function optionFiles(options) {
    const files = [];
    if (options.planFile)
        files.push(options.planFile);
    if (options.calibration)
        files.push(options.calibration.tokens);
    if (options.measure.tokens)
        files.push(options.measure.tokens);
    if (options.measure.inputs)
        files.push(...(0,samples/* inputFilesOf */.nI)(options.measure.inputs));
    return files;
}
/**
 * `quantgate quantize`: DIR/<name>.onnx (and <name>.onnx.data) and DIR/<name>.plan.json, one set: all
 * written under temporary names, then the previous plan removed, the model renamed into place, and the
 * plan, which names the model's sha256 (`output`), renamed last. A plan beside a model is the record that
 * the set is complete; no output may be a file the command reads.
 */
async function quantizeToDir(options, io) {
    const analyzed = (0,pipeline_model/* loadModel */.c)(options.model);
    const plan = options.planFile ? readPlanFile(options.planFile) : (await (0,pipeline_plan/* planModel */.B)(analyzed, options.config, options.measure, io)).plan;
    const scale = plan.policy.scale ?? options.config.scale;
    const base = external_node_path_.basename(options.model).replace(/\.onnx$/i, '');
    const output = external_node_path_.join(options.outDir, `${base}.onnx`);
    const dataPath = `${output}.data`;
    const planPath = external_node_path_.join(options.outDir, `${base}.plan.json`);
    const replaced = external_node_fs_.existsSync(output);
    checkPlanIsFor(plan, analyzed.model);
    const assignments = await withCalibration(analyzed, assignmentsOf(plan, scale), options.calibration, io);
    const outputs = new write/* OutputSet */.Yd(options.outDir, [output, dataPath, planPath], [...filesOf(analyzed.model), ...optionFiles(options)]);
    const progress = (0,pipeline_progress/* progressTo */.b4)(io, 'quantize', options.quiet ?? false, options.progress);
    try {
        const written = writeQuantized(analyzed, assignments, output, outputs, (done, total, name, fraction) => progress.update(done, total, `layers (${name})`, fraction));
        const record = {
            ...plan,
            output: {
                file: external_node_path_.basename(output),
                sha256: written.sha256,
                data_file: written.dataFile ? external_node_path_.basename(written.dataFile) : null,
                bytes: written.bytes,
            },
        };
        try {
            external_node_fs_.writeFileSync(outputs.temp(planPath), `${JSON.stringify(record, null, 2)}\n`, { flag: 'wx' });
        }
        catch (err) {
            throw (0,write/* writeError */.oG)(planPath, err);
        }
        const order = written.dataFile ? [written.dataFile, output, planPath] : [output, planPath];
        outputs.commit(order, written.dataFile ? [planPath] : [planPath, dataPath]);
        progress.finish('wrote the model');
        return {
            model: options.model,
            output,
            plan_path: planPath,
            scale,
            bytes_before: plan.totals.bytes_before,
            bytes_planned: plan.totals.bytes_after,
            bytes_written: written.weightBytes,
            file_bytes: written.bytes,
            replaced,
            plan: record,
        };
    }
    catch (err) {
        outputs.discard();
        throw err;
    }
}


/***/ })

};
