import { Ajv, type Options } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';
import type { SchemaIssue } from './validation-errors.js';

const COMMON: Options = {
  allErrors: true, // name every bad field, not just the first
  useDefaults: true,
  removeAdditional: true, // unknown fields are dropped where a schema closes an object, as spec clients may send extras
  strict: false, // OpenAPI annotations (example, description) are not validation keywords
};

function createAjv(coerceTypes: Options['coerceTypes'], removeAdditional: Options['removeAdditional'] = true): Ajv {
  const ajv = new Ajv({ ...COMMON, coerceTypes, removeAdditional });
  (addFormats as unknown as (ajv: Ajv) => Ajv)(ajv);
  return ajv;
}

/**
 * Query strings, path parameters and headers arrive as text and are coerced to the schema's types;
 * JSON bodies are not ("15" is not a PHQ-9 score).
 */
export function createValidatorCompiler(): FastifySchemaCompiler<unknown> {
  const strict = createAjv(false);
  const coercing = createAjv('array');
  return ({ schema, httpPart }) => (httpPart === 'body' ? strict : coercing).compile(schema as object);
}

let exact: Ajv | undefined;

/**
 * A validator that refuses what a closed schema does not declare instead of dropping it: for inputs where an
 * ignored field changes the answer (a misspelt risk factor would silently count as absent). Applies defaults.
 */
export function compileExactValidator(schema: object): (value: unknown) => SchemaIssue[] {
  exact ??= createAjv(false, false);
  const validate = exact.compile(schema);
  return (value) => (validate(value) ? [] : ((validate.errors ?? []) as SchemaIssue[]));
}
