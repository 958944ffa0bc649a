/** The check's report on disk: report.json and comment.md written, matrix jobs' reports read and merged. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BadInputError, messageOf } from '../errors.js';
import { writeFileAtomic } from '../onnx/write.js';
import { renderComment } from '../report/comment.js';
import { mergeReports, REPORT_SCHEMA, type CheckReport } from '../report/report.js';

export interface WrittenReport {
  /** Absolute paths (the action's outputs). */
  reportPath: string;
  commentPath: string;
  markdown: string;
}

/** Writes report.json and comment.md into the report folder; returns their paths and the markdown. */
export function writeReport(report: CheckReport, dir: string): WrittenReport {
  fs.mkdirSync(dir, { recursive: true });
  // Absolute paths for the action's outputs. (Built from the folder string, not path.resolve with a file
  // name: ncc would take that for an asset and rewrite it to the build machine's path.)
  const base = path.isAbsolute(dir) ? dir : path.join(process.cwd(), dir);
  const reportPath = [base, 'report.json'].join(path.sep);
  const commentPath = [base, 'comment.md'].join(path.sep);
  const markdown = renderComment(report);
  writeFileAtomic(reportPath, `${JSON.stringify(report, null, 2)}\n`);
  writeFileAtomic(commentPath, markdown);
  return { reportPath, commentPath, markdown };
}

/** A report.json written by a check, checked to be one. */
export function readReportFile(file: string): CheckReport {
  let doc: unknown;
  try {
    doc = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new BadInputError(`${file}: cannot read report (${messageOf(err)})`);
  }
  if (typeof doc !== 'object' || doc === null || (doc as { schema?: unknown }).schema !== REPORT_SCHEMA) {
    throw new BadInputError(`${file}: not a ${REPORT_SCHEMA} document`);
  }
  return doc as CheckReport;
}

/** `quantgate report --merge` and the action's `merge` input: the reports of matrix jobs as one. */
export function mergeReportFiles(files: string[]): CheckReport {
  if (files.length === 0) throw new BadInputError('no report to merge');
  return mergeReports(files.map(readReportFile));
}
