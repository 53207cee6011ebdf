/**
 * Occupational twin: fitness for the person's stated work — predicted fatigue (now, or over the rest of the shift
 * when as_of falls in it) and the prior sleep-wake rule (Dawson & McCulloch 2005), heat strain (estimated
 * WBGT against the NIOSH alert limit at the job's metabolic rate) and the cardiac twin weighted by how physical the
 * job is. No stated physical demand, no score. docs/models.md § occupational.
 */
import type { PhysicalDemand } from '../twin-features.js';
import type { TwinScore } from '../twin-score.js';
import type { ScoringContext } from './context.js';
import { kssNowDraft, kssPeakDraft, sleepLast24hDraft, sleepLast48hDraft } from './shared/alertness.js';
import { FATIGUE_HORIZON_HOURS } from './shared/alertness.js';
import type { DoseResponse } from './shared/dose-response.js';
import { scoreOn } from './shared/dose-response.js';
import type { FatigueForecastResult } from '../model-inputs/index.js';
import { wbgtModel } from '../../models/index.js';
import { fixedOffsetClock, runModel, shiftAround, zoneOffsetMinutes } from '../model-inputs/index.js';
import { SufficiencyLog } from './shared/sufficiency.js';
import { twinResult, weightCoverage } from './shared/twin-result.js';
import type { ComponentDraft } from './shared/weighted-score.js';

/** Fatigue (40 in all): predicted sleepiness now or over the rest of the shift, and the prior sleep-wake rule's two inputs. */
export const OCCUPATIONAL_WEIGHTS = { kss: 20, sleep_last_24h: 10, sleep_last_48h: 10, heat: 30 } as const;
const FIXED_WEIGHT =
  OCCUPATIONAL_WEIGHTS.kss + OCCUPATIONAL_WEIGHTS.sleep_last_24h + OCCUPATIONAL_WEIGHTS.sleep_last_48h + OCCUPATIONAL_WEIGHTS.heat;
/** The heavier the work, the more the heart's condition weighs in fitness for it. */
export const CARDIAC_WEIGHT_BY_DEMAND: Record<PhysicalDemand, number> = { sedentary: 10, light: 20, moderate: 30, heavy: 40 };
/** ACGIH/NIOSH 2016 metabolic-rate categories (W, 70 kg worker): rest (sitting) 115, light 180, moderate 300, heavy 415. */
export const METABOLIC_RATE_W: Record<PhysicalDemand, number> = { sedentary: 115, light: 180, moderate: 300, heavy: 415 };

/**
 * Heat strain against the NIOSH limits at the job's metabolic rate: at the recommended alert limit (RAL, for the
 * unacclimatised) → 50; at the acclimatised exposure limit (REL) → 0; as far below the RAL as the REL is above it → 100.
 */
export function heatStrainCurve(ral: number, rel: number): DoseResponse {
  return {
    anchors: [
      [ral - (rel - ral), 100],
      [ral, 50],
      [rel, 0],
    ],
    source:
      'Jacklitsch et al. 2016, NIOSH Criteria for a Recommended Standard: Occupational Exposure to Heat and Hot Environments (RAL and REL by metabolic rate)',
  };
}

/** Hours left in the shift when as_of falls inside it (local clock at as_of's offset; a shift may cross midnight), else null. */
export function shiftHoursLeft(ctx: ScoringContext, start: string | null, end: string | null): number | null {
  const clock = fixedOffsetClock(zoneOffsetMinutes(ctx.asOfMs, ctx.zone) ?? 0);
  const shift = shiftAround({ shift_start_local: start, shift_end_local: end }, ctx.asOfMs, clock);
  return shift?.current ? (shift.endMs - ctx.asOfMs) / 3_600_000 : null;
}

