/**
 * Unit conversion to the canonical (UCUM) unit of an observation type. Pure: no I/O, no clock.
 *
 * Every accepted spelling belongs to one dimension and is defined by an affine map onto that dimension's base unit:
 *   base = (value + offset) × scale.
 * A value is converted through the base: canonical = base / canonicalScale − canonicalOffset. Scales are positive,
 * so every conversion is strictly increasing. Spellings are matched exactly (UCUM is case-sensitive: `Cal` ≠ `cal`).
 *
 * Conversion factors (all exact by definition unless noted):
 *  - 1 lb = 0.45359237 kg (international yard and pound agreement, 1959); 1 oz = 1/16 lb; 1 st = 14 lb.
 *  - 1 in = 2.54 cm; 1 ft = 12 in = 0.3048 m; 1 yd = 0.9144 m; 1 mi = 1609.344 m (same agreement).
 *  - 1 kcal = 4.184 kJ (thermochemical calorie, the one HealthKit and food labelling use); `Cal` is the kilocalorie.
 *  - °C = (°F − 32) × 5/9; °C = K − 273.15.
 *  - 1 mmHg = 133.322387415 Pa (conventional millimetre of mercury: 13.5951 g/cm³ × 9.80665 m/s² × 1 mm).
 *  - Glucose: mg/dL = mmol/L × M / 10 where M is the molar mass in g/mol. Plain `mmol/L` uses M = 180.156 g/mol
 *    (C6H12O6 from IUPAC standard atomic weights: 6 × 12.011 + 12 × 1.008 + 6 × 15.999), i.e. × 18.0156.
 *    HealthKit writes its molar glucose unit with the molar mass it used, `mmol<180.1558800000541>/L`; we honour the
 *    embedded M (so a HealthKit value round-trips exactly) but only when it is glucose's (within 0.01 g/mol).
 *  - Percent: HealthKit stores `%` quantities (OxygenSaturation, BodyFatPercentage, …) as a FRACTION, 0.97 for 97 %.
 *    In the `healthkit` dialect `%` therefore means "fraction" (× 100); in the `ucum` dialect `%` means percent.
 *    `1` (UCUM unity) is always a fraction. The caller must say which dialect it speaks: no default, no guessing.
 *  - HealthKit stores BodyMassIndex with the unit `count`; in the `healthkit` dialect `count` is kg/m² for BMI only.
 *  - `dBASPL` (HealthKit, A-weighted) and `dB[SPL]` (UCUM) carry the same number; UCUM cannot express the A-weighting.
 *  - Lab substances stored in mg/dL have their own dimension, because a molar unit converts by the substance's molar mass
 *    (the type row names it, `dimension`). SI conversion factors from Young DS, Implementation of SI units for clinical
 *    laboratory data, Ann Intern Med 1987;106(1):114-129: cholesterol (total, HDL, LDL) mg/dL = mmol/L × 38.67
 *    (0.02586 mmol/L per mg/dL, M = 386.65 g/mol); triglycerides (as triolein, M = 885.7 g/mol) mg/dL = mmol/L × 88.57
 *    (0.01129); creatinine mg/dL = µmol/L ÷ 88.42 (M = 113.12 g/mol gives 88.40; 88.42 is the factor the MDRD/CKD-EPI
 *    calculators use, 0.02 % apart).
 *  - HbA1c: canonical NGSP/DCCT percent; IFCC mmol/mol by the IFCC-NGSP master equation NGSP = 0.09148 × IFCC + 2.152
 *    (Hoelzel W et al., Clin Chem 2004;50(1):166-174; as published by the NGSP). NGSP `%` is a percentage in both dialects.
 */

import { byId } from './observation-types.js';

export type UnitDialect = 'healthkit' | 'ucum';

