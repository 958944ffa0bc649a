export const id = 822;
export const ids = [822];
export const modules = {

/***/ 5822:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   runEval: () => (/* binding */ runEval)
/* harmony export */ });
/* unused harmony exports formatEval, EVAL_SCHEMA, formatCoverage */
/* harmony import */ var _eval_evaluate_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9583);
/* harmony import */ var _pipeline_io_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(548);
/* harmony import */ var _pipeline_progress_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2171);
/** `quantgate eval`: run original and quantized with onnxruntime and print how far apart they are. */



function formatEval(r) {
    const how = [
        r.windows ? `${r.windows} token windows` : null,
        r.steps ? `a prompt with an empty past, then ${r.steps - 1} cached step` : null,
    ];
    const lines = [
        `output '${r.output}' on ${r.ep}${how
            .filter((h) => h)
            .map((h) => `, ${h}`)
            .join('')} (${r.seconds.toFixed(2)} s)`,
        `  cosine ${r.cosine.toFixed(6)}, relative L2 ${r.rel_l2.toExponential(3)}, max |Δ| ${r.max_abs.toExponential(3)}`,
    ];
    if (r.top1_agree !== undefined)
        lines.push(`  top-1 agreement ${(100 * r.top1_agree).toFixed(2)}%, KL ${r.kl.toExponential(3)}`);
    if (r.ppl_ref !== undefined) {
        const delta = (100 * (r.ppl_q - r.ppl_ref)) / r.ppl_ref;
        lines.push(`  perplexity ${r.ppl_ref.toFixed(4)} → ${r.ppl_q.toFixed(4)} (${delta >= 0 ? '+' : ''}${delta.toFixed(2)}%)`);
    }
    if (r.present) {
        const p = r.present;
        lines.push(`  KV cache (${p.outputs} present outputs): cosine ${p.cosine.toFixed(6)}, relative L2 ${p.rel_l2.toExponential(3)}, max |Δ| ${p.max_abs.toExponential(3)}`);
    }
    return `${lines.join('\n')}\n`;
}
/** Names the `eval --json` document's shape; members may be added, never removed or renamed. */
const EVAL_SCHEMA = 'quantgate.eval/v1';
const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;
/** The stderr lines that say what eval ran on: synthesized inputs, positions scored, why no perplexity. */
function formatCoverage(c) {
    const lines = [];
    if (c.synthesized.length > 0)
        lines.push(`synthesized input${c.synthesized.length === 1 ? '' : 's'} (deterministic, from the graph's specs): ${c.synthesized.join(', ')}`);
    const unit = c.source === 'tokens' ? 'window' : 'sample';
    const counts = [...new Set(c.positions)];
    const each = counts.length === 1 ? `${plural(counts[0], 'position')}` : `${c.positions.reduce((a, b) => a + b, 0)} positions in all`;
    lines.push(`scored ${plural(c.samples, unit)} × ${each}`);
    if (c.noPerplexity)
        lines.push(`no perplexity: ${c.noPerplexity}`);
    return lines.map((l) => `${l}\n`).join('');
}
async function runEval(reference, quantized, options, output, io) {
    const progress = (0,_pipeline_progress_js__WEBPACK_IMPORTED_MODULE_1__/* .progressTo */ .b4)(io, `evaluating ${quantized}`, output.quiet);
    const coverage = (c) => {
        if (!output.quiet)
            io.stderr(formatCoverage(c));
    };
    const result = await (0,_eval_evaluate_js__WEBPACK_IMPORTED_MODULE_0__/* .evaluate */ ._3)(reference, quantized, { ...options, warn: (0,_pipeline_io_js__WEBPACK_IMPORTED_MODULE_2__/* .warningsTo */ .n)(io), progress, coverage });
    if (output.json) {
        const inputs = options.tokens ?? options.inputs ?? 'synthesized';
        io.stdout(`${JSON.stringify({ schema: EVAL_SCHEMA, ...result, reference, quantized, inputs }, null, 2)}\n`);
    }
    else {
        io.stdout(formatEval(result));
    }
    return 0;
}


/***/ })

};