export function scoreOccupational(ctx: ScoringContext, result: FatigueForecastResult, cardiac: TwinScore): TwinScore {
  const f = ctx.features;
  const log = new SufficiencyLog();
  const drafts: ComponentDraft[] = [];
  const notes: string[] = [];
  const demand = f.occupation.physical_demand;
  if (demand === null) {
    log.lack('occupation.physical_demand', 'the physical demand of the job (sedentary, light, moderate or heavy)');
    return twinResult('occupational', ctx, {
      drafts: [],
      log,
      insufficient: 'the occupation is not stated',
      windowDays: 1,
      coverage: 0,
      notes,
    });
  }
  log.have('occupation.physical_demand');

  if (result.ok) {
    const prediction = result.forecast;
    log.have('nights');
    const left = shiftHoursLeft(ctx, f.occupation.shift_start_local, f.occupation.shift_end_local);
    drafts.push(
      left === null
        ? kssNowDraft(prediction, OCCUPATIONAL_WEIGHTS.kss)
        : {
            ...kssPeakDraft(prediction, Math.min(left, FATIGUE_HORIZON_HOURS), OCCUPATIONAL_WEIGHTS.kss),
            id: 'predicted_kss_rest_of_shift',
            label: 'Peak predicted sleepiness over the rest of the shift (KSS)',
          },
      sleepLast24hDraft(prediction, OCCUPATIONAL_WEIGHTS.sleep_last_24h, 'fatigue'),
      sleepLast48hDraft(prediction, OCCUPATIONAL_WEIGHTS.sleep_last_48h),
    );
    if (f.occupation.safety_critical === true)
      notes.push('safety-critical work: read the fatigue component against your fatigue risk management rules');
  } else log.lack('nights', result.need);

  const { temp_c, rh_percent } = f.environment;
  if (temp_c !== null && rh_percent !== null) {
    const result = runModel(wbgtModel, { t_air_c: temp_c.value, rh_percent: rh_percent.value, metabolic_rate_w: METABOLIC_RATE_W[demand] });
    const ral = result.ok ? result.outputs.ral_unacclimatized_c : undefined;
    const rel = result.ok ? result.outputs.rel_acclimatized_c : undefined;
    if (result.ok && ral !== undefined && rel !== undefined) {
      log.have('environment.temp_c');
      log.have('environment.rh_percent');
      drafts.push({
        id: 'heat_strain',
        label: `Estimated WBGT against the NIOSH alert limit (${ral.toFixed(1)} °C at ${METABOLIC_RATE_W[demand]} W)`,
        value: result.outputs.wbgt_c,
        unit: '°C WBGT',
        subScore: scoreOn(heatStrainCurve(ral, rel), result.outputs.wbgt_c),
        weight: OCCUPATIONAL_WEIGHTS.heat,
        model: result.ref,
      });
      notes.push(
        'WBGT estimated from air temperature and humidity (no globe or wet-bulb reading; sun and wind ignored); acclimatisation unknown, so the unacclimatised alert limit anchors the score',
      );
    } else if (!result.ok) notes.push(`WBGT not computed: ${result.reason}`);
  } else log.lack('environment.temp_c/rh_percent', 'air temperature and humidity from the last 24 h');

  if (cardiac.score !== null) {
    log.have('cardiac twin');
    drafts.push({
      id: 'cardiac_capacity',
      label: `Cardiac twin score, for ${demand} work`,
      value: cardiac.score,
      unit: 'points',
      subScore: cardiac.score,
      weight: CARDIAC_WEIGHT_BY_DEMAND[demand],
      model: null,
    });
  } else log.lack('cardiac twin', 'a cardiac twin score (see its missing inputs)');

  const core = drafts.some((d) => d.id !== 'cardiac_capacity');
  const totalWeight = FIXED_WEIGHT + CARDIAC_WEIGHT_BY_DEMAND[demand];
  return twinResult('occupational', ctx, {
    drafts,
    log,
    insufficient: core ? null : 'neither the fatigue prediction nor the heat strain could be computed',
    windowDays: 7,
    coverage: weightCoverage(drafts, totalWeight),
    extraModels: cardiac.score !== null ? cardiac.models : [],
    notes,
  });
}
