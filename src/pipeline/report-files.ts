/** The check's report on disk: report.json and comment.md written, matrix jobs' reports read and merged. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BadInputError } from '../errors.js';
import { OutputSet, writeError } from '../onnx/write.js';
import { renderComment } from '../report/comment.js';
import { mergeReports, type CheckReport } from '../report/report.js';
import { readValidated } from '../schemas/validate.js';

export interface WrittenReport {
  /** Absolute paths (the action's outputs). */
  reportPath: string;
  commentPath: string;
  markdown: string;
}

/**
 * Writes report.json and comment.md into the report folder (`what`: the option or key that names it, for
 * messages) as one set: both under temporary names, then renamed, the report last; on an error nothing is
 * left, not even the folder if this call created it. Returns their paths and the markdown.
 */
export function writeReport(report: CheckReport, dir: string, what = 'the report folder'): WrittenReport {
  // Absolute paths for the action's outputs. (Built from the folder string, not path.resolve with a file
  // name: ncc would take that for an asset and rewrite it to the build machine's path.)
  const base = path.isAbsolute(dir) ? dir : path.join(process.cwd(), dir);
  const reportPath = [base, 'report.json'].join(path.sep);
  const commentPath = [base, 'comment.md'].join(path.sep);
  const markdown = renderComment(report);
  const outputs = new OutputSet(dir, [reportPath, commentPath], [], what);
  try {
    for (const [file, text] of [
      [commentPath, markdown],
      [reportPath, `${JSON.stringify(report, null, 2)}\n`],
    ] as const) {
      try {
        fs.writeFileSync(outputs.temp(file), text, { flag: 'wx' });
      } catch (err) {
        throw writeError(file, err);
      }
    }
    outputs.commit([commentPath, reportPath]);
  } catch (err) {
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
export function readReportFile(file: string): CheckReport {
  const report = readValidated<CheckReport>('report', file);
  const inconsistent = (what: string) => new BadInputError(`${file}: inconsistent report: ${what}`);
  for (const m of report.models) {
    for (const g of m.gates)
      if (g.blocking !== (g.status === 'fail'))
        throw inconsistent(`model '${m.id}': the ${g.gate} gate is '${g.status}' with blocking: ${g.blocking}`);
    const blocked = m.gates.filter((g) => g.blocking).map((g) => g.gate);
    if (m.passed !== (blocked.length === 0))
      throw inconsistent(
        `model '${m.id}' says passed: ${m.passed}, but ${blocked.length ? `its ${blocked.join(', ')} gate failed` : 'no gate of it failed'}`,
      );
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
export function mergeReportFiles(files: string[], warn: (message: string) => void): CheckReport {
  if (files.length === 0) throw new BadInputError('no report to merge');
  const seen = new Map<string, string>();
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
