/**
 * The fatigue forecast, one implementation for the fatigue, driving and occupational twins, fitness to work and the
 * risk assessment's fatigue indicators: the three-process model of alertness (Åkerstedt & Folkard 1997; Ingre et al.
 * 2014 parameters; FIPS implementation, library `three-process-model`) driven by the MEASURED main sleeps up to
 * as_of, then run on as if the person stayed awake, with hours awake and their blood-alcohol equivalent (Dawson &
 * Reid 1997, library `wakefulness-bac`) at every epoch.
 *
 * - Sleeps: the latest run of main sleeps on consecutive dates (one per date, the longer kept) among those that had
 *   ended by as_of (and within `lookbackHours` when given). A missing night would otherwise be simulated as a night
 *   awake. The model starts at the first sleep onset of the run with its default S0.
 * - Clock: local clock time at the zone's offset at as_of, held for the whole run (./local-clock.ts).
 * - Epoch: 5 minutes, the FIPS examples' choice; sleep times fall on the model's grid (≤ 2.5 min error, well inside a
 *   wearable's sleep-onset uncertainty). "Now" is the first epoch at or after as_of, so a sleep that ended just before
 *   as_of is never read as still running.
 */
import { threeProcessModel, wakefulnessBacModel } from '../../models/index.js';
import type { NightFeatures, TwinFeatures } from '../twin-features.js';
import { fixedOffsetClock, parseLocal, zoneOffsetMinutes, type LocalClock } from './local-clock.js';
import { runModel } from './model-run.js';

export const FATIGUE_EPOCH_MINUTES = 5;
const EPOCH_MS = FATIGUE_EPOCH_MINUTES * 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

export interface FatigueForecastOptions {
  /** only main sleeps that ended within this many hours before as_of drive the model; null = no limit */
  readonly lookbackHours: number | null;
  /** the run of consecutive nights must have at least this many, and at most this many are used */
  readonly minNights: number;
  readonly maxNights: number;
  /** the last main sleep must have ended within this many hours, else the data cannot tell "awake since" from "not recorded" */
  readonly maxHoursSinceSleep: number;
  /** how far past as_of to predict */
  readonly horizonHours: number;
}

export interface FatiguePoint {
  /** instant, ms */
  readonly atMs: number;
  /** predicted Karolinska Sleepiness Scale (1-9 scale, unclamped) */
  readonly kss: number;
  readonly hoursAwake: number;
  /** wakefulness-bac equivalent of hoursAwake (% w/v) */
  readonly bacEquivalentPercent: number;
}

export interface FatigueForecast {
  /** `three-process-model@1.0.0` */
  readonly model: string;
  /** end of the last main sleep */
  readonly lastWakeMs: number;
  /** hours from the end of the last main sleep to as_of */
  readonly hoursAwake: number;
  /** the first epoch at or after as_of, then every epoch up to the horizon, assuming no more sleep */
  readonly now: FatiguePoint;
  readonly ahead: readonly FatiguePoint[];
  /** hours asleep in the 24 h and 48 h before as_of (each night's asleep minutes spread evenly over its period) */
  readonly sleptLast24h: number;
  readonly sleptLast48h: number;
  readonly nightsUsed: number;
  readonly clock: LocalClock;
  readonly warnings: readonly string[];
}

export type FatigueForecastResult =
  { readonly ok: true; readonly forecast: FatigueForecast } | { readonly ok: false; readonly reason: string; readonly need: string };

const dayOf = (date: string): number => Date.parse(`${date}T00:00:00Z`) / DAY_MS;

/** The longest run of nights on consecutive dates ending at the latest one, at most `max` long (one night per date, the longer kept). */
export function consecutiveRun(nights: readonly NightFeatures[], max: number): NightFeatures[] {
  const byDay = new Map<number, NightFeatures>();
  for (const night of nights) {
    const day = dayOf(night.date);
    const known = byDay.get(day);
    if (!known || night.asleep_minutes > known.asleep_minutes) byDay.set(day, night);
  }
  if (byDay.size === 0) return [];
  const run: NightFeatures[] = [];
  for (let day = Math.max(...byDay.keys()); run.length < max && byDay.has(day); day--) run.unshift(byDay.get(day)!);
  return run;
}

/** Hours asleep inside [from, to): each night's asleep minutes spread evenly over its sleep period. */
function sleptBetween(nights: readonly NightFeatures[], fromMs: number, toMs: number): number {
  let minutes = 0;
  for (const night of nights) {
    const start = Date.parse(night.sleep_start);
    const end = Date.parse(night.sleep_end);
    const overlap = Math.min(end, toMs) - Math.max(start, fromMs);
    if (overlap > 0 && end > start) minutes += (night.asleep_minutes * overlap) / (end - start);
  }
  return minutes / 60;
}

const bacOf = (hoursAwake: number): number =>
  wakefulnessBacModel.compute({ hours_awake: Math.min(72, hoursAwake) }).outputs.bac_equivalent_percent;

