import { EmbeddedJobQueue } from './job-queue.js';
import type { JobQueue as JobQueuePort } from './job-queue.port.js';

export { RetryJobLater, LANES, type EnqueueOptions, type Job, type JobHandler, type Lane } from './job-queue.port.js';
export { EmbeddedJobQueue, type JobQueueOptions } from './job-queue.js';
// BullMqJobQueue is not re-exported: loading bullmq costs ~27 MB, so createJobQueue imports it only when asked for.
export type { BullMqSettings } from './bullmq-job-queue.js';
export { createJobQueue, type JobQueueConfig, type JobQueueTuning } from './create-job-queue.js';

/**
 * `JobQueue` the type is the port every producer and job owner holds (embedded or BullMQ behind it); `JobQueue` the
 * value is the embedded queue, so `new JobQueue(db, clock)` (the CLI's in-process import, tests) reads as before.
 */
export type JobQueue = JobQueuePort;
export const JobQueue = EmbeddedJobQueue;
