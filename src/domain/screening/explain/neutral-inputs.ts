import type { ModelInputs } from '../model/model-inputs.js';
import type { ScreeningModelSpec } from '../model/model-spec.js';

/**
 * Missing inputs replaced by the value at which they carry no evidence (each ramp's `zero_at`), so rules written over
 * complete profiles can be matched to a case with gaps exactly as the model treats it (a missing input adds nothing).
 */
export function withNeutralValues(spec: ScreeningModelSpec, inputs: ModelInputs): ModelInputs {
  const filled: Record<string, number | undefined> = { ...inputs };
  for (const feature of spec.features) for (const part of feature.parts) filled[part.input] ??= part.zero_at;
  return filled;
}
