import type { Static, TSchema } from 'typebox';
import { ModelInputError, type ModelDefinition } from '../../models/index.js';

export const modelRef = (model: { readonly id: string; readonly version: string }): string => `${model.id}@${model.version}`;

export type ModelRun<O> =
  | { readonly ok: true; readonly outputs: O; readonly warnings: string[]; readonly ref: string }
  | { readonly ok: false; readonly reason: string; readonly ref: string };

/**
 * Calls a library model; an input the model refuses (ModelInputError: outside its validated range, an impossible
 * combination) becomes `ok: false` with the model's reason, so the twin can leave the component out and say why.
 * Any other error is a bug and propagates.
 */
export function runModel<I extends TSchema, O extends TSchema>(model: ModelDefinition<I, O>, input: Static<I>): ModelRun<Static<O>> {
  const ref = modelRef(model);
  try {
    const result = model.compute(input);
    return { ok: true, outputs: result.outputs, warnings: result.warnings, ref };
  } catch (error) {
    if (error instanceof ModelInputError) return { ok: false, reason: `${error.field}: ${error.message}`, ref };
    throw error;
  }
}
