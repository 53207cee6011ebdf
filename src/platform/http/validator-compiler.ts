import { Ajv, type Options } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';

const COMMON: Options = {
  allErrors: true, // name every bad field, not just the first
  useDefaults: true,
  removeAdditional: true, // unknown fields are dropped where a schema closes an object, as spec clients may send extras
  strict: false, // OpenAPI annotations (example, description) are not validation keywords
};

function createAjv(coerceTypes: Options['coerceTypes']): Ajv {
  const ajv = new Ajv({ ...COMMON, coerceTypes });
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
