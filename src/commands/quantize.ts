/** `quantgate quantize`: the quantized model and its plan written to a folder, and a summary of the bytes. */
import type { ScaleMethod } from '../config/config.js';
import type { Io } from '../pipeline/io.js';
import { quantizeToDir, type QuantizeOptions, type QuantizeResult } from '../pipeline/quantize.js';
import { formatSize } from '../report/plan-table.js';

export function formatQuantize(r: QuantizeResult): string {
  return [
    `wrote ${r.output} (${formatSize(r.file_bytes)}) and ${r.plan_path}`,
    `weights: ${formatSize(r.bytes_before)} → ${formatSize(r.bytes_written)} written (plan: ${formatSize(r.bytes_planned)}), ${r.plan.totals.bits_per_weight.toFixed(2)} bits per weight, scales by ${SCALE_NAMES[r.scale]}`,
    '',
  ].join('\n');
}

const SCALE_NAMES: Record<ScaleMethod, string> = {
  rtn: 'round-to-nearest',
  search: 'error-minimizing search',
  imatrix: 'activation-weighted search (imatrix)',
  gptq: 'GPTQ error compensation',
};

/** Names the `quantize --json` document's shape; members may be added, never removed or renamed. */
export const QUANTIZE_SCHEMA = 'quantgate.quantize/v1';

export async function runQuantize(options: QuantizeOptions, json: boolean, io: Io): Promise<number> {
  const r = await quantizeToDir(options, io);
  if (r.replaced) io.stderr(`quantize: replaced ${r.output}\n`);
  if (json) {
    const { plan, ...rest } = r;
    io.stdout(`${JSON.stringify({ schema: QUANTIZE_SCHEMA, ...rest, totals: plan.totals }, null, 2)}\n`);
  } else {
    io.stdout(formatQuantize(r));
  }
  return 0;
}
