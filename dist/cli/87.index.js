export const id = 87;
export const ids = [87];
export const modules = {

/***/ 5087:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   runQuantize: () => (/* binding */ runQuantize)
/* harmony export */ });
/* unused harmony exports formatQuantize, QUANTIZE_SCHEMA */
/* harmony import */ var _pipeline_quantize_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(122);
/* harmony import */ var _report_plan_table_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4046);


function formatQuantize(r) {
    return [
        `wrote ${r.output} (${(0,_report_plan_table_js__WEBPACK_IMPORTED_MODULE_1__/* .formatSize */ .Xq)(r.file_bytes)}) and ${r.plan_path}`,
        `weights: ${(0,_report_plan_table_js__WEBPACK_IMPORTED_MODULE_1__/* .formatSize */ .Xq)(r.bytes_before)} → ${(0,_report_plan_table_js__WEBPACK_IMPORTED_MODULE_1__/* .formatSize */ .Xq)(r.bytes_written)} written (plan: ${(0,_report_plan_table_js__WEBPACK_IMPORTED_MODULE_1__/* .formatSize */ .Xq)(r.bytes_planned)}), ${r.plan.totals.bits_per_weight.toFixed(2)} bits per weight, scales by ${SCALE_NAMES[r.scale]}`,
        '',
    ].join('\n');
}
const SCALE_NAMES = {
    rtn: 'round-to-nearest',
    search: 'error-minimizing search',
    imatrix: 'activation-weighted search (imatrix)',
    gptq: 'GPTQ error compensation',
};
/** Names the `quantize --json` document's shape; members may be added, never removed or renamed. */
const QUANTIZE_SCHEMA = 'quantgate.quantize/v1';
async function runQuantize(options, json, io) {
    const r = await (0,_pipeline_quantize_js__WEBPACK_IMPORTED_MODULE_0__/* .quantizeToDir */ .i9)(options, io);
    if (r.replaced)
        io.stderr(`quantize: replaced ${r.output}\n`);
    if (json) {
        const { plan, ...rest } = r;
        io.stdout(`${JSON.stringify({ schema: QUANTIZE_SCHEMA, ...rest, totals: plan.totals }, null, 2)}\n`);
    }
    else {
        io.stdout(formatQuantize(r));
    }
    return 0;
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
