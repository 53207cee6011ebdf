import { Type } from 'typebox';
import { defineModel, ModelInputError } from '../model.js';

const SECONDS_PER_HOUR = 3600;
const SECONDS_PER_DAY = 86_400;
const LOCAL_DATETIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?$/;

/** Seconds after local midnight of an ISO local datetime (no zone: the wearer's wall clock). */
const secondsOfDay = (start: string): number => {
  const m = LOCAL_DATETIME.exec(start);
  const [hh, mm, ss] = [Number(m?.[4]), Number(m?.[5]), Number(m?.[6] ?? 0)];
  if (!m || hh > 23 || mm > 59 || ss >= 60)
    throw new ModelInputError('start', 'start must be an ISO local datetime such as 2024-03-01T00:00:00');
  return hh * SECONDS_PER_HOUR + mm * 60 + ss;
};

/** Circular moving-window mean over the 24-h profile; the extreme window, ties going to the earliest clock time. */
const extremeWindow = (profile: readonly number[], slotTimes: readonly number[], width: number, pick: 'min' | 'max') => {
  const n = profile.length;
  let best: { mean: number; slot: number } | undefined;
  // Slots are in clock order from midnight, so ties resolve to the earliest start after 00:00.
  for (let k = 0; k < n; k++) {
    let sum = 0;
    for (let j = 0; j < width; j++) sum += profile[(k + j) % n] ?? 0;
    const mean = sum / width;
    if (!best || (pick === 'min' ? mean < best.mean : mean > best.mean)) best = { mean, slot: k };
  }
  const chosen = best ?? { mean: NaN, slot: 0 };
  return { mean: chosen.mean, startHour: (slotTimes[chosen.slot] ?? 0) / SECONDS_PER_HOUR };
};

