/** `quantgate eval`: run original and quantized with onnxruntime and print how far apart they are. */
import { evaluate, type EvalOptions, type EvalResult } from '../eval/evaluate.js';
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

export async function runEval(
  reference: string,
  quantized: string,
  options: Omit<EvalOptions, 'warn' | 'progress'>,
  output: { json: boolean; quiet: boolean },
  io: Io,
): Promise<number> {
  const progress = progressTo(io, `evaluating ${quantized}`, output.quiet);
  const result = await evaluate(reference, quantized, { ...options, warn: warningsTo(io), progress });
  io.stdout(output.json ? `${JSON.stringify(result, null, 2)}\n` : formatEval(result));
  return 0;
}
