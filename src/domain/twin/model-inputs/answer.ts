/**
 * What a model run on a features snapshot answers: a value, or why it could not run and exactly which facts would
 * let it. Nothing is ever defaulted: an unstated risk factor is a missing input, never "no".
 */

/** One input the model needs and the snapshot lacks, with what would supply it. */
export interface MissingInput {
  /** the feature path (`history.smoker`, `labs.creatinine_mgdl`) */
  readonly input: string;
  /** what to measure or state */
  readonly need: string;
}

export type ModelAnswer<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly missing: readonly MissingInput[]; readonly reason: string };

/** Where a person states their clinical history (the `history.*` features). */
export const HEALTH_PROFILE_ENDPOINT = 'PUT /v1/users/me/health-profile';

export const notRun = <T>(missing: readonly MissingInput[], reason: string): ModelAnswer<T> => ({ ok: false, missing, reason });

/** Collects missing inputs: `need(list, 'history.smoker', value, 'smoking status')` adds one when value is null. */
export function need(missing: MissingInput[], input: string, value: unknown, what: string): void {
  if (value === null || value === undefined) missing.push({ input, need: what });
}

/** A history fact the person states through the health profile. */
export const stated = (what: string): string => `${what} (state it: ${HEALTH_PROFILE_ENDPOINT})`;

/** The reason text of an abstention: what is missing, each with what would fix it. */
export const missingReason = (model: string, missing: readonly MissingInput[]): string =>
  `${model} cannot run without: ${missing.map((m) => `${m.input} — ${m.need}`).join('; ')}`;