export const nonparametricCircadianModel = defineModel({
  id: 'nonparametric-circadian',
  version: '1.0.0',
  title: 'Non-parametric rest-activity rhythm: IS, IV, L5, M10, RA',
  citation:
    "Witting W, Kwa IH, Eikelenboom P, Mirmiran M, Swaab DF. Alterations in the circadian rest-activity rhythm in aging and Alzheimer's disease. Biol Psychiatry 1990;27(6):563-572, doi:10.1016/0006-3223(90)90523-5; " +
    'Van Someren EJW, Swaab DF, Colenda CC, Cohen W, McCall WV, Rosenquist PB. Bright light therapy: improved sensitivity to its effects on rest-activity rhythms in Alzheimer patients by application of nonparametric methods. Chronobiol Int 1999;16(4):505-518, doi:10.3109/07420529908998724; ' +
    'IS and IV on hourly means as in GGIR g.IVIS (van Hees et al.); L5/M10 on the average 24-h profile, RA = (M10 − L5)/(M10 + L5).',
  inputSchema: Type.Object(
    {
      epoch_minutes: Type.Number({
        exclusiveMinimum: 0,
        maximum: 60,
        description: 'epoch length; must divide 60 (e.g. 0.5, 1, 5, 15, 60)',
      }),
      start: Type.String({ pattern: LOCAL_DATETIME.source, description: 'ISO local datetime of the first epoch (wall clock, no zone)' }),
      values: Type.Array(Type.Number({ minimum: 0 }), {
        minItems: 1,
        maxItems: 200_000,
        description: 'activity per epoch (counts or acceleration), contiguous from start',
      }),
    },
    { additionalProperties: false },
  ),
  outputSchema: Type.Object({
    IS: Type.Number({ minimum: 0, maximum: 1, description: 'interdaily stability' }),
    IV: Type.Number({
      minimum: 0,
      description: 'intradaily variability: ≥ 0, about 2 for white noise, up to 4 for hour-to-hour alternation',
    }),
    L5: Type.Number({ description: 'mean activity of the least active 5 h of the average day' }),
    L5_start_hour: Type.Number({ minimum: 0, exclusiveMaximum: 24, description: 'clock time the L5 window starts, decimal hours' }),
    M10: Type.Number({ description: 'mean activity of the most active 10 h of the average day' }),
    M10_start_hour: Type.Number({ minimum: 0, exclusiveMaximum: 24, description: 'clock time the M10 window starts, decimal hours' }),
    RA: Type.Number({ minimum: 0, maximum: 1, description: 'relative amplitude (M10 − L5)/(M10 + L5)' }),
  }),
  compute({ epoch_minutes, start, values }) {
    const epochSeconds = epoch_minutes * 60;
    if (!Number.isInteger(epochSeconds) || SECONDS_PER_HOUR % epochSeconds !== 0) {
      throw new ModelInputError(
        'epoch_minutes',
        'epoch_minutes must divide an hour into whole epochs (a whole number of seconds dividing 3600)',
      );
    }
    const startSeconds = secondsOfDay(start);
    const epochsPerHour = SECONDS_PER_HOUR / epochSeconds;
    const epochsPerDay = SECONDS_PER_DAY / epochSeconds;
    const warnings: string[] = [];

    // Hourly means over clock hours; an hour is used only when all its epochs are present (first/last may be partial).
    const hours = new Map<number, { sum: number; n: number }>();
    values.forEach((v, i) => {
      const hour = Math.floor((startSeconds + i * epochSeconds) / SECONDS_PER_HOUR);
      const bin = hours.get(hour) ?? { sum: 0, n: 0 };
      bin.sum += v;
      bin.n += 1;
      hours.set(hour, bin);
    });
    const hourly = [...hours.entries()]
      .filter(([, b]) => b.n === epochsPerHour)
      .map(([hour, b]) => ({ hourOfDay: hour % 24, mean: b.sum / b.n }));
    if (hourly.length < hours.size)
      warnings.push(`${hours.size - hourly.length} incomplete clock hour(s) at the ends were left out of IS and IV`);
    if (hourly.length < 24)
      throw new ModelInputError('values', 'at least 24 complete clock hours are needed for IS, IV and the 24-h profile');
    if (hourly.length % 24 !== 0)
      warnings.push('the hourly series is not a whole number of days: each hour-of-day mean is weighted by the days it covers');
    if (hourly.length < 48) warnings.push('IS and IV describe several days; with one day IS is 1 by construction');

    const x = hourly.map((h) => h.mean);
    const N = x.length;
    const mean = x.reduce((a, b) => a + b, 0) / N;
    const totalSS = x.reduce((a, v) => a + (v - mean) ** 2, 0);
    if (!(totalSS > 0)) throw new ModelInputError('values', 'the hourly activity is constant: IS and IV are undefined');
    const byHour = new Map<number, { sum: number; n: number }>();
    for (const h of hourly) {
      const g = byHour.get(h.hourOfDay) ?? { sum: 0, n: 0 };
      g.sum += h.mean;
      g.n += 1;
      byHour.set(h.hourOfDay, g);
    }
    // Van Someren: IS = N Σ_h (x̄_h − x̄)² / (p Σ_i (x_i − x̄)²). With whole days every hour-of-day has N/p values, so this
    // equals the between-hour share of variance, Σ_h n_h (x̄_h − x̄)² / Σ_i (x_i − x̄)², which stays in [0, 1] for partial days.
    let betweenSS = 0;
    for (const g of byHour.values()) betweenSS += g.n * (g.sum / g.n - mean) ** 2;
    const IS = Math.min(1, betweenSS / totalSS);
    let successive = 0;
    for (let i = 1; i < N; i++) successive += ((x[i] ?? 0) - (x[i - 1] ?? 0)) ** 2;
    const IV = (N * successive) / ((N - 1) * totalSS);

    // Average 24-h profile at epoch resolution (every epoch used), slots keyed by clock time.
    const offset = startSeconds % epochSeconds;
    const sums = new Array<number>(epochsPerDay).fill(0);
    const counts = new Array<number>(epochsPerDay).fill(0);
    values.forEach((v, i) => {
      const slot = Math.floor(((startSeconds + i * epochSeconds) % SECONDS_PER_DAY) / epochSeconds);
      sums[slot] = (sums[slot] ?? 0) + v;
      counts[slot] = (counts[slot] ?? 0) + 1;
    });
    const profile = sums.map((s, k) => s / (counts[k] ?? 1));
    const slotTimes = profile.map((_, k) => k * epochSeconds + offset);
    const L5 = extremeWindow(profile, slotTimes, 5 * epochsPerHour, 'min');
    const M10 = extremeWindow(profile, slotTimes, 10 * epochsPerHour, 'max');
    const RA = (M10.mean - L5.mean) / (M10.mean + L5.mean);

    return {
      outputs: { IS, IV, L5: L5.mean, L5_start_hour: L5.startHour, M10: M10.mean, M10_start_hour: M10.startHour, RA },
      warnings,
    };
  },
});
