/** The count of one key in the current window, after this hit. */
export interface WindowCount {
  count: number;
  resetAtMs: number;
}

/** Where request counters live: in this process, or in Redis so that every node counts against one limit. */
export interface CounterStore {
  readonly kind: 'memory' | 'redis';
  /** Counts one request for `key` in the fixed window containing `nowMs`. */
  hit(key: string, windowMs: number, nowMs: number): Promise<WindowCount>;
  close(): Promise<void>;
}