export type Dimension =
  | 'frequency'
  | 'count'
  | 'duration'
  | 'length'
  | 'energy'
  | 'fraction'
  | 'temperature'
  | 'pressure'
  | 'glucose_concentration'
  | 'mass'
  | 'bmi'
  | 'sound_level'
  | 'speed'
  | 'vo2'
  | 'cholesterol_concentration'
  | 'triglyceride_concentration'
  | 'creatinine_concentration'
  | 'hba1c'
  | 'particulate_concentration'
  | 'score';

/** The canonical units the catalogue uses, each a UCUM code, with its dimension. */
export const CANONICAL_UNITS = {
  '/min': 'frequency',
  '{count}': 'count',
  ms: 'duration',
  min: 'duration',
  m: 'length',
  cm: 'length',
  kcal: 'energy',
  '%': 'fraction',
  Cel: 'temperature',
  'mm[Hg]': 'pressure',
  'mg/dL': 'glucose_concentration',
  kg: 'mass',
  'kg/m2': 'bmi',
  'dB[SPL]': 'sound_level',
  'm/s': 'speed',
  'mL/(kg.min)': 'vo2',
  'ug/m3': 'particulate_concentration',
  '{score}': 'score',
} as const satisfies Record<string, Dimension>;
export type CanonicalUnit = keyof typeof CANONICAL_UNITS;

interface UnitDef {
  readonly scale: number;
  readonly offset: number;
}
const lin = (scale: number): UnitDef => ({ scale, offset: 0 });

const LB = 0.45359237;
const MMHG_PA = 133.322387415;
/** Molar mass of glucose, g/mol, used for plain `mmol/L`. */
export const GLUCOSE_MOLAR_MASS = 180.156;
const GLUCOSE_MOLAR_MASS_TOLERANCE = 0.01;
/** mg/dL per mmol/L (cholesterol, triglycerides) and µmol/L per mg/dL (creatinine): see the top of this file. */
export const CHOLESTEROL_MGDL_PER_MMOLL = 38.67;
export const TRIGLYCERIDES_MGDL_PER_MMOLL = 88.57;
export const CREATININE_UMOLL_PER_MGDL = 88.42;
const IFCC_SLOPE = 0.09148;
const IFCC_INTERCEPT = 2.152;

/** mg/dL and g/L, shared by every substance measured as a mass concentration. */
const MASS_PER_DL = { 'mg/dL': lin(1), 'mg/dl': lin(1), 'g/L': lin(100) } as const;

/**
 * Spellings per dimension, shared by both dialects. Base units: /min, {count}, s, m, kcal, 1 (fraction), Cel, mm[Hg],
 * mg/dL, kg, kg/m2, dB[SPL], m/s, mL/(kg.min). HealthKit spellings are those of `HKUnit.unitString` as written in
 * export.xml (`count/min`, `hr`, `Cal`, `degF`, `mmHg`, `mi/hr`, `mL/min·kg`, `dBASPL`, …).
 */
