import { describe, expect, it, vi } from 'vitest';
import type { CounterStore, WindowCount } from './counter-store.js';
import { FallbackCounterStore } from './fallback-counter-store.js';
import { MemoryCounterStore } from './memory-counter-store.js';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 0, 1, 10);

/** A primary that fails while `down` is set, and counts its calls. */
class FlakyStore implements CounterStore {
  readonly kind = 'redis';
  down = false;
  calls = 0;
  async hit(_key: string, windowMs: number, nowMs: number): Promise<WindowCount> {
    this.calls += 1;
    if (this.down) throw new Error('connect ECONNREFUSED 127.0.0.1:6379');
    return { count: 42, resetAtMs: nowMs + windowMs };
  }
  async close(): Promise<void> {}
}

function setup() {
  const primary = new FlakyStore();
  let wall = 0;
  const onFailure = vi.fn();
  const onRecovered = vi.fn();
  const store = new FallbackCounterStore(primary, new MemoryCounterStore(), {
    retryAfterMs: 5000,
    onFailure,
    onRecovered,
    nowMs: () => wall,
  });
  return { primary, store, onFailure, onRecovered, advance: (ms: number) => (wall += ms) };
}

describe('FallbackCounterStore (fail open to per-process counting)', () => {
  it('uses the primary while it answers', async () => {
    const { store, primary } = setup();
    expect(await store.hit('user:a', HOUR, T0)).toMatchObject({ count: 42 });
    expect(primary.calls).toBe(1);
    expect(store.degraded).toBe(false);
  });

  it('counts in process while the primary fails, reports the failure once and retries only after the pause', async () => {
    const { store, primary, onFailure, advance } = setup();
    primary.down = true;
    expect(await store.hit('user:a', HOUR, T0)).toEqual({ count: 1, resetAtMs: T0 + HOUR });
    expect(await store.hit('user:a', HOUR, T0)).toEqual({ count: 2, resetAtMs: T0 + HOUR });
    expect(primary.calls).toBe(1); // the second hit did not wait for Redis again
    expect(onFailure).toHaveBeenCalledTimes(1);
    expect(store.degraded).toBe(true);
    advance(5000);
    expect(await store.hit('user:a', HOUR, T0)).toMatchObject({ count: 3 });
    expect(primary.calls).toBe(2);
    expect(onFailure).toHaveBeenCalledTimes(1);
  });

  it('goes back to the primary once it answers, and says so', async () => {
    const { store, primary, onRecovered, advance } = setup();
    primary.down = true;
    await store.hit('user:a', HOUR, T0);
    primary.down = false;
    advance(5000);
    expect(await store.hit('user:a', HOUR, T0)).toMatchObject({ count: 42 });
    expect(onRecovered).toHaveBeenCalledTimes(1);
    expect(store.degraded).toBe(false);
  });
});
