/**
 * Per-connection token bucket for client messages: `burst` messages at once, refilled at `perMinute`. Chosen over a
 * fixed window because a window lets a client send twice its limit across a window edge; the bucket never does.
 */
export class MessageRateLimiter {
  private tokens: number;
  private last: number;
  private readonly refillPerMs: number;

  constructor(
    private readonly perMinute: number,
    private readonly burst: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = burst;
    this.last = this.now();
    this.refillPerMs = perMinute / 60_000;
  }

  /** Takes one token; false when the connection is over its rate (the message is to be refused). */
  tryTake(): boolean {
    const at = this.now();
    this.tokens = Math.min(this.burst, this.tokens + (at - this.last) * this.refillPerMs);
    this.last = at;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Seconds until the next message would be accepted (for the ERROR a refused message gets). */
  retryAfterSeconds(): number {
    return Math.max(0, Math.ceil((1 - this.tokens) / this.refillPerMs / 1000));
  }

  describe(): string {
    return `${this.perMinute} messages per minute, bursts of ${this.burst}`;
  }
}
