/**
 * The health profile: what a person states about themselves that no sensor measures — their clinical history and
 * their work (../twin-features.ts `ClinicalHistory`, `Occupation`). Stored as JSON text in `users.health_profile`;
 * every field is null until stated, and a stated field can be cleared again with null. Pure: parse, merge, describe.
 */
import type { ClinicalHistory, FamilyDiabetes, Occupation, PhysicalDemand, Race } from '../twin-features.js';

export interface HealthProfile {
  readonly history: ClinicalHistory;
  readonly occupation: Occupation;
  /** when the person last changed it (ISO 8601); null when never stated */
  readonly updated_at: string | null;
}

/** A partial update: an omitted field is kept, null clears it. */
export interface HealthProfilePatch {
  readonly history?: { readonly [K in keyof ClinicalHistory]?: ClinicalHistory[K] };
  readonly occupation?: { readonly [K in keyof Occupation]?: Occupation[K] };
}

export const RACES: readonly Race[] = ['white', 'african_american', 'other'];
export const FAMILY_DIABETES: readonly FamilyDiabetes[] = ['none', 'second_degree', 'first_degree'];
export const PHYSICAL_DEMANDS: readonly PhysicalDemand[] = ['sedentary', 'light', 'moderate', 'heavy'];
/** `HH:MM`, 00:00-23:59 */
export const CLOCK_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export const HISTORY_FIELDS = [
  'race',
  'smoker',
  'diabetes',
  'bp_treated',
  'statin',
  'family_diabetes',
  'gestational_diabetes',
  'high_glucose_ever',
  'veg_fruit_daily',
] as const satisfies readonly (keyof ClinicalHistory)[];
export const OCCUPATION_FIELDS = [
  'physical_demand',
  'safety_critical',
  'shift_start_local',
  'shift_end_local',
] as const satisfies readonly (keyof Occupation)[];

export const EMPTY_HISTORY: ClinicalHistory = {
  race: null,
  smoker: null,
  diabetes: null,
  bp_treated: null,
  statin: null,
  family_diabetes: null,
  gestational_diabetes: null,
  high_glucose_ever: null,
  veg_fruit_daily: null,
};
export const EMPTY_OCCUPATION: Occupation = {
  physical_demand: null,
  safety_critical: null,
  shift_start_local: null,
  shift_end_local: null,
};
export const EMPTY_HEALTH_PROFILE: HealthProfile = { history: EMPTY_HISTORY, occupation: EMPTY_OCCUPATION, updated_at: null };

const oneOf =
  <T extends string>(allowed: readonly T[]) =>
  (v: unknown): T | null =>
    typeof v === 'string' && (allowed as readonly string[]).includes(v) ? (v as T) : null;
const flag = (v: unknown): boolean | null => (typeof v === 'boolean' ? v : null);
const clock = (v: unknown): string | null => (typeof v === 'string' && CLOCK_TIME.test(v) ? v : null);

const HISTORY_READERS: { readonly [K in keyof ClinicalHistory]: (v: unknown) => ClinicalHistory[K] } = {
  race: oneOf(RACES),
  smoker: flag,
  diabetes: flag,
  bp_treated: flag,
  statin: flag,
  family_diabetes: oneOf(FAMILY_DIABETES),
  gestational_diabetes: flag,
  high_glucose_ever: flag,
  veg_fruit_daily: flag,
};
const OCCUPATION_READERS: { readonly [K in keyof Occupation]: (v: unknown) => Occupation[K] } = {
  physical_demand: oneOf(PHYSICAL_DEMANDS),
  safety_critical: flag,
  shift_start_local: clock,
  shift_end_local: clock,
};

function readSection<T>(raw: unknown, readers: { readonly [K in keyof T]: (v: unknown) => T[K] }): T {
  const source = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const out = {} as { [K in keyof T]: T[K] };
  for (const key of Object.keys(readers) as (keyof T)[]) out[key] = readers[key](source[key as string]);
  return out;
}

/**
 * The stored JSON as a full profile. Tolerant on purpose: a value this version does not understand reads as not stated
 * (null), never as a guess, and never fails the person's other reads.
 */
export function parseHealthProfile(text: string | null): HealthProfile {
  if (text === null) return EMPTY_HEALTH_PROFILE;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return EMPTY_HEALTH_PROFILE;
  }
  const record = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  return {
    history: readSection(record['history'], HISTORY_READERS),
    occupation: readSection(record['occupation'], OCCUPATION_READERS),
    updated_at: typeof record['updated_at'] === 'string' ? record['updated_at'] : null,
  };
}

/** `profile` with the patch applied (omitted fields kept), stamped `now`. The patch must be validated already. */
export function applyHealthProfilePatch(profile: HealthProfile, patch: HealthProfilePatch, now: string): HealthProfile {
  return {
    history: { ...profile.history, ...definedOnly(patch.history) },
    occupation: { ...profile.occupation, ...definedOnly(patch.occupation) },
    updated_at: now,
  };
}

/** The dotted names of the fields a patch sets (for the audit trail: names only, never values). */
export function patchedFields(patch: HealthProfilePatch): string[] {
  return [
    ...Object.keys(definedOnly(patch.history)).map((k) => `history.${k}`),
    ...Object.keys(definedOnly(patch.occupation)).map((k) => `occupation.${k}`),
  ];
}

function definedOnly<T extends object>(section: T | undefined): Partial<T> {
  if (!section) return {};
  return Object.fromEntries(Object.entries(section).filter(([, v]) => v !== undefined)) as Partial<T>;
}
