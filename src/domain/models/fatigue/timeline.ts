import { Type, type Static, type TSchema } from 'typebox';
import { ModelInputError } from '../model.js';

/**
 * The sleep/wake timeline both FIPS models run on, rebuilt from FIPS's `parse_sleeptimes` (Wilson, Strickland &
 * Ballard 2020, J Open Source Softw 5(51):2340; R package humanfactors/FIPS, R/data_sleeptimesformat.R and
 * R/data_sequencefunctions.R):
 *
 * - Epochs run from `start` to `end` INCLUSIVE, every `epoch_minutes` (FIPS: 60 h at 5 min = 721 time points).
 * - Sleep times are rounded to the nearest epoch (ties up, as lubridate::round_date); an epoch at time t is asleep
 *   when rounded start <= t < rounded end (FIPS moves each sleep end back one epoch so that waking begins at the
 *   end time). Rounding here is on the grid that starts at `start`; FIPS rounds on the clock, which is the same
 *   whenever `start` is on the clock grid of the epoch (e.g. on the hour for 5-minute epochs).
 * - `duration`: hours spent in the current state before this epoch, 0 at the first epoch of each run
 *   (FIPS `status_duration`); `previous`: at a change of state, the whole length of the run that just ended, in
 *   hours (FIPS `total_prev`).
 * - `tod`: local clock time in decimal hours, hour + minute / 60 (FIPS `as.decimaltime` ignores seconds).
 *
 * Datetimes are ISO local datetimes without a zone; they are turned into naive seconds with calendar arithmetic
 * (no Date, no system time zone), so the clock time given is the clock time that drives the circadian processes.
 */

/** `YYYY-MM-DDTHH:MM` or `YYYY-MM-DDTHH:MM:SS` (a space instead of `T` is accepted), local clock time, no zone. */
export const LOCAL_DATETIME_PATTERN = '^\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(:\\d{2})?$';

export const LocalDateTime = (description: string) => Type.String({ pattern: LOCAL_DATETIME_PATTERN, description });

/** Upper bound on epochs per call: 50,000 is 173 days at 5-minute epochs. */
export const MAX_EPOCHS = 50_000;

export const timelineInputProperties = {
  epoch_minutes: Type.Integer({ minimum: 1, maximum: 1440, description: 'epoch length in minutes (FIPS `roundvalue`; 5 in its examples); must divide end − start' }),
  start: LocalDateTime('first epoch, ISO local datetime without zone (e.g. 2018-05-01T07:00); local clock time drives the circadian processes'),
  end: LocalDateTime('last epoch (inclusive), ISO local datetime without zone'),
  sleep_periods: Type.Array(
    Type.Object(
      {
        start: LocalDateTime('falling asleep, ISO local datetime'),
        end: LocalDateTime('waking, ISO local datetime'),
      },
      { additionalProperties: false },
    ),
    { maxItems: 5000, description: 'sleep episodes in time order, not overlapping, within [start, end]; awake at every other epoch' },
  ),
};

const _timelineInput = Type.Object(timelineInputProperties);
export type TimelineInput = Static<typeof _timelineInput>;

export interface Epoch {
  /** ISO local datetime of the epoch, `YYYY-MM-DDTHH:MM:SS`. */
  time: string;
  /** Local clock time in decimal hours (FIPS `time`). */
  tod: number;
  awake: boolean;
  /** Hours in the current state before this epoch (FIPS `status_duration`). */
  duration: number;
  /** True where the state differs from the previous epoch (FIPS `change_point`). */
  changed: boolean;
  /** At a change, hours spent in the previous state (FIPS `total_prev`); 0 otherwise. */
  previous: number;
}

export interface Timeline {
  epochs: Epoch[];
  warnings: string[];
}

