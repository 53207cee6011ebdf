import { describe, expect, it } from 'vitest';
import { fixedWindow } from './fixed-window.js';
import { MemoryCounterStore } from './memory-counter-store.js';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 0, 1, 10, 0, 0); // on an hour boundary

describe('fixedWindow', () => {
  it('aligns windows to the epoch, so every node computes the same reset time', () => {
    expect(fixedWindow(T0, HOUR)).toEqual({ index: T0 / HOUR, resetAtMs: T0 + HOUR });
    expect(fixedWindow(T0 + HOUR - 1, HOUR).resetAtMs).toBe(T0 + HOUR);
    expect(fixedWindow(T0 + HOUR, HOUR).resetAtMs).toBe(T0 + 2 * HOUR);
  });
});

describe('MemoryCounterStore', () => {
  it('counts hits per key within a window', async () => {
    const store = new MemoryCounterStore();
    expect(await store.hit('user:a', HOUR, T0)).toEqual({ count: 1, resetAtMs: T0 + HOUR });
    expect(await store.hit('user:a', HOUR, T0 + 1000)).toEqual({ count: 2, resetAtMs: T0 + HOUR });
    expect(await store.hit('user:b', HOUR, T0 + 2000)).toEqual({ count: 1, resetAtMs: T0 + HOUR });
  });

  it('starts again at 1 in the next window', async () => {
    const store = new MemoryCounterStore();
    await store.hit('ip:1', HOUR, T0);
    await store.hit('ip:1', HOUR, T0 + HOUR - 1);
    expect(await store.hit('ip:1', HOUR, T0 + HOUR)).toEqual({ count: 1, resetAtMs: T0 + 2 * HOUR });
  });

  it('forgets finished windows when swept, keeping current ones', async () => {
    const store = new MemoryCounterStore();
    await store.hit('old', HOUR, T0);
    await store.hit('current', HOUR, T0 + HOUR);
    store.sweep(T0 + HOUR);
    expect(store.size).toBe(1);
    expect(await store.hit('current', HOUR, T0 + HOUR + 1)).toMatchObject({ count: 2 });
  });

  it('sweeps by itself as hits come in, so memory stays bounded', async () => {
    const store = new MemoryCounterStore();
    for (let i = 0; i < 999; i++) await store.hit(`ip:${i}`, HOUR, T0);
    expect(store.size).toBe(999);
    await store.hit('late', HOUR, T0 + HOUR); // the 1000th hit, in the next window
    expect(store.size).toBe(1);
  });
});