export function forecastFatigue(f: TwinFeatures, options: FatigueForecastOptions): FatigueForecastResult {
  const asOfMs = Date.parse(f.as_of);
  if (!Number.isFinite(asOfMs)) throw new RangeError(`as_of is not an ISO 8601 instant: ${JSON.stringify(f.as_of)}`);
  const ended = f.nights
    .filter((n) => Date.parse(n.sleep_end) <= asOfMs && Date.parse(n.sleep_end) > Date.parse(n.sleep_start))
    .sort((a, b) => Date.parse(a.sleep_start) - Date.parse(b.sleep_start));
  const inLookback =
    options.lookbackHours === null ? ended : ended.filter((n) => Date.parse(n.sleep_end) > asOfMs - options.lookbackHours! * HOUR_MS);
  const window = options.lookbackHours === null ? '' : ` in the last ${options.lookbackHours} h`;
  const run = consecutiveRun(inLookback, options.maxNights);
  const last = run[run.length - 1];
  const needNights = options.minNights > 1 ? `main sleeps on the last ${options.minNights} consecutive nights` : 'a main sleep';
  if (last === undefined) {
    return {
      ok: false,
      reason: `no main sleep recorded${window}`,
      need: `${needNights}, the latest ending within ${options.maxHoursSinceSleep} h`,
    };
  }
  const lastWakeMs = Date.parse(last.sleep_end);
  const hoursAwake = (asOfMs - lastWakeMs) / HOUR_MS;
  if (hoursAwake > options.maxHoursSinceSleep) {
    return {
      ok: false,
      reason: `no main sleep recorded in the last ${options.maxHoursSinceSleep} h`,
      need: `a main sleep ending in the ${options.maxHoursSinceSleep} h before as_of (the last one ended ${hoursAwake.toFixed(1)} h earlier: awake since, or a night not recorded?)`,
    };
  }
  if (run.length < options.minNights) {
    return {
      ok: false,
      reason: `only ${run.length} consecutive night(s) recorded`,
      need: `${needNights} (found ${run.length})`,
    };
  }

  const warnings: string[] = [];
  const offset = zoneOffsetMinutes(asOfMs, f.time_zone);
  if (offset === null) warnings.push(`unknown time zone "${f.time_zone}": clock time taken as UTC`);
  const clock = fixedOffsetClock(offset ?? 0);
  const periods: { startMs: number; endMs: number }[] = [];
  for (const night of run) {
    const startMs = Math.max(Date.parse(night.sleep_start), periods[periods.length - 1]?.endMs ?? -Infinity);
    const endMs = Date.parse(night.sleep_end);
    if (endMs > startMs) periods.push({ startMs, endMs });
  }
  const startLocal = Math.floor(clock.toLocal(periods[0]!.startMs) / EPOCH_MS) * EPOCH_MS;
  const nowLocal = Math.ceil(clock.toLocal(asOfMs) / EPOCH_MS) * EPOCH_MS;
  const endLocal = nowLocal + Math.ceil((options.horizonHours * HOUR_MS) / EPOCH_MS) * EPOCH_MS;
  const result = runModel(threeProcessModel, {
    epoch_minutes: FATIGUE_EPOCH_MINUTES,
    start: clock.format(startLocal),
    end: clock.format(endLocal),
    sleep_periods: periods.map((p) => ({ start: clock.format(clock.toLocal(p.startMs)), end: clock.format(clock.toLocal(p.endMs)) })),
  });
  if (!result.ok) return { ok: false, reason: result.reason, need: `sleep periods the fatigue model accepts (${result.reason})` };
  warnings.push(...result.warnings);

  const points = result.outputs.series
    .map((e) => ({ local: parseLocal(e.time), kss: e.kss }))
    .filter((p) => p.local >= nowLocal)
    .map((p) => {
      const atMs = clock.toInstant(p.local);
      const awake = Math.max(0, (atMs - lastWakeMs) / HOUR_MS);
      return { atMs, kss: p.kss, hoursAwake: awake, bacEquivalentPercent: bacOf(awake) };
    });
  const [now, ...ahead] = points;
  if (now === undefined) throw new Error('fatigue forecast: the model returned no epoch at as_of');
  return {
    ok: true,
    forecast: {
      model: result.ref,
      lastWakeMs,
      hoursAwake,
      now,
      ahead,
      sleptLast24h: sleptBetween(ended, asOfMs - 24 * HOUR_MS, asOfMs),
      sleptLast48h: sleptBetween(ended, asOfMs - 48 * HOUR_MS, asOfMs),
      nightsUsed: run.length,
      clock,
      warnings,
    },
  };
}

/** Peak predicted KSS from now over the next `hours` (including now). */
export function peakKss(forecast: FatigueForecast, hours: number): number {
  const untilMs = forecast.now.atMs + hours * HOUR_MS;
  return Math.max(forecast.now.kss, ...forecast.ahead.filter((p) => p.atMs <= untilMs).map((p) => p.kss));
}
