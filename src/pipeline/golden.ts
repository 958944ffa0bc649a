/**
 * The golden files of one model, each validated against its schema when read: `<id>.plan.json` (the
 * reviewed plan) and `<id>.labels.json` (expected categories, for the detection gate). A missing file is
 * "no baseline"; a damaged one is bad input naming it, never a gate silently switched off.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkModelId } from '../config/check-config.js';
import type { Plan } from '../plan/plan.js';
import { readValidated } from '../schemas/validate.js';
import { checkPlan } from './quantize.js';

export interface GoldenPaths {
  plan: string;
  labels: string;
}

export function goldenPaths(dir: string, id: string): GoldenPaths {
  checkModelId(id, 'model id');
  return { plan: path.join(dir, `${id}.plan.json`), labels: path.join(dir, `${id}.labels.json`) };
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
