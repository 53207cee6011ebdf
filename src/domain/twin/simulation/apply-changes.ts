import type { DayFeatures, TwinFeatures } from '../twin-features.js';
import { editLastNights } from './edit-nights.js';
import type { SimulationChange } from './simulation-change.schema.js';

/** Lowest values a simulated blood pressure may reach (mmHg): below them the reading is no longer plausible at rest. */
const MIN_SBP = 70;
const MIN_DBP = 40;

export interface AppliedChanges {
  readonly features: TwinFeatures;
  /** what could not be applied as asked (nothing to edit, clipped to stay plausible) */
  readonly notes: readonly string[];
}

/** Edits a copy of `features`, one change after the other. The input is never mutated. */
export function applyChanges(features: TwinFeatures, changes: readonly SimulationChange[]): TwinFeatures {
  return applyChangesWithNotes(features, changes).features;
}

export function applyChangesWithNotes(features: TwinFeatures, changes: readonly SimulationChange[]): AppliedChanges {
  const notes: string[] = [];
  const edited = changes.reduce((current, change) => applyOne(current, change, notes), features);
  return { features: edited, notes };
}

function applyOne(f: TwinFeatures, change: SimulationChange, notes: string[]): TwinFeatures {
  switch (change.type) {
    case 'sleep_hours':
    case 'sleep_minimum': {
      const deltaFor =
        change.type === 'sleep_hours'
          ? () => change.delta_hours * 60
          : (night: { asleep_minutes: number }) => Math.max(0, change.hours * 60 - night.asleep_minutes);
      const { nights, shortfallMinutes } = editLastNights(f.nights, change.nights, deltaFor);
      if (f.nights.length === 0) notes.push(`${change.type}: no recorded nights to change`);
      else if (shortfallMinutes > 0.5) {
        notes.push(
          `${change.type}: ${Math.round(shortfallMinutes)} min could not be applied (a night cannot start before the previous one ended, nor go below 0 h)`,
        );
      }
      return { ...f, nights };
    }
    case 'steps':
    case 'exercise_minutes': {
      const field = change.type;
      const { days, changed } = editLastDays(f.days, change.days, field, change.delta_per_day);
      if (changed === 0) notes.push(`${field}: no day in the window has a ${field} value to change`);
      return { ...f, days };
    }
    case 'weight_percent': {
      const weight = f.profile.weight_kg;
      if (weight === null) {
        notes.push('weight_percent: weight unknown, nothing to change');
        return f;
      }
      return { ...f, profile: { ...f.profile, weight_kg: { ...weight, value: weight.value * (1 + change.percent / 100) } } };
    }
    case 'quit_smoking':
      if (f.history.smoker !== true) notes.push('quit_smoking: not recorded as a smoker, nothing to change');
      return f.history.smoker === true ? { ...f, history: { ...f.history, smoker: false } } : f;
    case 'veg_fruit_daily':
      return { ...f, history: { ...f.history, veg_fruit_daily: true } };
    case 'blood_pressure': {
      const bp = f.blood_pressure;
      if (bp === null) {
        notes.push('blood_pressure: no blood-pressure readings, nothing to change');
        return f;
      }
      const sbp = Math.max(MIN_SBP, bp.sbp_mmhg + change.sbp_delta_mmhg);
      const dbp = Math.min(sbp - 1, Math.max(MIN_DBP, bp.dbp_mmhg + (change.dbp_delta_mmhg ?? 0)));
      if (sbp !== bp.sbp_mmhg + change.sbp_delta_mmhg || dbp !== bp.dbp_mmhg + (change.dbp_delta_mmhg ?? 0)) {
        notes.push(`blood_pressure: clipped to a plausible resting reading (${sbp}/${dbp} mmHg)`);
      }
      return { ...f, blood_pressure: { ...bp, sbp_mmhg: sbp, dbp_mmhg: dbp } };
    }
  }
}

/** Adds `delta` (floored at 0) to `field` on the last `count` days; a day without a value stays unknown. */
function editLastDays(
  days: readonly DayFeatures[],
  count: number | undefined,
  field: 'steps' | 'exercise_minutes',
  delta: number,
): { days: DayFeatures[]; changed: number } {
  const from = count === undefined ? 0 : Math.max(0, days.length - count);
  let changed = 0;
  const edited = days.map((day, i) => {
    const value = day[field];
    if (i < from || value === null) return day;
    changed += 1;
    return { ...day, [field]: Math.max(0, value + delta) };
  });
  return { days: edited, changed };
}
