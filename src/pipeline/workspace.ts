/**
 * In the action, every path the config names resolves inside the workspace (GITHUB_WORKSPACE), through
 * symlinks and `..`: a repository's config cannot make the action read models or tokens from elsewhere on
 * the runner, or write golden files and reports there. (The CLI allows it: the user runs it on purpose.)
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CheckConfig } from '../config/check-config.js';
import { BadInputError } from '../errors.js';
import { inputFilesOf } from '../eval/samples.js';

/** The real path of `p`: its longest existing ancestor resolved through symlinks, the rest appended. */
export function realPath(p: string): string {
  const absolute = path.resolve(p);
  const rest: string[] = [];
  let at = absolute;
  for (;;) {
    try {
      return path.join(fs.realpathSync(at), ...rest.reverse());
    } catch {
      const parent = path.dirname(at);
      if (parent === at) return absolute;
      rest.push(path.basename(at));
      at = parent;
    }
  }
}

export function isInside(p: string, root: string): boolean {
  const relative = path.relative(realPath(root), realPath(p));
  return relative === '' || (!relative.startsWith(`..${path.sep}`) && relative !== '..' && !path.isAbsolute(relative));
}

/** The folder a glob line starts from: its segments before the first one with a wildcard. */
export function globRoot(line: string): string {
  const segments = line.split(/[\\/]/);
  const fixed: string[] = [];
  for (const s of segments) {
    if (/[*?[\]{}]/.test(s)) break;
    fixed.push(s);
  }
  const root = fixed.join('/');
  return root === '' && line.startsWith('/') ? '/' : root || '.';
}

/** Every path the config names, with what names it (for the message). */
function namedPaths(config: CheckConfig): Array<{ what: string; path: string }> {
  const out: Array<{ what: string; path: string }> = [
    { what: 'golden_dir', path: config.goldenDir },
    { what: 'report_dir', path: config.reportDir },
  ];
  if (config.file) out.push({ what: 'the config file', path: config.file });
  if (config.tokens) out.push({ what: 'tokens', path: config.tokens });
  if (config.calibration) out.push({ what: 'calibration', path: config.calibration });
  if (config.inputs) for (const file of inputFilesOf(config.inputs)) out.push({ what: 'inputs', path: file });
  const patterns = [...config.models.map((e) => ({ what: 'models', pattern: e.pattern }))];
  if (config.only !== undefined) patterns.push({ what: 'models', pattern: config.only });
  for (const { what, pattern } of patterns) {
    for (const line of pattern.split('\n').map((l) => l.trim())) {
      if (line === '' || line.startsWith('#') || line.startsWith('!')) continue;
      out.push({ what, path: globRoot(line) });
    }
  }
  for (const e of config.models) {
    if (e.tokens) out.push({ what: 'tokens', path: e.tokens });
    if (e.calibration) out.push({ what: 'calibration', path: e.calibration });
    if (e.inputs) for (const file of inputFilesOf(e.inputs)) out.push({ what: 'inputs', path: file });
  }
  return out;
}

export function confineToWorkspace(config: CheckConfig, workspace: string): void {
  for (const { what, path: p } of namedPaths(config)) {
    if (!isInside(p, workspace))
      throw new BadInputError(
        `${config.file ?? 'config'}: ${what} '${p.replace(/[\r\n]+/g, ' ')}' is outside the workspace (${workspace}); the action reads and writes only inside it`,
      );
  }
}

/** Model files found by a glob may be symlinks: each must really be inside the workspace too. */
export function confineFiles(files: string[], workspace: string, what: string): void {
  for (const f of files)
    if (!isInside(f, workspace))
      throw new BadInputError(`${f.replace(/[\r\n]+/g, ' ')}: ${what} resolves outside the workspace (${workspace}) through a symlink`);
}
