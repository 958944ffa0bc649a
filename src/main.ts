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
import { parseCommentMode, parseFailOn, readCheckConfig, type CheckOverrides, type CommentMode } from './config/check-config.js';
import { DEFAULT_CONFIG_FILE, parseExecutionProvider, parsePolicy, parseSize } from './config/config.js';
import { BadInputError, messageOf } from './errors.js';
import { cacheKey, restoreCache, saveCache } from './github/cache.js';
import { isPermissionError, upsertComment, wantsNewComment } from './github/comment.js';
import { ActionInput, ActionOutput } from './github/constants.js';
import { octokitCommentApi, pullRequestOf, retryPolicy } from './github/octokit.js';
import { runCheck } from './pipeline/check.js';
import { discoverModels } from './pipeline/discover.js';
import { mergeReportFiles, writeReport } from './pipeline/report-files.js';
import { confineFiles, confineToWorkspace } from './pipeline/workspace.js';
import { commentMarker } from './report/comment.js';
import { detectionAccuracyOf, reportHasChanges, runInfoFrom, type CheckReport } from './report/report.js';

interface Inputs {
  configFile: string | undefined;
  overrides: CheckOverrides;
  token: string;
  updateGolden: boolean;
  merge: string;
}

/**
 * Inputs are read once, here, into one typed object. An input that mirrors a config key is empty by
 * default (action.yml), and empty means "the config's value": the runner sets every input to its default,
 * so a non-empty default would silently override quantgate.yml.
 */
function readInputs(): Inputs {
  const config = core.getInput(ActionInput.config);
  const overrides: CheckOverrides = {};
  const plan: CheckOverrides['plan'] = {};
  const where = (name: string) => `input '${name}'`;
  const policy = core.getInput(ActionInput.policy);
  if (policy) plan.policy = parsePolicy(policy, where(ActionInput.policy));
  const target = core.getInput(ActionInput.targetSize);
  if (target) plan.targetSize = parseSize(target, where(ActionInput.targetSize));
  overrides.plan = plan;
  const models = core.getInput(ActionInput.models);
  if (models) overrides.models = models;
  const golden = core.getInput(ActionInput.goldenDir);
  if (golden) overrides.goldenDir = golden;
  const ep = core.getInput(ActionInput.executionProvider);
  if (ep) overrides.ep = parseExecutionProvider(ep, where(ActionInput.executionProvider));
  const failOn = core.getInput(ActionInput.failOn);
  if (failOn) overrides.failOn = parseFailOn(failOn, where(ActionInput.failOn));
  const comment = core.getInput(ActionInput.comment);
  if (comment) overrides.comment = parseCommentMode(comment, where(ActionInput.comment));
  return {
    // The default file is optional (read when present); a file the workflow names must exist.
    configFile: config && config !== DEFAULT_CONFIG_FILE ? config : undefined,
    overrides,
    token: core.getInput(ActionInput.githubToken),
    updateGolden: core.getBooleanInput(ActionInput.updateGolden),
    merge: core.getInput(ActionInput.merge),
  };
}

/** The same merge as `quantgate report --merge` (schema checked), over the files the pattern matches. */
async function mergedReport(pattern: string, workspace: string): Promise<CheckReport> {
  const files = (await (await glob.create(pattern)).glob()).sort();
  if (files.length === 0) throw new BadInputError(`input '${ActionInput.merge}': no report matches '${pattern}'`);
  confineFiles(files, workspace, 'a report to merge');
  return mergeReportFiles(files, (message) => core.warning(`quantgate: ${message}`));
}

/** An API error as one line: its HTTP status when it has one. */
function describeApiError(err: unknown): string {
  const status = (err as { status?: unknown }).status;
  return `${typeof status === 'number' ? `HTTP ${status}: ` : ''}${messageOf(err)}`;
}

/**
 * The sticky comment. Nothing here decides the step's result: API faults are retried (5xx, 429, resets),
 * then a warning says the comment was not posted and where the report is.
 */
async function comment(mode: CommentMode, token: string, report: CheckReport, markdown: string, commentPath: string): Promise<void> {
  const pr = pullRequestOf(github.context);
  if (!pr) return core.info('quantgate: not a pull request; no comment');
  if (mode === 'off') return core.info('quantgate: commenting is off');
  const policy = retryPolicy();
  const controller = new AbortController();
  const deadline = setTimeout(() => controller.abort(), policy.deadlineMs);
  const where = `the report is in the job summary and at ${commentPath}`;
  try {
    const api = octokitCommentApi(token, pr, policy, controller.signal);
    const post = wantsNewComment(mode, { failed: !report.passed, changed: reportHasChanges(report) });
    const outcome = await upsertComment(api, commentMarker(report.key), markdown, post);
    core.info(`quantgate: comment ${outcome.action}${outcome.action === 'skipped' ? ` (comment: ${mode}; ${outcome.reason})` : ''}`);
  } catch (err) {
    if (isPermissionError(err))
      core.warning(`quantgate: this token may not comment on the pull request (${describeApiError(err)}); ${where}`);
    else core.warning(`quantgate: the pull request comment was not posted (${describeApiError(err)}); the gates' result stands; ${where}`);
  } finally {
    clearTimeout(deadline);
  }
}

export async function run(): Promise<void> {
  let failure: string | undefined;
  let badInput = false;
  try {
    const inputs = readInputs();
    const config = readCheckConfig(inputs.configFile, inputs.overrides);
    const workspace = process.env.GITHUB_WORKSPACE || process.cwd();
    confineToWorkspace(config, workspace);
    const key = `${process.env.GITHUB_WORKFLOW ?? 'quantgate'}/${config.file ?? 'defaults'}`;
    let report: CheckReport;
    // The pull request's head commit: GITHUB_SHA is the merge commit on pull_request events.
    const head = (github.context.payload.pull_request as { head?: { sha?: string } } | undefined)?.head?.sha;
    const run = runInfoFrom(process.env, head);
    if (inputs.merge) {
      report = await mergedReport(inputs.merge, workspace);
      if (run) report.run = run;
    } else {
      const cacheDir = path.join(process.env.RUNNER_TEMP || os.tmpdir(), 'quantgate-cache');
      const models = await discoverModels(config.models, config.only);
      confineFiles(
        models.map((m) => m.file),
        workspace,
        'a model',
      );
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
        run,
      });
      if (!hit) await saveCache(cacheDir, ck, core);
    }
    const { reportPath, commentPath, markdown } = writeReport(report, config.reportDir, 'report_dir');
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
    await comment(config.comment, inputs.token, report, markdown, commentPath);
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
    badInput = err instanceof BadInputError;
  }
  if (failure) core.setFailed(failure);
  // The CLI's codes: 1 a gate failed (or the step could not finish), 2 bad input (config, paths, files).
  if (badInput) process.exitCode = 2;
}
