/**
 * The golden files of one model, each validated against its schema when read: `<id>.plan.json` (the
 * reviewed plan), `<id>.quality.json` (what was measured when it was accepted) and `<id>.labels.json`
 * (expected categories, for the detection gate). A missing file is
 * "no baseline"; a damaged one is bad input naming it, never a gate silently switched off.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkModelId } from '../config/check-config.js';
import type { QualityRecord } from '../gate/regression.js';
import type { Plan } from '../plan/plan.js';
import { readValidated } from '../schemas/validate.js';
import { checkPlan } from './quantize.js';

export interface GoldenPaths {
  plan: string;
  quality: string;
  labels: string;
}

export function goldenPaths(dir: string, id: string): GoldenPaths {
  checkModelId(id, 'model id');
  const file = (kind: string) => path.join(dir, `${id}.${kind}.json`);
  return { plan: file('plan'), quality: file('quality'), labels: file('labels') };
}

/** The golden quality record, or null when there is none yet (plans accepted before records existed). */
export function readGoldenQuality(file: string): QualityRecord | null {
  if (!fs.existsSync(file)) return null;
  return readValidated<QualityRecord>('quality', file);
}

/** sha256 of a file's bytes, hex. */
export function fileSha256(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/**
 * What identifies an `--inputs` value: the file's sha256, or for `NAME=FILE.npy,...` pairs the sha256 of
 * the pairs with each file's sha256 (in name order), so renaming nothing and changing a file both count.
 */
export function inputsSha256(spec: string): string {
  if (fs.existsSync(spec) && fs.statSync(spec).isFile()) return fileSha256(spec);
  const pairs = spec
    .split(',')
    .map((pair) => {
      const at = pair.indexOf('=');
      const file = pair.slice(at + 1);
      return `${pair.slice(0, at)}=${fs.existsSync(file) ? fileSha256(file) : file}`;
    })
    .sort();
  return createHash('sha256').update(pairs.join('\n')).digest('hex');
}

/** The reviewed plan, or null when there is none yet. */
export function readGoldenPlan(file: string): Plan | null {
  if (!fs.existsSync(file)) return null;
  return checkPlan(readValidated<Plan>('plan', file), file);
}

/** Expected categories by initializer name, from the labels file. */
export interface Labels {
  file: string;
  categories: Map<string, string>;
}

interface LabelsDocument {
  layers?: Record<string, string>;
  initializers?: Record<string, { category: string }>;
}

/** `{ "layers": { name: category } }`, or the `{ "initializers": { name: { category } } }` form; null when absent. */
export function readLabels(file: string): Labels | null {
  if (!fs.existsSync(file)) return null;
  const doc = readValidated<LabelsDocument>('labels', file);
  const categories = doc.layers
    ? new Map(Object.entries(doc.layers))
    : new Map(Object.entries(doc.initializers ?? {}).map(([name, v]) => [name, v.category]));
  return { file, categories };
}
