/**
 * Every JSON file quantgate reads is checked against its JSON Schema (published in `schemas/`) before any
 * of it is used: golden plans and plan files, golden quality records, labels, reports to merge, and the
 * sensitivity cache. A file that does not validate is bad input naming the file and the first problem,
 * never a silently skipped gate.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import * as fs from 'node:fs';
import labelsSchema from '../../schemas/labels.schema.json' with { type: 'json' };
import planSchema from '../../schemas/plan.schema.json' with { type: 'json' };
import qualitySchema from '../../schemas/quality.schema.json' with { type: 'json' };
import reportSchema from '../../schemas/report.schema.json' with { type: 'json' };
import sensitivitySchema from '../../schemas/sensitivity.schema.json' with { type: 'json' };
import { BadInputError, messageOf } from '../errors.js';

const SCHEMAS = {
  plan: planSchema,
  labels: labelsSchema,
  quality: qualitySchema,
  report: reportSchema,
  sensitivity: sensitivitySchema,
} as const;

export type SchemaKind = keyof typeof SCHEMAS;

let ajv: Ajv | undefined;
const compiled = new Map<SchemaKind, ValidateFunction>();

function validator(kind: SchemaKind): ValidateFunction {
  let fn = compiled.get(kind);
  if (!fn) {
    // Compiled on first use: the CLI's commands that read no JSON never pay for it.
    // All schemas known to one Ajv: the report's baseline refers to the quality record's measurement.
    ajv ??= new Ajv({ allErrors: false, strict: true, strictRequired: false, allowUnionTypes: true, schemas: Object.values(SCHEMAS) });
    const found = ajv.getSchema(SCHEMAS[kind].$id);
    if (!found) throw new Error(`schema ${SCHEMAS[kind].$id} not registered`);
    fn = found;
    compiled.set(kind, fn);
  }
  return fn;
}

/** The schema's title: what a valid document is called (`quantgate.plan/v1`). */
export function schemaTitle(kind: SchemaKind): string {
  return SCHEMAS[kind].title;
}

/** `/layers/3/bits` → `layers[3].bits`. */
function where(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce(
      (out, part) =>
        /^\d+$/.test(part)
          ? `${out}[${part}]`
          : /^[A-Za-z_]\w*$/.test(part)
            ? out
              ? `${out}.${part}`
              : part
            : `${out}[${JSON.stringify(part)}]`,
      '',
    );
}

function describe(error: ErrorObject): string {
  const at = where(error.instancePath);
  let message =
    error.keyword === 'minProperties' && (error.params as { limit?: number }).limit === 1
      ? 'must not be empty'
      : (error.message ?? 'is invalid');
  const params = error.params as { allowedValues?: unknown[]; allowedValue?: unknown };
  if (params.allowedValues) message += ` (${params.allowedValues.map((v) => JSON.stringify(v)).join(', ')})`;
  if (error.keyword === 'const') message += ` (${JSON.stringify(params.allowedValue)})`;
  return at ? `${at} ${message}` : message;
}

/** The document as its type, or bad input: `FILE: not a TITLE document: WHERE MESSAGE`. */
export function validate<T>(kind: SchemaKind, doc: unknown, file: string): T {
  const expected = (SCHEMAS[kind].properties as { schema?: { const?: string } }).schema?.const;
  const actual = typeof doc === 'object' && doc !== null ? (doc as { schema?: unknown }).schema : undefined;
  // Another kind of quantgate file (a plan given as a report): say what it is rather than what it lacks.
  if (expected !== undefined && actual !== undefined && actual !== expected)
    throw new BadInputError(`${file}: not a ${expected} document (its schema is ${JSON.stringify(actual)})`.replace(/[\r\n]+/g, ' '));
  const fn = validator(kind);
  if (fn(doc)) return doc as T;
  const first = fn.errors?.[0];
  throw new BadInputError(`${file}: not a ${schemaTitle(kind)} document: ${first ? describe(first) : 'invalid'}`.replace(/[\r\n]+/g, ' '));
}

/** Reads and parses a JSON file (bad input naming the file when it cannot be read or parsed). */
export function readJson(file: string, what: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new BadInputError(`${file}: cannot read ${what} (${code === 'ENOENT' ? 'file not found' : messageOf(err)})`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new BadInputError(`${file}: not valid JSON (${messageOf(err)})`);
  }
}

/** Reads, parses and validates one JSON file. */
export function readValidated<T>(kind: SchemaKind, file: string): T {
  return validate<T>(kind, readJson(file, schemaTitle(kind)), file);
}
