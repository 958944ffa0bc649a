/**
 * The GitHub Action entry (thin). For now it plans every model the `models` input matches and writes
 * the plans to the job summary and `report-path`; quantize, evaluate, gates and the PR comment come with
 * `quantgate check` (see the README's status).
 */
import * as core from '@actions/core';
import * as glob from '@actions/glob';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { planModel, resolvePlanConfig } from './commands/plan.js';
import { parsePolicy, parseSize, type PlanConfig } from './config/config.js';
import { messageOf } from './errors.js';
import { formatPlanTable } from './report/plan-table.js';
import { ActionInput, ActionOutput } from './github/constants.js';

export async function run(): Promise<void> {
  try {
    const flags: Partial<PlanConfig> = {};
    const policy = core.getInput(ActionInput.policy);
    if (policy) flags.policy = parsePolicy(policy, `input ${ActionInput.policy}`);
    const target = core.getInput(ActionInput.targetSize);
    if (target) flags.targetSize = parseSize(target, `input ${ActionInput.targetSize}`);
    const configInput = core.getInput(ActionInput.config);
    const cfg = resolvePlanConfig({ file: configInput && configInput !== 'quantgate.yml' ? configInput : undefined }, flags);
    const pattern = core.getInput(ActionInput.models) || '**/*.onnx';
    const globber = await glob.create(pattern, { followSymbolicLinks: false });
    const files = (await globber.glob()).map((f) => path.relative(process.cwd(), f)).sort();
    if (files.length === 0) throw new Error(`no model matches '${pattern}'`);
    let before = 0;
    let after = 0;
    const io = { stdout: (t: string) => core.info(t), stderr: (t: string) => core.warning(t.trim()) };
    const plans = [];
    for (const file of files) {
      const { plan } = await planModel(file, cfg, { measure: false, ep: 'cpu', cacheDir: null }, io);
      before += plan.totals.bytes_before;
      after += plan.totals.bytes_after;
      plans.push(plan);
    }
    const reportPath = path.resolve('quantgate-report.json');
    fs.writeFileSync(`${reportPath}.tmp`, `${JSON.stringify({ schema: 'quantgate.report/v0', plans }, null, 2)}\n`);
    fs.renameSync(`${reportPath}.tmp`, reportPath);
    await core.summary.addRaw(plans.map((p) => `\`\`\`\n${formatPlanTable(p)}\`\`\``).join('\n\n')).write();
    core.setOutput(ActionOutput.reportPath, reportPath);
    core.setOutput(ActionOutput.bytesBefore, String(before));
    core.setOutput(ActionOutput.bytesAfter, String(after));
    core.setOutput(ActionOutput.passed, 'true');
  } catch (err) {
    core.setFailed(messageOf(err));
  }
}
