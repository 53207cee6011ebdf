import type { Static, TSchema } from 'typebox';

/**
 * A validated model, callable like a clinical calculator (contract: shared spec `calculators.md`).
 * Pure: no I/O, no clock, no randomness; the same input always gives the same output. The twin engine
 * calls the very same `compute`.
 */
export interface ModelDefinition<I extends TSchema = TSchema, O extends TSchema = TSchema> {
  /** Stable id used in URLs (`pce-2013`). */
  readonly id: string;
  /** Semantic version of this implementation; bumped whenever an output can change. */
  readonly version: string;
  readonly title: string;
  /** The source the model implements and was verified against (authors, year, journal, DOI). */
  readonly citation: string;
  /** JSON Schema of the inputs (field names are the contract; units are in the names). */
  readonly inputSchema: I;
  /** JSON Schema of `outputs`. */
  readonly outputSchema: O;
  compute(input: Static<I>): ModelResult<Static<O>>;
}

export interface ModelResult<O> {
  /** Unrounded numbers: rounding is the client's business. */
  outputs: O;
  /** What the caller should know: outside the validated range, a branch taken, an input ignored. */
  warnings: string[];
}

/**
 * An input the schema cannot judge (a combination, a range the source forbids). The calculators API answers
 * 422 naming `field`. Models whose source says "compute but flag" return `valid: false` plus a warning instead.
 */
export class ModelInputError extends Error {
  override readonly name = 'ModelInputError';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** Any model, for registries and lists. */
export type AnyModel = ModelDefinition<TSchema, TSchema>;

/** Declares a model with its input and output types inferred from the schemas (it still fits `AnyModel[]`). */
export const defineModel = <I extends TSchema, O extends TSchema>(model: ModelDefinition<I, O>): ModelDefinition<I, O> => model;
