/** Which model files a check covers: the config's paths and globs, each file once, with stable ids. */
import * as glob from '@actions/glob';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ModelEntry } from '../config/check-config.js';
import { BadInputError } from '../errors.js';

export interface DiscoveredModel {
  file: string;
  /** Names the golden files: golden/<id>.plan.json, golden/<id>.labels.json. */
  id: string;
  /** The config entry that named the file (its per-model settings). */
  entry: ModelEntry;
}

const hasGlob = (p: string) => /[*?[\]{}]/.test(p);

/** Files the config names, each once (the first entry naming it wins), with stable ids. */
export async function discoverModels(entries: ModelEntry[]): Promise<DiscoveredModel[]> {
  const seen = new Set<string>();
  const found: Array<{ file: string; entry: ModelEntry }> = [];
  for (const entry of entries) {
    let files: string[];
    if (hasGlob(entry.pattern)) {
      const globber = await glob.create(entry.pattern, { followSymbolicLinks: false, implicitDescendants: false });
      files = (await globber.glob())
        .filter((f) => f.toLowerCase().endsWith('.onnx') && fs.statSync(f).isFile())
        .map((f) => path.relative(process.cwd(), f))
        .sort();
    } else {
      if (!fs.existsSync(entry.pattern)) throw new BadInputError(`${entry.pattern}: model not found`);
      files = [path.normalize(entry.pattern)];
    }
    if (entry.id && files.length > 1)
      throw new BadInputError(`models: id '${entry.id}' names ${files.length} files (${entry.pattern}); give each its own entry`);
    for (const file of files) {
      if (seen.has(file)) continue;
      seen.add(file);
      found.push({ file, entry });
    }
  }
  // Ids: the file name, or the path when two files share a name.
  const base = (f: string) => path.basename(f).replace(/\.onnx$/i, '');
  const counts = new Map<string, number>();
  for (const { file } of found) counts.set(base(file), (counts.get(base(file)) ?? 0) + 1);
  return found.map(({ file, entry }) => ({
    file,
    entry,
    id: entry.id ?? ((counts.get(base(file)) ?? 0) > 1 ? file.replace(/\.onnx$/i, '').replace(/[\\/]+/g, '-') : base(file)),
  }));
}