const SPELLINGS: Readonly<Record<Dimension, Readonly<Record<string, UnitDef>>>> = {
  frequency: {
    '/min': lin(1),
    '1/min': lin(1),
    'count/min': lin(1),
    '{count}/min': lin(1),
    '{beats}/min': lin(1),
    '{breaths}/min': lin(1),
    'beats/min': lin(1),
    'breaths/min': lin(1),
    bpm: lin(1),
    '/s': lin(60),
    'count/s': lin(60),
  },
  count: { '{count}': lin(1), '{steps}': lin(1), count: lin(1), '1': lin(1) },
  duration: { ms: lin(0.001), s: lin(1), min: lin(60), hr: lin(3600), h: lin(3600), d: lin(86400) },
  length: {
    m: lin(1),
    km: lin(1000),
    cm: lin(0.01),
    mm: lin(0.001),
    in: lin(0.0254),
    '[in_i]': lin(0.0254),
    ft: lin(0.3048),
    '[ft_i]': lin(0.3048),
    yd: lin(0.9144),
    '[yd_i]': lin(0.9144),
    mi: lin(1609.344),
    '[mi_i]': lin(1609.344),
  },
  energy: { kcal: lin(1), Cal: lin(1), '[Cal]': lin(1), cal: lin(0.001), kJ: lin(1 / 4.184), J: lin(1 / 4184) },
  fraction: { '1': lin(1) }, // `%` is dialect-dependent, see dialectSpelling
  temperature: {
    Cel: lin(1),
    degC: lin(1),
    '°C': lin(1),
    '[degF]': { scale: 5 / 9, offset: -32 },
    degF: { scale: 5 / 9, offset: -32 },
    '°F': { scale: 5 / 9, offset: -32 },
    K: { scale: 1, offset: -273.15 },
  },
  pressure: { 'mm[Hg]': lin(1), mmHg: lin(1), kPa: lin(1000 / MMHG_PA), Pa: lin(1 / MMHG_PA) },
  glucose_concentration: {
    'mg/dL': lin(1),
    'mg/dl': lin(1),
    'g/L': lin(100),
    'mmol/L': lin(GLUCOSE_MOLAR_MASS / 10),
    'mmol/l': lin(GLUCOSE_MOLAR_MASS / 10),
  },
  mass: {
    kg: lin(1),
    g: lin(0.001),
    lb: lin(LB),
    '[lb_av]': lin(LB),
    oz: lin(LB / 16),
    '[oz_av]': lin(LB / 16),
    st: lin(LB * 14),
    '[stone_av]': lin(LB * 14),
  },
  bmi: { 'kg/m2': lin(1), 'kg/m^2': lin(1) }, // + HealthKit's `count`, see dialectSpelling
  sound_level: { 'dB[SPL]': lin(1), dBASPL: lin(1) },
  speed: {
    'm/s': lin(1),
    'km/hr': lin(1 / 3.6),
    'km/h': lin(1 / 3.6),
    'mi/hr': lin(1609.344 / 3600),
    '[mi_i]/h': lin(1609.344 / 3600),
  },
  vo2: {
    'mL/(kg.min)': lin(1),
    'mL/min·kg': lin(1),
    'mL/kg·min': lin(1),
    'mL/kg/min': lin(1),
    'mL/min/kg': lin(1),
  },
  cholesterol_concentration: {
    ...MASS_PER_DL,
    'mmol/L': lin(CHOLESTEROL_MGDL_PER_MMOLL),
    'mmol/l': lin(CHOLESTEROL_MGDL_PER_MMOLL),
  },
  triglyceride_concentration: {
    ...MASS_PER_DL,
    'mmol/L': lin(TRIGLYCERIDES_MGDL_PER_MMOLL),
    'mmol/l': lin(TRIGLYCERIDES_MGDL_PER_MMOLL),
  },
  creatinine_concentration: {
    ...MASS_PER_DL,
    'umol/L': lin(1 / CREATININE_UMOLL_PER_MGDL),
    'µmol/L': lin(1 / CREATININE_UMOLL_PER_MGDL),
    'umol/l': lin(1 / CREATININE_UMOLL_PER_MGDL),
  },
  // base: NGSP percent; IFCC = (NGSP − 2.152) / 0.09148, i.e. NGSP = (IFCC + 2.152/0.09148) × 0.09148
  hba1c: { '%': lin(1), 'mmol/mol': { scale: IFCC_SLOPE, offset: IFCC_INTERCEPT / IFCC_SLOPE } },
  particulate_concentration: { 'ug/m3': lin(1), 'µg/m3': lin(1), 'mg/m3': lin(1000) },
  // a questionnaire's points: no other spelling, so a number from another scale is never taken for one
  score: { '{score}': lin(1) },
};

const DIMENSIONS = Object.keys(SPELLINGS) as Dimension[];

/** HealthKit's molar glucose spelling: `mmol<180.1558800000541>/L`. */
const HK_MOLAR = /^mmol<(\d+(?:\.\d+)?)>\/L$/;

