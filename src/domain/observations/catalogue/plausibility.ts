/**
 * Plausibility of a value already in the type's canonical unit: refuses physiologically impossible manual entries
 * (and unit slips such as SpO2 sent as 0.97 "percent"). Pure.
 */
import { byId, type PlausibleRange } from './observation-types.js';
import { UnknownObservationTypeError } from './units.js';

export type Plausibility =
  | { readonly ok: true }
  | { readonly ok: false; readonly typeId: string; readonly value: number; readonly range: PlausibleRange; readonly reason: string };

/**
 * Checks a canonical value against the type's plausible range. Types without a range (category, correlation — check
 * each component instead) are always ok. Throws UnknownObservationTypeError for an unknown type.
 */
export function checkPlausible(typeId: string, canonicalValue: number): Plausibility {
  const type = byId(typeId);
  if (!type) throw new UnknownObservationTypeError(typeId);
  const range = type.range;
  if (range === null) return { ok: true };
  if (Number.isFinite(canonicalValue) && canonicalValue >= range.min && canonicalValue <= range.max) return { ok: true };
  return {
    ok: false,
    typeId,
    value: canonicalValue,
    range,
    reason: `${typeId} ${String(canonicalValue)} ${type.unit} is outside the plausible range ${range.min}–${range.max} ${type.unit}`,
  };
}
