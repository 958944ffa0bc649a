/**
 * The GitHub Action (thin): inputs → `quantgate check` → report, job summary, outputs, the sticky PR
 * comment, annotations for failed gates, and `setFailed` last, after everything is reported.
 */
import * as core from '@actions/core';
import * as github from '@actions/github';
import * as glob from '@actions/glob';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseFailOn, readCheckConfig, type CheckOverrides } from './config/check-config.js';
import { DEFAULT_CONFIG_FILE, parseExecutionProvider, parsePolicy, parseSize } from './config/config.js';
import { BadInputError, messageOf } from './errors.js';
import { cacheKey, restoreCache, saveCache } from './github/cache.js';
import { isPermissionError, upsertComment } from './github/comment.js';
import { ActionInput, ActionOutput } from './github/constants.js';
import { octokitCommentApi, pullRequestOf } from './github/octokit.js';
import { runCheck } from './pipeline/check.js';
import { discoverModels } from './pipeline/discover.js';
import { mergeReportFiles, writeReport } from './pipeline/report-files.js';
import { commentMarker } from './report/comment.js';
import { detectionAccuracyOf, type CheckReport } from './report/report.js';

interface Inputs {
  configFile: string | undefined;
  overrides: CheckOverrides;
  comment: boolean;
  token: string;
  updateGolden: boolean;
  merge: string;
}

/** Inputs are read once, here, into one typed object. */
function readInputs(): Inputs {
  const config = core.getInput(ActionInput.config);
  const overrides: CheckOverrides = {};
  const plan: CheckOverrides['plan'] = {};
  const policy = core.getInput(ActionInput.policy);
  if (policy) plan.policy = parsePolicy(policy, `input '${ActionInput.policy}'`);
  const target = core.getInput(ActionInput.targetSize);
  if (target) plan.targetSize = parseSize(target, `input '${ActionInput.targetSize}'`);
  overrides.plan = plan;
  const models = core.getInput(ActionInput.models);
  if (models) overrides.models = models;
  const golden = core.getInput(ActionInput.goldenDir);
  if (golden) overrides.goldenDir = golden;
  const ep = core.getInput(ActionInput.executionProvider);
  // `auto` tries the GPU providers the runner has and falls back to cpu (with a warning) otherwise.
  if (ep && ep !== 'auto') overrides.ep = parseExecutionProvider(ep, `input '${ActionInput.executionProvider}'`);
  if (ep === 'auto') overrides.ep = 'webgpu';
  const failOn = core.getInput(ActionInput.failOn);
  if (failOn) overrides.failOn = parseFailOn(failOn, `input '${ActionInput.failOn}'`);
  return {
    // The default file is optional (read when present); a file the workflow names must exist.
    configFile: config && config !== DEFAULT_CONFIG_FILE ? config : undefined,
    overrides,
    comment: core.getBooleanInput(ActionInput.comment),
    token: core.getInput(ActionInput.githubToken),
    updateGolden: core.getBooleanInput(ActionInput.updateGolden),
    merge: core.getInput(ActionInput.merge),
  };
}

/** The same merge as `quantgate report --merge` (schema checked), over the files the pattern matches. */
async function mergedReport(pattern: string): Promise<CheckReport> {
  const files = (await (await glob.create(pattern)).glob()).sort();
  if (files.length === 0) throw new BadInputError(`input '${ActionInput.merge}': no report matches '${pattern}'`);
  return mergeReportFiles(files);
}

async function comment(inputs: Inputs, report: CheckReport, markdown: string): Promise<void> {
  const pr = pullRequestOf(github.context);
  if (!inputs.comment || !pr) {
    core.info(pr ? 'quantgate: commenting is off' : 'quantgate: not a pull request; no comment');
    return;
  }
  try {
    const outcome = await upsertComment(octokitCommentApi(inputs.token, pr), commentMarker(report.key), markdown);
    core.info(`quantgate: comment ${outcome.action}`);
  } catch (err) {
    if (!isPermissionError(err)) throw err;
    core.warning(
      `quantgate: this token may not comment on the pull request (${messageOf(err)}); the report is in the job summary and the comment-path output`,
    );
  }
}

export async function run(): Promise<void> {
  let failure: string | undefined;
  try {
    const inputs = readInputs();
    const config = readCheckConfig(inputs.configFile, inputs.overrides);
    const key = `${process.env.GITHUB_WORKFLOW ?? 'quantgate'}/${config.file ?? 'defaults'}`;
    let report: CheckReport;
    if (inputs.merge) {
      report = await mergedReport(inputs.merge);
    } else {
      const cacheDir = path.join(process.env.RUNNER_TEMP || os.tmpdir(), 'quantgate-cache');
      const models = await discoverModels(config.models);
      const ck = cacheKey(
        models.map((m) => m.file),
        config.file ? fs.readFileSync(config.file, 'utf8') : '',
      );
      const hit = await restoreCache(cacheDir, ck, core);
      report = await runCheck({
        config,
        updateGolden: inputs.updateGolden,
        cacheDir,
        key,
        models,
        io: { stdout: (t) => core.info(t.trimEnd()), stderr: (t) => core.info(t.trimEnd()) },
      });
      if (!hit) await saveCache(cacheDir, ck, core);
    }
    const { reportPath, commentPath, markdown } = writeReport(report, config.reportDir);
    try {
      await core.summary.addRaw(markdown).write();
    } catch (err) {
      core.warning(`quantgate: could not write the job summary (${messageOf(err)})`);
    }
    core.setOutput(ActionOutput.passed, String(report.passed));
    core.setOutput(ActionOutput.reportPath, reportPath);
    core.setOutput(ActionOutput.commentPath, commentPath);
    core.setOutput(ActionOutput.bytesBefore, String(report.models.reduce((s, m) => s + (m.size?.bytes_before ?? 0), 0)));
    core.setOutput(ActionOutput.bytesAfter, String(report.models.reduce((s, m) => s + (m.size?.bytes_after ?? 0), 0)));
    const accuracy = detectionAccuracyOf(report);
    core.setOutput(ActionOutput.detectionAccuracy, accuracy === null ? '' : accuracy.toFixed(4));
    await comment(inputs, report, markdown);
    // Annotations only for blocking failures: few, each on its model file.
    for (const m of report.models) {
      for (const g of m.gates.filter((x) => x.blocking))
        core.error(`${g.gate} gate failed: ${g.summary}`, { file: m.path, title: `quantgate: ${m.id}` });
    }
    if (!report.passed) {
      const failed = report.models.flatMap((m) => m.gates.filter((g) => g.blocking).map((g) => `${m.id}: ${g.gate}`));
      failure = `quantgate: ${failed.length} blocking gate${failed.length > 1 ? 's' : ''} failed (${failed.join(', ')})`;
    }
  } catch (err) {
    failure = err instanceof Error ? err.message : String(err);
  }
  if (failure) core.setFailed(failure);
}
