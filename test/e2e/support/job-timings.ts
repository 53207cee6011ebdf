import type { JobQueueTuning } from '../../../src/platform/jobs/index.js';

/** Short leases and stall checks, so a killed worker's job is taken over in seconds rather than minutes. */
export const FAST_JOB_TIMINGS: JobQueueTuning = {
  pollMs: 100,
  heartbeatMs: 300,
  leaseMs: 2000,
  relayMs: 300,
  lockDurationMs: 1000,
  stalledIntervalMs: 1000,
};
