import type { CounterStore, WindowCount } from './counter-store.js';
import { fixedWindow } from './fixed-window.js';

/** Sweep finished windows once per this many hits: memory stays bounded by the clients of about one window. */
const SWEEP_EVERY_HITS = 1000;

interface Entry {
  index: number;
  count: number;
  resetAtMs: number;
}

/** Counters in this process (the default, and the fallback while Redis is unreachable). */
export class MemoryCounterStore implements CounterStore {
  readonly kind = 'memory';
  private readonly entries = new Map<string, Entry>();
  private hits = 0;

  async hit(key: string, windowMs: number, nowMs: number): Promise<WindowCount> {
    if (++this.hits % SWEEP_EVERY_HITS === 0) this.sweep(nowMs);
    const window = fixedWindow(nowMs, windowMs);
    const entry = this.entries.get(key);
    if (entry && entry.index === window.index) {
      entry.count += 1;
      return { count: entry.count, resetAtMs: entry.resetAtMs };
    }
    this.entries.set(key, { index: window.index, count: 1, resetAtMs: window.resetAtMs });
    return { count: 1, resetAtMs: window.resetAtMs };
  }

  /** How many keys are held (for tests of the sweep). */
  get size(): number {
    return this.entries.size;
  }

  sweep(nowMs: number): void {
    for (const [key, entry] of this.entries) if (entry.resetAtMs <= nowMs) this.entries.delete(key);
  }

  async close(): Promise<void> {
    this.entries.clear();
  }
}