/** The spellings whose meaning depends on the dialect. */
function dialectSpelling(dimension: Dimension, unit: string, dialect: UnitDialect): UnitDef | undefined {
  if (dimension === 'fraction' && unit === '%') return dialect === 'healthkit' ? lin(1) : lin(0.01);
  if (dimension === 'bmi' && unit === 'count' && dialect === 'healthkit') return lin(1);
  return undefined;
}

type Lookup = { kind: 'ok'; def: UnitDef } | { kind: 'wrong_dimension'; dimensions: Dimension[]; detail?: string } | { kind: 'unknown' };

function lookup(dimension: Dimension, unit: string, dialect: UnitDialect): Lookup {
  const special = dialectSpelling(dimension, unit, dialect);
  if (special) return { kind: 'ok', def: special };
  const own = SPELLINGS[dimension];
  if (Object.hasOwn(own, unit)) return { kind: 'ok', def: own[unit] as UnitDef };
  const molar = HK_MOLAR.exec(unit);
  if (molar) {
    const molarMass = Number(molar[1]);
    if (dimension === 'glucose_concentration' && Math.abs(molarMass - GLUCOSE_MOLAR_MASS) <= GLUCOSE_MOLAR_MASS_TOLERANCE) {
      return { kind: 'ok', def: lin(molarMass / 10) };
    }
    return {
      kind: 'wrong_dimension',
      dimensions: ['glucose_concentration'],
      detail: dimension === 'glucose_concentration' ? `molar mass ${molarMass} g/mol is not glucose's (${GLUCOSE_MOLAR_MASS})` : undefined,
    };
  }
  const elsewhere = DIMENSIONS.filter(
    (d) => d !== dimension && (Object.hasOwn(SPELLINGS[d], unit) || dialectSpelling(d, unit, dialect) !== undefined),
  );
  return elsewhere.length > 0 ? { kind: 'wrong_dimension', dimensions: elsewhere } : { kind: 'unknown' };
}

