import type { SleepNight } from './sleep-recommendations.js';

/** A staged watch night: 8 h asleep, 10 min WASO, efficiency 0.9, 2 awakenings of any length; override what a test needs. */
export function night(overrides: Partial<SleepNight> = {}): SleepNight {
  return {
    total_sleep_minutes: 480,
    efficiency: 0.9,
    awake_after_sleep_onset_minutes: 10,
    awakenings: 2,
    stages: { deep_minutes: 90, core_minutes: 280, rem_minutes: 110, awake_minutes: 15 },
    ...overrides,
  };
}

/** A phone-style night: plain "asleep", no stages, no awake time (wake not measured). */
export const UNSTAGED = { deep_minutes: 0, core_minutes: 0, rem_minutes: 0, awake_minutes: 0 } as const;