const RE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/;

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(z: number): [number, number, number] {
  const zz = z + 719468;
  const era = Math.floor(zz / 146097);
  const doe = zz - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

/** Naive seconds since 1970-01-01T00:00 of an ISO local datetime; throws ModelInputError naming `field`. */
export function parseLocalDateTime(text: string, field: string): number {
  const match = RE.exec(text);
  if (!match) throw new ModelInputError(field, `${field} must be an ISO local datetime without zone, e.g. 2018-05-01T07:00`);
  const [y, mo, d, h, mi, s] = match.slice(1).map((part) => (part === undefined ? 0 : Number(part))) as [number, number, number, number, number, number];
  const days = daysFromCivil(y, mo, d);
  const [cy, cm, cd] = civilFromDays(days);
  if (mo < 1 || mo > 12 || cy !== y || cm !== mo || cd !== d || h > 23 || mi > 59 || s > 59) {
    throw new ModelInputError(field, `${field} is not a valid calendar date and time: ${text}`);
  }
  return days * 86400 + h * 3600 + mi * 60 + s;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Formats naive seconds as `YYYY-MM-DDTHH:MM:SS`. */
export function formatLocalDateTime(seconds: number): string {
  const days = Math.floor(seconds / 86400);
  const secOfDay = seconds - days * 86400;
  const [y, m, d] = civilFromDays(days);
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}T${pad(Math.floor(secOfDay / 3600))}:${pad(Math.floor((secOfDay % 3600) / 60))}:${pad(secOfDay % 60)}`;
}

/** Builds the FIPS-style epoch series; bad windows and sleep periods are ModelInputErrors naming the field. */
export function buildTimeline(input: TimelineInput): Timeline {
  const warnings: string[] = [];
  const start = parseLocalDateTime(input.start, 'start');
  const end = parseLocalDateTime(input.end, 'end');
  if (end <= start) throw new ModelInputError('end', 'end must be after start');
  const epochSeconds = input.epoch_minutes * 60;
  const span = end - start;
  if (span % epochSeconds !== 0) {
    throw new ModelInputError('epoch_minutes', `epoch_minutes (${input.epoch_minutes}) must divide the window end − start (${span / 60} minutes)`);
  }
  const count = span / epochSeconds + 1;
  if (count > MAX_EPOCHS) throw new ModelInputError('end', `the window holds ${count} epochs; at most ${MAX_EPOCHS} per call`);

  const asleep = new Uint8Array(count);
  let previousEnd = -Infinity;
  let rounded = false;
  let dropped = 0;
  input.sleep_periods.forEach((period, i) => {
    const field = `sleep_periods.${i}`;
    const s = parseLocalDateTime(period.start, `${field}.start`);
    const e = parseLocalDateTime(period.end, `${field}.end`);
    if (e <= s) throw new ModelInputError(`${field}.end`, `${field}.end must be after its start`);
    if (s < start) throw new ModelInputError(`${field}.start`, `${field}.start is before the simulation start (FIPS requires every sleep within [start, end])`);
    if (e > end) throw new ModelInputError(`${field}.end`, `${field}.end is after the simulation end (FIPS requires every sleep within [start, end])`);
    if (s < previousEnd) {
      throw new ModelInputError(`${field}.start`, `${field} overlaps or precedes sleep_periods.${i - 1}: give sleep periods in time order, without overlap`);
    }
    previousEnd = e;
    // Nearest epoch, ties up (lubridate::round_date).
    const from = Math.floor((s - start) / epochSeconds + 0.5);
    const to = Math.floor((e - start) / epochSeconds + 0.5);
    if ((s - start) % epochSeconds !== 0 || (e - start) % epochSeconds !== 0) rounded = true;
    if (to <= from) {
      dropped += 1;
      return;
    }
    asleep.fill(1, from, to);
  });
  if (rounded) warnings.push(`sleep times were rounded to the nearest ${input.epoch_minutes}-minute epoch, as FIPS does`);
  if (dropped > 0) warnings.push(`${dropped} sleep period(s) shorter than half an epoch vanished when rounded to the epoch grid`);

  const epochHours = input.epoch_minutes / 60;
  const epochs: Epoch[] = [];
  let runIndex = 0;
  for (let k = 0; k < count; k++) {
    const awake = asleep[k] === 0;
    const changed = k > 0 && awake !== epochs[k - 1]?.awake;
    const previous = changed ? runIndex * epochHours : 0;
    if (changed) runIndex = 0;
    const t = start + k * epochSeconds;
    const secOfDay = t - Math.floor(t / 86400) * 86400;
    const tod = Math.floor(secOfDay / 3600) + Math.floor((secOfDay % 3600) / 60) / 60;
    epochs.push({ time: formatLocalDateTime(t), tod, awake, duration: runIndex * epochHours, changed, previous });
    runIndex += 1;
  }
  return { epochs, warnings };
}

/** The output series of a fatigue model: one entry per epoch from start to end inclusive, with its own fields. */
export const epochSeries = <F extends Record<string, TSchema>>(fields: F) =>
  Type.Array(
    Type.Object({
      time: Type.String({ description: 'epoch, ISO local datetime YYYY-MM-DDTHH:MM:SS' }),
      awake: Type.Boolean(),
      ...fields,
    }),
    { description: 'one entry per epoch from start to end inclusive' },
  );
