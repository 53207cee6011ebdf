/**
 * The job-queue port: what producers (enqueue) and job owners (register) see, whichever implementation runs the jobs —
 * the embedded queue (polling the `jobs` table) or BullMQ on Redis (dispatching the same rows). docs/jobs.md.
 */
import type { Kysely } from 'kysely';
import type { Tables } from '../db/index.js';

export type Lane = 'default' | 'bulk' | 'webhooks';

export const LANES: readonly Lane[] = ['default', 'bulk', 'webhooks'];

/** Thrown by a handler to run the job again, not before `at`; the message is kept as the job's last error. */
export class RetryJobLater extends Error {
  override readonly name = 'RetryJobLater';
  constructor(
    readonly at: Date,
    message: string,
  ) {
    super(message);
  }
}

export interface Job {
  readonly id: string;
  readonly kind: string;
  readonly personId: string | null;
  readonly payload: unknown;
  readonly attempts: number;
}

export type JobHandler = (job: Job) => Promise<void>;

export interface EnqueueOptions {
  personId?: string;
  /** A transaction: the job exists only if the caller's own writes commit. */
  db?: Kysely<Tables>;
  /** Not to be run before then. */
  runAfter?: Date;
}

export interface JobQueue {
  register(kind: string, lane: Lane, handler: JobHandler): void;
  /** Adds a job (a row in `jobs`); returns its id. */
  enqueue(kind: string, payload: unknown, options?: EnqueueOptions): Promise<string>;
  /** Adds a job for the person unless one of that kind is already waiting; null when one was. */
  enqueueOnce(kind: string, personId: string): Promise<string | null>;
  /** Starts running jobs in this process (the API when JOBS_RUN_IN_API, and `homeostat worker`). */
  start(): void;
  /** Stops taking jobs and waits for the running ones to finish. */
  stop(): Promise<void>;
  /** Jobs waiting and running, for health endpoints. */
  counts(): Promise<{ queued: number; running: number }>;
  /** Resolves when no job is due or running (tests, CLI). */
  idle(): Promise<void>;
}
