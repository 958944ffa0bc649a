/**
 * The JSON Schemas in schemas/: every file quantgate reads is validated against one, what quantgate
 * writes validates, and a damaged sensitivity cache is measured again instead of trusted.
 */
import test from 'ava';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeModel } from '../src/analyze/inventory.js';
import { mergePlanConfig } from '../src/config/config.js';
import { BadInputError } from '../src/errors.js';
import { measureSensitivity } from '../src/eval/sensitivity.js';
import { readModel } from '../src/onnx/read.js';
import { makePlan } from '../src/plan/plan.js';
import { schemaTitle, validate, type SchemaKind } from '../src/schemas/validate.js';
import { tempDir, writeModel } from './helpers.js';

const KINDS: SchemaKind[] = ['plan', 'labels', 'quality', 'report', 'sensitivity'];

test('each published schema is a draft-07 JSON Schema whose title names the document', (t) => {
  for (const kind of KINDS) {
    const file = new URL(`../../schemas/${kind}.schema.json`, import.meta.url);
    const schema = JSON.parse(fs.readFileSync(file, 'utf8')) as {
      $schema: string;
      title: string;
      properties?: { schema?: { const?: string } };
    };
    t.is(schema.$schema, 'http://json-schema.org/draft-07/schema#');
    t.is(schemaTitle(kind), schema.title);
    if (schema.properties?.schema) t.is(schema.properties.schema.const, schema.title, kind);
  }
});

test('a plan quantgate writes validates; a damaged one names where it is wrong', (t) => {
  const built = writeModel({ arch: 'llama', naming: 'legacy', blocks: 1 });
  const model = readModel(built.file);
  const plan = makePlan(model, analyzeModel(model), mergePlanConfig({}));
  const copy = JSON.parse(JSON.stringify(plan)) as unknown;
  t.is(validate('plan', copy, 'p.json'), copy);
  const broken = JSON.parse(JSON.stringify(plan)) as { layers: Array<Record<string, unknown>> };
  broken.layers[2]!.bytes = -1;
  t.throws(() => validate<unknown>('plan', broken, 'p.json'), {
    instanceOf: BadInputError,
    message: 'p.json: not a quantgate.plan/v1 document: layers[2].bytes must be >= 0',
  });
  const dotted = { layers: { 'a.b': 'tail' } };
  t.throws(() => validate<unknown>('labels', dotted, 'l.json'), {
    message: /^l\.json: not a quantgate labels document: layers\["a\.b"\] must be equal to one of the allowed values \("embedding", /,
  });
  t.throws(() => validate<unknown>('report', { schema: 'quantgate.plan/v1' }, 'r.json'), {
    message: 'r.json: not a quantgate.report/v1 document (its schema is "quantgate.plan/v1")',
  });
});

test('a damaged sensitivity cache file is measured again, with a warning, never trusted', async (t) => {
  const built = writeModel({ arch: 'llama', naming: 'legacy', blocks: 1, hidden: 32 });
  const model = readModel(built.file);
  const inventory = analyzeModel(model);
  const cacheDir = tempDir();
  const warnings: string[] = [];
  const options = { ep: 'cpu' as const, cacheDir, warn: (m: string) => warnings.push(m), budgetSeconds: 60 };
  const settings = { blockSize: 32, symmetric: true, scale: 'rtn' as const };
  const first = await measureSensitivity(model, inventory, settings, options);
  const files = fs.readdirSync(cacheDir);
  t.is(files.length, 1);
  const damaged = { ...first, errors: { [Object.keys(first.errors)[0]!]: { 4: 'a lot' } } };
  fs.writeFileSync(path.join(cacheDir, files[0]!), JSON.stringify(damaged));
  const second = await measureSensitivity(model, inventory, settings, options);
  t.deepEqual(second.errors, first.errors);
  t.is(warnings.length, 1);
  t.regex(
    warnings[0]!,
    /^ignoring a damaged sensitivity cache file \(.*sensitivity-.*\.json: not a quantgate\.sensitivity\/v1 document: errors\[".*"\]\[4\] must be number\)$/,
  );
  // Rewritten: the third read is a clean hit.
  await measureSensitivity(model, inventory, settings, options);
  t.is(warnings.length, 1);
});
