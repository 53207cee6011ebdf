import { detectHypertensiveCrisis } from './blood-pressure.detector.js';
import { detectFatigueBeforeShift } from './fatigue-shift.detector.js';
import { detectNightSignal } from './nightsignal.detector.js';
import { detectRhrCusum } from './rhr-cusum.detector.js';
import { detectLowSpo2 } from './spo2.detector.js';
import { detectPoorTwins } from './twin-poor.detector.js';
import type { Detector } from './types.js';

export * from './types.js';
export { detectFatigueBeforeShift, detectHypertensiveCrisis, detectLowSpo2, detectNightSignal, detectPoorTwins, detectRhrCusum };

/** Every detector the alert service runs on a recompute (docs/alerts.md). */
export const DETECTORS: readonly Detector[] = [
  detectNightSignal,
  detectRhrCusum,
  detectLowSpo2,
  detectHypertensiveCrisis,
  detectPoorTwins,
  detectFatigueBeforeShift,
];
