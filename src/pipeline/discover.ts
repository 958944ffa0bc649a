/** Which model files a check covers: the config's paths and globs, each file once, with stable ids. */
import * as glob from '@actions/glob';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultModelEntry, type ModelEntry } from '../config/check-config.js';
import { BadInputError } from '../errors.js';

export interface DiscoveredModel {
  file: string;
  /** Names the golden files: golden/<id>.plan.json, golden/<id>.labels.json. */
  id: string;
  /** The config entry that named the file (its per-model settings). */
  entry: ModelEntry;
}

const hasGlob = (p: string) => /[*?[\]{}]/.test(p);

/**
 * An @actions/glob pattern (one per line, `!` negates, `#` comments) with each line made absolute:
 * @actions/glob refuses `..` segments, and `models: [../shared/*.onnx]` is a fair thing to write.
 */
export function absolutePattern(pattern: string): string {
  return pattern
    .split('\n')
    .map((line) => {
      const text = line.trim();
      if (text === '' || text.startsWith('#')) return text;
      const negated = text.startsWith('!');
      return `${negated ? '!' : ''}${path.resolve(negated ? text.slice(1) : text)}`;
    })
    .join('\n');
}

/** The .onnx files a path or glob names, relative to the working folder, sorted. */
async function filesOf(pattern: string, lenient: boolean): Promise<string[]> {
  if (!hasGlob(pattern)) {
    if (fs.existsSync(pattern)) return [path.normalize(pattern)];
    if (lenient) return [];
    throw new BadInputError(`${pattern.replace(/[\r\n]+/g, ' ')}: model not found`);
  }
  const globber = await glob.create(absolutePattern(pattern), { followSymbolicLinks: false, implicitDescendants: false });
  return (await globber.glob())
    .filter((f) => f.toLowerCase().endsWith('.onnx') && fs.statSync(f).isFile())
    .map((f) => path.relative(process.cwd(), f))
    .sort();
}

/** Each file the entries name, once: the first entry naming it wins (its settings apply). */
async function namedFiles(entries: ModelEntry[], lenient: boolean): Promise<Array<{ file: string; entry: ModelEntry }>> {
  const found = new Map<string, ModelEntry>();
  for (const entry of entries) {
    const files = await filesOf(entry.pattern, lenient);
    if (entry.id && files.length > 1)
      throw new BadInputError(`models: id '${entry.id}' names ${files.length} files (${entry.pattern}); give each its own entry`);
    for (const file of files) if (!found.has(file)) found.set(file, entry);
  }
  return [...found].map(([file, entry]) => ({ file, entry }));
}

/**
 * The models to check: every file the config's entries name or, with `only` (`check --models GLOB`, the
 * action's `models` input), the files that glob matches, each keeping the settings of the config entry
 * that names it (id, target, tokens, thresholds). Ids are the file name, or the path when two files the
 * config or the selection name share a name, so selecting a subset never renames a model's golden files.
 */
export async function discoverModels(entries: ModelEntry[], only?: string): Promise<DiscoveredModel[]> {
  const named = await namedFiles(entries, only !== undefined);
  let selected = named;
  if (only !== undefined) {
    const byFile = new Map(named.map((n) => [n.file, n.entry]));
    selected = (await filesOf(only, false)).map((file) => ({ file, entry: byFile.get(file) ?? defaultModelEntry(only) }));
  }
  const base = (f: string) => path.basename(f).replace(/\.onnx$/i, '');
  const counts = new Map<string, number>();
  for (const file of new Set([...named, ...selected].map((n) => n.file))) counts.set(base(file), (counts.get(base(file)) ?? 0) + 1);
  return selected.map(({ file, entry }) => ({
    file,
    entry,
    id: entry.id ?? ((counts.get(base(file)) ?? 0) > 1 ? file.replace(/\.onnx$/i, '').replace(/[\\/]+/g, '-') : base(file)),
  }));
}
