export const id = 87;
export const ids = [87];
export const modules = {

/***/ 5087:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   runQuantize: () => (/* binding */ runQuantize)
/* harmony export */ });
/* unused harmony export formatQuantize */
/* harmony import */ var _pipeline_quantize_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7211);
/* harmony import */ var _report_plan_table_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4046);


function formatQuantize(r) {
    return [
        `wrote ${r.output} (${(0,_report_plan_table_js__WEBPACK_IMPORTED_MODULE_1__/* .formatSize */ .Xq)(r.file_bytes)}) and ${r.plan_path}`,
        `weights: ${(0,_report_plan_table_js__WEBPACK_IMPORTED_MODULE_1__/* .formatSize */ .Xq)(r.bytes_before)} → ${(0,_report_plan_table_js__WEBPACK_IMPORTED_MODULE_1__/* .formatSize */ .Xq)(r.bytes_written)} written (plan: ${(0,_report_plan_table_js__WEBPACK_IMPORTED_MODULE_1__/* .formatSize */ .Xq)(r.bytes_planned)}), ${r.plan.totals.bits_per_weight.toFixed(2)} bits per weight, scales by ${r.scale === 'rtn' ? 'round-to-nearest' : 'error-minimizing search'}`,
        '',
    ].join('\n');
}
async function runQuantize(options, json, io) {
    const r = await (0,_pipeline_quantize_js__WEBPACK_IMPORTED_MODULE_0__/* .quantizeToDir */ .i9)(options, io);
    if (json) {
        const { plan, ...rest } = r;
        io.stdout(`${JSON.stringify({ ...rest, totals: plan.totals }, null, 2)}\n`);
    }
    else {
        io.stdout(formatQuantize(r));
    }
    return 0;
}


/***/ }),

/***/ 7211:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Dn: () => (/* binding */ writeQuantized),
/* harmony export */   I7: () => (/* binding */ assignmentsOf),
/* harmony export */   i9: () => (/* binding */ quantizeToDir)
/* harmony export */ });
/* unused harmony exports readPlanFile, checkPlanIsFor */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _config_config_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1122);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3916);
/* harmony import */ var _formats_layout_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(5128);
/* harmony import */ var _onnx_write_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(4208);
/* harmony import */ var _plan_plan_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(8708);
/* harmony import */ var _quant_rewrite_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(6922);
/* harmony import */ var _model_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(8615);
/* harmony import */ var _plan_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(1228);
/**
 * The quantize stage: a plan (made here, or a reviewed plan file) → layer assignments → the rewritten
 * model, written next to its plan, never over the input.
 */










const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
/** A plan file as written by `plan --json` or `quantize` (and perhaps edited by a reviewer), checked. */
function readPlanFile(file) {
    let doc;
    try {
        doc = JSON.parse(node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync(file, 'utf8'));
    }
    catch (err) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .BadInputError */ .Ys(`${file}: cannot read plan (${err.code === 'ENOENT' ? 'file not found' : (0,_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .messageOf */ .bD)(err)})`);
    }
    if (!isObject(doc) || doc.schema !== _plan_plan_js__WEBPACK_IMPORTED_MODULE_6__/* .PLAN_SCHEMA */ .G0 || !Array.isArray(doc.layers) || !isObject(doc.model) || !isObject(doc.policy)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .BadInputError */ .Ys(`${file}: not a ${_plan_plan_js__WEBPACK_IMPORTED_MODULE_6__/* .PLAN_SCHEMA */ .G0} document`);
    }
    if (typeof doc.model.sha256 !== 'string')
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .BadInputError */ .Ys(`${file}: model.sha256: expected the model's sha256`);
    if (doc.policy.scale !== undefined)
        (0,_config_config_js__WEBPACK_IMPORTED_MODULE_2__/* .parseScale */ .W7)(doc.policy.scale, `${file}: policy.scale`);
    checkLayout(doc.policy, `${file}: policy`, false);
    doc.layers.forEach((layer, i) => {
        const where = `${file}: layers[${i}]`;
        if (!isObject(layer) || typeof layer.name !== 'string')
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .BadInputError */ .Ys(`${where}: expected a layer with a name`);
        (0,_config_config_js__WEBPACK_IMPORTED_MODULE_2__/* .parseBits */ .oj)(layer.bits, `${where} '${layer.name}'`);
        checkLayout(layer, `${where} '${layer.name}'`, true);
    });
    return doc;
}
/** block_size and symmetric: valid values, or null where `nullable` (a layer then takes the policy's). */
function checkLayout(doc, where, nullable) {
    const size = doc.block_size;
    if (!(nullable && size === null) && !(typeof size === 'number' && (0,_formats_layout_js__WEBPACK_IMPORTED_MODULE_4__/* .isBlockSize */ .Jf)(size))) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .BadInputError */ .Ys(`${where}: block_size must be a power of two from 16 to 256 (got '${String(size)}')`);
    }
    if (!(nullable && doc.symmetric === null) && typeof doc.symmetric !== 'boolean') {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .BadInputError */ .Ys(`${where}: symmetric must be true or false (got '${String(doc.symmetric)}')`);
    }
}
/** A plan applies to the model it was made for, and to no other. */
function checkPlanIsFor(plan, model) {
    if (plan.model.sha256 !== model.sha256) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .BadInputError */ .Ys(`${model.path}: the plan is for another model (sha256 ${plan.model.sha256.slice(0, 12)}…, this model is ${model.sha256.slice(0, 12)}…)`);
    }
}
/**
 * The plan's layers as the quantizer takes them, `scale` for every block-quantized layer. A layer without
 * its own block_size or symmetric (a reviewer raised an FP16 layer to an integer width) takes the policy's.
 */
