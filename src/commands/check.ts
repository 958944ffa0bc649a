/** `quantgate check` and `quantgate report --merge` on the command line: the action's engine, locally. */
import { readCheckConfig, type CheckOverrides } from '../config/check-config.js';
import { runCheck } from '../pipeline/check.js';
import { warningsTo, type Io } from '../pipeline/io.js';
import { mergeReportFiles, writeReport, type WrittenReport } from '../pipeline/report-files.js';
import { runInfoFrom, type CheckReport } from '../report/report.js';

export interface CheckCommand {
  configFile?: string;
  overrides: CheckOverrides;
  updateGolden: boolean;
  cacheDir: string | null;
  json: boolean;
  /** No progress lines. */
  quiet?: boolean;
}

export function summaryLines(report: CheckReport, paths: WrittenReport): string {
  const lines = report.models.map(
    (m) => `${m.passed ? 'ok  ' : 'FAIL'} ${m.id} (${m.path}): ${m.gates.map((g) => `${g.gate} ${g.status}`).join(', ')}`,
  );
  for (const m of report.models)
    for (const g of m.gates.filter((x) => x.status === 'fail' || x.status === 'warn')) lines.push(`     ${m.id} ${g.gate}: ${g.summary}`);
  if (report.updated_golden.length > 0) lines.push(`golden files written: ${report.updated_golden.join(', ')}`);
  lines.push(`${report.passed ? 'passed' : 'failed'}; report ${paths.reportPath}, comment ${paths.commentPath}`);
  return `${lines.join('\n')}\n`;
}

function print(report: CheckReport, dir: string, what: string, json: boolean, io: Io): number {
  const paths = writeReport(report, dir, what);
  io.stdout(json ? `${JSON.stringify(report, null, 2)}\n` : summaryLines(report, paths));
  return report.passed ? 0 : 1;
}

export async function runCheckCommand(c: CheckCommand, io: Io): Promise<number> {
  const config = readCheckConfig(c.configFile, c.overrides);
  const report = await runCheck({
    config,
    updateGolden: c.updateGolden,
    cacheDir: c.cacheDir,
    key: `cli/${config.file ?? 'defaults'}`,
    io,
    quiet: c.quiet,
    run: runInfoFrom(process.env),
  });
  return print(report, config.reportDir, 'report_dir (--report-dir)', c.json, io);
}

export function runMergeCommand(files: string[], outDir: string, json: boolean, io: Io): number {
  return print(mergeReportFiles(files, warningsTo(io)), outDir, '--out', json, io);
}
