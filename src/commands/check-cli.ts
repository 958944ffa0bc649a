/** `quantgate check` and `quantgate report --merge` on the command line: the action's engine, locally. */
import * as fs from 'node:fs';
import { readCheckConfig, type CheckOverrides } from '../config/check-config.js';
import { BadInputError, messageOf } from '../errors.js';
import { mergeReports, REPORT_SCHEMA, type CheckReport } from '../report/report.js';
import { runCheck, writeReport } from './check.js';
import type { Io } from './plan.js';

export interface CheckCommand {
  configFile?: string;
  overrides: CheckOverrides;
  updateGolden: boolean;
  cacheDir: string | null;
  json: boolean;
}

function summaryLines(report: CheckReport, paths: { reportPath: string; commentPath: string }): string {
  const lines = report.models.map(
    (m) => `${m.passed ? 'ok  ' : 'FAIL'} ${m.id} (${m.path}): ${m.gates.map((g) => `${g.gate} ${g.status}`).join(', ')}`,
  );
  for (const m of report.models)
    for (const g of m.gates.filter((x) => x.status === 'fail' || x.status === 'warn')) lines.push(`     ${m.id} ${g.gate}: ${g.summary}`);
  if (report.updated_golden.length > 0) lines.push(`golden files written: ${report.updated_golden.join(', ')}`);
  lines.push(`${report.passed ? 'passed' : 'failed'}; report ${paths.reportPath}, comment ${paths.commentPath}`);
  return `${lines.join('\n')}\n`;
}

export async function runCheckCommand(c: CheckCommand, io: Io): Promise<number> {
  const config = readCheckConfig(c.configFile, c.overrides);
  const report = await runCheck({
    config,
    updateGolden: c.updateGolden,
    cacheDir: c.cacheDir,
    key: `cli/${config.file ?? 'defaults'}`,
    io,
  });
  const paths = writeReport(report, config.reportDir);
  io.stdout(c.json ? `${JSON.stringify(report, null, 2)}\n` : summaryLines(report, paths));
  return report.passed ? 0 : 1;
}

export function runMergeCommand(files: string[], outDir: string, json: boolean, io: Io): number {
  const reports = files.map((f) => {
    let r: CheckReport;
    try {
      r = JSON.parse(fs.readFileSync(f, 'utf8')) as CheckReport;
    } catch (err) {
      throw new BadInputError(`${f}: cannot read report (${messageOf(err)})`);
    }
    if (r.schema !== REPORT_SCHEMA) throw new BadInputError(`${f}: not a ${REPORT_SCHEMA} document`);
    return r;
  });
  const merged = mergeReports(reports);
  const paths = writeReport(merged, outDir);
  io.stdout(json ? `${JSON.stringify(merged, null, 2)}\n` : summaryLines(merged, paths));
  return merged.passed ? 0 : 1;
}