function assignmentsOf(plan, scale) {
    return new Map(plan.layers.map((l) => [
        l.name,
        (0,_formats_layout_js__WEBPACK_IMPORTED_MODULE_4__/* .isIntBits */ .SD)(l.bits)
            ? { bits: l.bits, blockSize: l.block_size ?? plan.policy.block_size, symmetric: l.symmetric ?? plan.policy.symmetric, scale }
            : { bits: l.bits },
    ]));
}
/**
 * Quantizes, then writes the model (its folder created only then: bad weights leave nothing behind);
 * returns what was written and the bytes it holds for the assigned layers.
 */
function writeQuantized(analyzed, assignments, file) {
    const { model, inventory } = analyzed;
    const rewritten = (0,_quant_rewrite_js__WEBPACK_IMPORTED_MODULE_7__/* .quantizeModel */ .z)(model, inventory, assignments);
    node_fs__WEBPACK_IMPORTED_MODULE_0__.mkdirSync(node_path__WEBPACK_IMPORTED_MODULE_1__.dirname(file), { recursive: true });
    const written = (0,_onnx_write_js__WEBPACK_IMPORTED_MODULE_5__/* .writeModel */ .Bq)(rewritten.proto, file, (0,_model_js__WEBPACK_IMPORTED_MODULE_8__/* .hasExternalData */ .s)(model) ? { external: true } : {});
    return { written, weightBytes: rewritten.weightBytes };
}
/** `quantgate quantize`: DIR/<name>.onnx and DIR/<name>.plan.json. */
async function quantizeToDir(options, io) {
    const analyzed = (0,_model_js__WEBPACK_IMPORTED_MODULE_8__/* .loadModel */ .c)(options.model);
    const plan = options.planFile ? readPlanFile(options.planFile) : (await (0,_plan_js__WEBPACK_IMPORTED_MODULE_9__/* .planModel */ .B)(analyzed, options.config, options.measure, io)).plan;
    const scale = plan.policy.scale ?? options.config.scale;
    const base = node_path__WEBPACK_IMPORTED_MODULE_1__.basename(options.model).replace(/\.onnx$/i, '');
    const output = node_path__WEBPACK_IMPORTED_MODULE_1__.join(options.outDir, `${base}.onnx`);
    const planPath = node_path__WEBPACK_IMPORTED_MODULE_1__.join(options.outDir, `${base}.plan.json`);
    const resolvedInput = node_path__WEBPACK_IMPORTED_MODULE_1__.resolve(options.model);
    if ([output, `${output}.data`, planPath].some((p) => node_path__WEBPACK_IMPORTED_MODULE_1__.resolve(p) === resolvedInput)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .BadInputError */ .Ys(`${options.model}: --out ${options.outDir} would overwrite the input model`);
    }
    checkPlanIsFor(plan, analyzed.model);
    const { written, weightBytes } = writeQuantized(analyzed, assignmentsOf(plan, scale), output);
    (0,_onnx_write_js__WEBPACK_IMPORTED_MODULE_5__/* .writeFileAtomic */ .Zf)(planPath, `${JSON.stringify(plan, null, 2)}\n`);
    return {
        model: options.model,
        output,
        plan_path: planPath,
        scale,
        bytes_before: plan.totals.bytes_before,
        bytes_planned: plan.totals.bytes_after,
        bytes_written: weightBytes,
        file_bytes: written.bytes,
        plan,
    };
}


/***/ })

};