/** Base class of every unit refusal: it names the unit and the observation type it was meant for. */
export class UnitConversionError extends Error {
  constructor(
    readonly code: 'unknown_unit' | 'wrong_dimension' | 'invalid_value',
    readonly unit: string,
    readonly typeId: string,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The spelling is not a unit we know in any dimension. */
export class UnknownUnitError extends UnitConversionError {
  constructor(unit: string, typeId: string, dialect: UnitDialect) {
    super('unknown_unit', unit, typeId, `unknown unit ${JSON.stringify(unit)} for observation type ${typeId} (${dialect} dialect)`);
  }
}

/** The spelling is a known unit, but of another dimension than the observation type's (kg for heart_rate). */
export class WrongDimensionError extends UnitConversionError {
  constructor(
    unit: string,
    typeId: string,
    readonly expected: Dimension,
    readonly found: readonly Dimension[],
    detail?: string,
  ) {
    super(
      'wrong_dimension',
      unit,
      typeId,
      `unit ${JSON.stringify(unit)} is ${found.join('/')}, but observation type ${typeId} is measured as ${expected}` +
        (detail ? `: ${detail}` : ''),
    );
  }
}

function resolve(dimension: Dimension, unit: string, dialect: UnitDialect, typeId: string): UnitDef {
  const found = lookup(dimension, unit, dialect);
  if (found.kind === 'ok') return found.def;
  if (found.kind === 'wrong_dimension') throw new WrongDimensionError(unit, typeId, dimension, found.dimensions, found.detail);
  throw new UnknownUnitError(unit, typeId, dialect);
}

function checkFinite(value: number, unit: string, typeId: string): void {
  if (!Number.isFinite(value)) {
    throw new UnitConversionError(
      'invalid_value',
      unit,
      typeId,
      `value ${String(value)} for observation type ${typeId} is not a finite number`,
    );
  }
}

/** The canonical unit's own definition (always UCUM dialect: canonical units are UCUM codes). */
function canonicalDef(canonical: CanonicalUnit, dimension: Dimension): UnitDef {
  if (dimension === 'fraction' && canonical === '%') return lin(0.01);
  return SPELLINGS[dimension][canonical] as UnitDef;
}

/** value in `from` → value in `to`, through the dimension's base; identical definitions return the value unchanged. */
function apply(value: number, from: UnitDef, to: UnitDef): number {
  if (from.scale === to.scale && from.offset === to.offset) return value;
  const base = (value + from.offset) * from.scale;
  return base / to.scale - to.offset;
}

/**
 * Converts `value` expressed in `unit` to `canonical`. `typeId` only names the type in errors; `dimension` defaults to
 * the canonical unit's (a lab substance passes its own, so a molar unit uses its molar mass).
 * The canonical unit itself (UCUM dialect) is returned unchanged, bit for bit.
 */
export function convertToCanonical(
  value: number,
  unit: string,
  canonical: CanonicalUnit,
  dialect: UnitDialect,
  typeId: string,
  dimension: Dimension = CANONICAL_UNITS[canonical],
): number {
  checkFinite(value, unit, typeId);
  if (dialect === 'ucum' && unit === canonical) return value;
  return apply(value, resolve(dimension, unit, dialect, typeId), canonicalDef(canonical, dimension));
}

/** The inverse of convertToCanonical: a canonical value expressed in `unit`. */
export function convertFromCanonical(
  value: number,
  unit: string,
  canonical: CanonicalUnit,
  dialect: UnitDialect,
  typeId: string,
  dimension: Dimension = CANONICAL_UNITS[canonical],
): number {
  checkFinite(value, unit, typeId);
  if (dialect === 'ucum' && unit === canonical) return value;
  return apply(value, canonicalDef(canonical, dimension), resolve(dimension, unit, dialect, typeId));
}

/** Every spelling accepted for a dimension in a dialect (the HealthKit molar glucose pattern is not enumerable). */
export function acceptedUnits(dimension: Dimension, dialect: UnitDialect): string[] {
  const units = Object.keys(SPELLINGS[dimension]);
  if (dimension === 'fraction') units.push('%');
  if (dimension === 'bmi' && dialect === 'healthkit') units.push('count');
  return units;
}

/** The observation type id is not in the catalogue. */
export class UnknownObservationTypeError extends Error {
  constructor(readonly typeId: string) {
    super(`unknown observation type ${JSON.stringify(typeId)}`);
    this.name = 'UnknownObservationTypeError';
  }
}

function canonicalOf(typeId: string): { unit: CanonicalUnit; dimension: Dimension } {
  const type = byId(typeId);
  if (!type) throw new UnknownObservationTypeError(typeId);
  return { unit: type.unit, dimension: type.dimension ?? CANONICAL_UNITS[type.unit] };
}

/**
 * `value` in `unit` → the observation type's canonical unit. `dialect` says whose spelling `unit` is (see the top of
 * this file: it decides whether `%` is a fraction). Throws UnknownUnitError, WrongDimensionError,
 * UnitConversionError('invalid_value') or UnknownObservationTypeError; never guesses.
 */
export function toCanonical(typeId: string, value: number, unit: string, dialect: UnitDialect): number {
  const canonical = canonicalOf(typeId);
  return convertToCanonical(value, unit, canonical.unit, dialect, typeId, canonical.dimension);
}

/** A canonical value of the type expressed in `unit` (for display, or to write HealthKit units back). */
export function fromCanonical(typeId: string, value: number, unit: string, dialect: UnitDialect): number {
  const canonical = canonicalOf(typeId);
  return convertFromCanonical(value, unit, canonical.unit, dialect, typeId, canonical.dimension);
}

/** The dimension an observation type is measured in. */
export function dimensionOf(typeId: string): Dimension {
  return canonicalOf(typeId).dimension;
}
