/** Picks the JobQueue implementation from the configuration (JOB_QUEUE, REDIS_URL, JOB_QUEUE_PREFIX). */
import type { Kysely } from 'kysely';
import { ConfigError, type ResolvedConfig } from '../../config/index.js';
import type { Clock } from '../clock.js';
import type { Tables } from '../db/index.js';
import type { BullMqSettings } from './bullmq-job-queue.js';
import { EmbeddedJobQueue, type JobQueueOptions } from './job-queue.js';
import type { JobQueue } from './job-queue.port.js';

export type JobQueueConfig = Pick<ResolvedConfig, 'JOB_QUEUE' | 'JOB_QUEUE_PREFIX' | 'REDIS_URL'>;

/** Timings a test may shorten (the BullMQ ones apply in bullmq mode only). */
export type JobQueueTuning = JobQueueOptions & Pick<BullMqSettings, 'relayMs' | 'lockDurationMs' | 'stalledIntervalMs' | 'onDispatchError'>;

/** BullMQ (with ioredis) adds ~27 MB of RSS once loaded, so it is imported only when JOB_QUEUE=bullmq. */
export async function createJobQueue(config: JobQueueConfig, db: Kysely<Tables>, clock: Clock, tuning: JobQueueTuning = {}): Promise<JobQueue> {
  const { relayMs, lockDurationMs, stalledIntervalMs, onDispatchError, ...options } = tuning;
  if (config.JOB_QUEUE === 'embedded') return new EmbeddedJobQueue(db, clock, options);
  // Checked here rather than by the schema: REDIS_URL alone means pub/sub, and only this combination needs both.
  if (!config.REDIS_URL) throw new ConfigError(['JOB_QUEUE: bullmq needs REDIS_URL (redis://…)']);
  const settings: BullMqSettings = { redisUrl: config.REDIS_URL, prefix: config.JOB_QUEUE_PREFIX };
  const { BullMqJobQueue } = await import('./bullmq-job-queue.js');
  return new BullMqJobQueue(db, clock, { ...settings, relayMs, lockDurationMs, stalledIntervalMs, onDispatchError }, options);
}
