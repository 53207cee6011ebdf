/**
 * The embedded job queue: jobs are rows (they survive a restart), run in this process by one worker loop per lane.
 * Lanes keep a long import from delaying small uploads ('bulk' vs 'default').
 *
 * Claiming is a guarded UPDATE (state must still be 'queued'), so two processes sharing a PostgreSQL database never
 * both run one job. A running job refreshes its `updated_at` every HEARTBEAT_MS; a job whose heartbeat stopped for
 * LEASE_MS (its process died) is queued again. Handlers must therefore be idempotent, which ingest is by construction
 * (dedup keys). A handler that throws marks the job failed with its message; there is no automatic retry: ingest
 * failures are about the data, and the handler records them where the user can read them. A finished job's payload
 * is cleared.
 */
import type { Kysely } from 'kysely';
import type { Clock } from '../clock.js';
import type { Tables } from '../db/index.js';
import { newId } from '../ids.js';

export type Lane = 'default' | 'bulk';

export interface Job {
  readonly id: string;
  readonly kind: string;
  readonly personId: string | null;
  readonly payload: unknown;
  readonly attempts: number;
}

export type JobHandler = (job: Job) => Promise<void>;

export interface JobQueueOptions {
  readonly pollMs?: number;
  readonly heartbeatMs?: number;
  readonly leaseMs?: number;
  readonly onError?: (job: Job, error: unknown) => void;
}

const DEFAULTS = { pollMs: 1000, heartbeatMs: 30_000, leaseMs: 120_000 };

export class JobQueue {
  private readonly handlers = new Map<string, { lane: Lane; handler: JobHandler }>();
  private readonly wake = new Map<Lane, () => void>();
  private readonly loops: Promise<void>[] = [];
  private running = false;
  private active = 0;
  private idleWaiters: (() => void)[] = [];
  private readonly options: Required<Omit<JobQueueOptions, 'onError'>> & Pick<JobQueueOptions, 'onError'>;

  constructor(
    private readonly db: Kysely<Tables>,
    private readonly clock: Clock,
    options: JobQueueOptions = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
  }

  register(kind: string, lane: Lane, handler: JobHandler): void {
    if (this.handlers.has(kind)) throw new Error(`job kind ${kind} is registered twice`);
    this.handlers.set(kind, { lane, handler });
  }

  /** Adds a job; pass `db` (a transaction) to enqueue atomically with the caller's own writes. */
  async enqueue(kind: string, payload: unknown, options: { personId?: string; db?: Kysely<Tables> } = {}): Promise<string> {
    const registered = this.handlers.get(kind);
    if (!registered) throw new Error(`no handler for job kind ${kind}`);
    const id = newId('job');
    const now = this.clock.now().toISOString();
    await (options.db ?? this.db)
      .insertInto('jobs')
      .values({
        id,
        kind,
        lane: registered.lane,
        person_id: options.personId ?? null,
        payload: JSON.stringify(payload),
        state: 'queued',
        created_at: now,
        updated_at: now,
      })
      .execute();
    this.wake.get(registered.lane)?.();
    return id;
  }

  /**
   * Adds a job for the person unless one of that kind is already waiting (a burst of writes asks for one recompute,
   * not one each). A job already running does not count: it may have read the data before the latest write.
   */
  async enqueueOnce(kind: string, personId: string): Promise<string | null> {
    const waiting = await this.db
      .selectFrom('jobs')
      .select('id')
      .where('kind', '=', kind)
      .where('person_id', '=', personId)
      .where('state', '=', 'queued')
      .limit(1)
      .executeTakeFirst();
    if (waiting) return null;
    return this.enqueue(kind, {}, { personId });
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    for (const lane of ['default', 'bulk'] as const) this.loops.push(this.loop(lane));
  }

  /** Stops taking jobs and waits for the running ones to finish. */
  async stop(): Promise<void> {
    this.running = false;
    for (const wake of this.wake.values()) wake();
    await Promise.all(this.loops);
    this.loops.length = 0;
  }

  /** Jobs waiting and running, for health endpoints. */
  async counts(): Promise<{ queued: number; running: number }> {
    const rows = await this.db
      .selectFrom('jobs')
      .select(['state', (eb) => eb.fn.countAll<number>().as('n')])
      .where('state', 'in', ['queued', 'running'])
      .groupBy('state')
      .execute();
    const count = (state: string) => Number(rows.find((r) => r.state === state)?.n ?? 0);
    return { queued: count('queued'), running: count('running') };
  }

  /** Resolves when no job is queued or running (tests, CLI). */
  async idle(): Promise<void> {
    for (;;) {
      const pending = await this.db.selectFrom('jobs').select('id').where('state', 'in', ['queued', 'running']).limit(1).execute();
      if (pending.length === 0 && this.active === 0) return;
      await new Promise<void>((resolve) => {
        this.idleWaiters.push(resolve);
        setTimeout(resolve, 50).unref();
      });
    }
  }

  private async loop(lane: Lane): Promise<void> {
    while (this.running) {
      const job = await this.claim(lane).catch(() => null);
      if (job) {
        await this.run(job);
        continue;
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.options.pollMs);
        timer.unref();
        this.wake.set(lane, () => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  private async claim(lane: Lane): Promise<Job | null> {
    const now = this.clock.now();
    const staleBefore = new Date(now.getTime() - this.options.leaseMs).toISOString();
    const kinds = [...this.handlers].filter(([, h]) => h.lane === lane).map(([kind]) => kind);
    if (kinds.length === 0) return null;
    const candidate = await this.db
      .selectFrom('jobs')
      .select(['id', 'state'])
      .where('lane', '=', lane)
      .where('kind', 'in', kinds)
      .where((eb) => eb.or([eb('state', '=', 'queued'), eb.and([eb('state', '=', 'running'), eb('updated_at', '<', staleBefore)])]))
      .orderBy('created_at')
      .limit(1)
      .executeTakeFirst();
    if (!candidate) return null;
    const claimed = await this.db
      .updateTable('jobs')
      .set((eb) => ({ state: 'running', updated_at: now.toISOString(), attempts: eb('attempts', '+', 1) }))
      .where('id', '=', candidate.id)
      .where('state', '=', candidate.state)
      .returning(['id', 'kind', 'person_id', 'payload', 'attempts'])
      .executeTakeFirst();
    if (!claimed) return null;
    return {
      id: claimed.id,
      kind: claimed.kind,
      personId: claimed.person_id,
      payload: JSON.parse(claimed.payload),
      attempts: claimed.attempts,
    };
  }

  private async run(job: Job): Promise<void> {
    this.active += 1;
    const heartbeat = setInterval(() => {
      void this.db
        .updateTable('jobs')
        .set({ updated_at: this.clock.now().toISOString() })
        .where('id', '=', job.id)
        .execute()
        .catch(() => undefined);
    }, this.options.heartbeatMs);
    heartbeat.unref();
    try {
      await this.handlers.get(job.kind)!.handler(job);
      await this.finish(job.id, 'completed', null);
    } catch (error) {
      this.options.onError?.(job, error);
      await this.finish(job.id, 'failed', error instanceof Error ? error.message : String(error));
    } finally {
      clearInterval(heartbeat);
      this.active -= 1;
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
  }

  private async finish(id: string, state: 'completed' | 'failed', error: string | null): Promise<void> {
    await this.db
      .updateTable('jobs')
      .set({ state, last_error: error, updated_at: this.clock.now().toISOString() })
      .where('id', '=', id)
      .execute();
  }
}
