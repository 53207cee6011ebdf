/**
 * How far back each input of the snapshot looks, ending at as_of. A value older than its look-back is treated as not
 * known (null): a twin must not score last decade's cholesterol as today's. docs/twin-inputs.md explains each choice.
 */
const DAY_MS = 86_400_000;

export const LOOK_BACK_MS = {
  /** lipids, HbA1c, fasting glucose, creatinine: guidelines repeat them every 1-5 years; two years keeps a routine panel */
  labs: 730 * DAY_MS,
  /** weight, waist, measured height */
  body: 365 * DAY_MS,
  /** PHQ-9 / GAD-7 ask about the last two weeks; after 90 days an answer describes another season of life */
  questionnaires: 90 * DAY_MS,
  /** ambient temperature, humidity, PM2.5: exposures of the last day */
  environment: DAY_MS,
  /** blood pressure: the mean of the last 30 days' readings, as home-monitoring protocols average */
  bloodPressure: 30 * DAY_MS,
} as const;

/** Main sleeps of this many nights (the last four weeks) end the snapshot. */
export const NIGHTS = 28;
export const DEFAULT_WINDOW_DAYS = 90;
/** Trend weight: the reading nearest as_of − 90 days, if one lies within this distance of it. */
export const WEIGHT_TREND_DAYS = 90;
export const WEIGHT_TREND_TOLERANCE_MS = 14 * DAY_MS;
