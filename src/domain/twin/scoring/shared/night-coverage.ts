import type { SleepSignals } from './sleep-signals.js';
import { RECENT_NIGHTS } from './sleep-signals.js';

/** Share of the last 7 local dates (ending today) with a main sleep: the coverage of the night-driven twins. */
export const recentNightCoverage = (sleep: SleepSignals): number => new Set(sleep.recent.map((n) => n.date)).size / RECENT_NIGHTS;
