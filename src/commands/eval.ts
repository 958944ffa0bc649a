/** `quantgate eval`: run original and quantized with onnxruntime and print how far apart they are. */
import { evaluate, type EvalCoverage, type EvalOptions, type EvalResult } from '../eval/evaluate.js';
import { warningsTo, type Io } from '../pipeline/io.js';
import { progressTo } from '../pipeline/progress.js';

export function formatEval(r: EvalResult): string {
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
  if (r.top1_agree !== undefined) lines.push(`  top-1 agreement ${(100 * r.top1_agree).toFixed(2)}%, KL ${r.kl!.toExponential(3)}`);
  if (r.ppl_ref !== undefined) {
    const delta = (100 * (r.ppl_q! - r.ppl_ref)) / r.ppl_ref;
    lines.push(`  perplexity ${r.ppl_ref.toFixed(4)} → ${r.ppl_q!.toFixed(4)} (${delta >= 0 ? '+' : ''}${delta.toFixed(2)}%)`);
  }
  if (r.present) {
    const p = r.present;
    lines.push(
      `  KV cache (${p.outputs} present outputs): cosine ${p.cosine.toFixed(6)}, relative L2 ${p.rel_l2.toExponential(3)}, max |Δ| ${p.max_abs.toExponential(3)}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** Names the `eval --json` document's shape; members may be added, never removed or renamed. */
export const EVAL_SCHEMA = 'quantgate.eval/v1';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The stderr lines that say what eval ran on: synthesized inputs, positions scored, why no perplexity. */
export function formatCoverage(c: EvalCoverage): string {
  const lines: string[] = [];
  if (c.synthesized.length > 0)
    lines.push(
      `synthesized input${c.synthesized.length === 1 ? '' : 's'} (deterministic, from the graph's specs): ${c.synthesized.join(', ')}`,
    );
  const unit = c.source === 'tokens' ? 'window' : 'sample';
  const counts = [...new Set(c.positions)];
  const each = counts.length === 1 ? `${plural(counts[0]!, 'position')}` : `${c.positions.reduce((a, b) => a + b, 0)} positions in all`;
  lines.push(`scored ${plural(c.samples, unit)} × ${each}`);
  if (c.noPerplexity) lines.push(`no perplexity: ${c.noPerplexity}`);
  return lines.map((l) => `${l}\n`).join('');
}

export async function runEval(
  reference: string,
  quantized: string,
  options: Omit<EvalOptions, 'warn' | 'progress'>,
  output: { json: boolean; quiet: boolean },
  io: Io,
): Promise<number> {
  const progress = progressTo(io, `evaluating ${quantized}`, output.quiet);
  const coverage = (c: EvalCoverage) => {
    if (!output.quiet) io.stderr(formatCoverage(c));
  };
  const result = await evaluate(reference, quantized, { ...options, warn: warningsTo(io), progress, coverage });
  if (output.json) {
    const inputs = options.tokens ?? options.inputs ?? 'synthesized';
    io.stdout(`${JSON.stringify({ schema: EVAL_SCHEMA, ...result, reference, quantized, inputs }, null, 2)}\n`);
  } else {
    io.stdout(formatEval(result));
  }
  return 0;
}
