import type { CounterStore, WindowCount } from './counter-store.js';

export interface FallbackOptions {
  /** After a failure, how long to count in the fallback before trying the primary again. */
  retryAfterMs: number;
  /** Called once when the primary starts failing (not per request). */
  onFailure(error: unknown): void;
  /** Called once when the primary answers again. */
  onRecovered(): void;
  /** Wall time for the retry pause (not the app's clock: the pause is about Redis, not about windows). */
  nowMs?: () => number;
}

/**
 * Fails open, deliberately: while the shared store (Redis) is unreachable, requests are counted per process
 * instead of being refused. Limits protect capacity, not confidentiality, and refusing every request, health
 * data included, because a counter cache is down would hurt people more than admitting (nodes × limit) for a
 * while. The auth endpoints stay bounded per node, so brute force is still throttled.
 */
export class FallbackCounterStore implements CounterStore {
  private failingSince: number | null = null;
  private retryAtMs = 0;
  private readonly now: () => number;

  constructor(
    private readonly primary: CounterStore,
    private readonly fallback: CounterStore,
    private readonly options: FallbackOptions,
  ) {
    this.now = options.nowMs ?? Date.now;
  }

  get kind(): CounterStore['kind'] {
    return this.primary.kind;
  }

  /** True while hits go to the fallback. */
  get degraded(): boolean {
    return this.failingSince !== null;
  }

  async hit(key: string, windowMs: number, nowMs: number): Promise<WindowCount> {
    if (this.failingSince !== null && this.now() < this.retryAtMs) return this.fallback.hit(key, windowMs, nowMs);
    try {
      const counted = await this.primary.hit(key, windowMs, nowMs);
      if (this.failingSince !== null) {
        this.failingSince = null;
        this.options.onRecovered();
      }
      return counted;
    } catch (error) {
      if (this.failingSince === null) {
        this.failingSince = this.now();
        this.options.onFailure(error);
      }
      this.retryAtMs = this.now() + this.options.retryAfterMs;
      return this.fallback.hit(key, windowMs, nowMs);
    }
  }

  async close(): Promise<void> {
    await Promise.all([this.primary.close(), this.fallback.close()]);
  }
}
