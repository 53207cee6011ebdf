import type { RawData, WebSocket } from 'ws';
import { newId } from '../../platform/ids.js';
import { MessageRateLimiter } from './ws-rate-limiter.js';
import {
  CLOSE,
  errorMessage,
  parseClientMessage,
  serverMessage,
  type ClientMessage,
  type OutboundMessage,
  type WsErrorCode,
} from './ws-messages.js';

export interface SessionLimits {
  idleTimeoutMs: number;
  messagesPerMinute: number;
  burst: number;
  maxMessageBytes: number;
}

/**
 * What every Clarity WebSocket connection enforces, whatever the endpoint: the 64 KB message limit (ERROR, then
 * close 1009), the per-connection rate (ERROR, message dropped), the idle timeout (SYSTEM, then close 1000), JSON
 * and type checks (ERROR, connection kept), HEARTBEAT replies, and closing when the access token expires.
 * Messages that arrive before the endpoint has authorised the connection wait (at most a burst of them) and are
 * handled once it calls `start`.
 */
export class WsSession {
  readonly id = newId('wsc', 9);
  private handler: ((message: ClientMessage) => void) | undefined;
  private readonly waiting: ClientMessage[] = [];
  private readonly closeListeners: (() => void)[] = [];
  private readonly limiter: MessageRateLimiter;
  private readonly idleTimer: NodeJS.Timeout;
  private expiryTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly socket: WebSocket,
    private readonly limits: SessionLimits,
    private readonly now: () => Date,
  ) {
    this.limiter = new MessageRateLimiter(limits.messagesPerMinute, limits.burst);
    this.idleTimer = setTimeout(() => this.closeIdle(), limits.idleTimeoutMs);
    this.idleTimer.unref();
    socket.on('message', (data, isBinary) => this.receive(data, isBinary));
    socket.once('close', () => {
      clearTimeout(this.idleTimer);
      clearTimeout(this.expiryTimer);
      for (const listener of this.closeListeners.splice(0)) listener();
    });
  }

  get isOpen(): boolean {
    return this.socket.readyState === this.socket.OPEN;
  }

  /** Begins handing client messages (other than HEARTBEAT, answered here) to `handler`. */
  start(handler: (message: ClientMessage) => void): void {
    this.handler = handler;
    for (const message of this.waiting.splice(0)) if (this.isOpen) handler(message);
  }

  /** Runs once when the connection closes, for whatever reason (or at once if it already has). */
  onClose(listener: () => void): void {
    if (this.socket.readyState === this.socket.CLOSED) listener();
    else this.closeListeners.push(listener);
  }

  send(message: OutboundMessage): void {
    this.sendText(JSON.stringify(message));
  }

  /** For messages serialised once and sent to many sockets. */
  sendText(text: string): void {
    if (this.isOpen) this.socket.send(text);
  }

  error(code: WsErrorCode, content: string, details?: Record<string, unknown>): void {
    this.send(errorMessage(this.now(), code, content, details));
  }

  /** ERROR, then close: the client learns why before the connection goes. */
  fail(closeCode: number, code: WsErrorCode, content: string, details?: Record<string, unknown>): void {
    this.error(code, content, details);
    this.close(closeCode, code);
  }

  close(code: number, reason: string): void {
    if (this.socket.readyState === this.socket.OPEN || this.socket.readyState === this.socket.CONNECTING) this.socket.close(code, reason);
  }

  /** Closes the connection when its access token expires (epoch seconds): a socket must not outlive its credential. */
  expireAt(epochSeconds: number): void {
    const delay = Math.max(0, epochSeconds * 1000 - this.now().getTime());
    // setTimeout holds at most ~24.8 days; a token outliving that is refreshed on reconnect anyway.
    this.expiryTimer = setTimeout(
      () => this.fail(CLOSE.policyViolation, 'TOKEN_EXPIRED', 'Access token expired; reconnect with a fresh token'),
      Math.min(delay, 2 ** 31 - 1),
    );
    this.expiryTimer.unref();
  }

  private receive(data: RawData, isBinary: boolean): void {
    if (!this.isOpen) return;
    const bytes = byteLength(data);
    if (bytes > this.limits.maxMessageBytes) {
      this.fail(CLOSE.tooBig, 'MESSAGE_TOO_LARGE', `Messages are limited to ${this.limits.maxMessageBytes} bytes`, {
        limit_bytes: this.limits.maxMessageBytes,
        received_bytes: bytes,
      });
      return;
    }
    this.idleTimer.refresh();
    if (!this.limiter.tryTake()) {
      this.error('RATE_LIMITED', `Rate limit exceeded (${this.limiter.describe()}); message dropped`, {
        retry_after_seconds: this.limiter.retryAfterSeconds(),
      });
      return;
    }
    if (isBinary) {
      this.error('INVALID_MESSAGE', 'Send JSON text frames, not binary frames');
      return;
    }
    const parsed = parseClientMessage(textOf(data));
    if (!parsed.ok) {
      this.error(parsed.code, parsed.content);
      return;
    }
    if (parsed.message.type === 'HEARTBEAT') {
      this.send(serverMessage('HEARTBEAT', this.now(), ''));
      return;
    }
    if (this.handler) this.handler(parsed.message);
    else this.waiting.push(parsed.message);
  }

  private closeIdle(): void {
    const seconds = Math.round(this.limits.idleTimeoutMs / 1000);
    this.send(serverMessage('SYSTEM', this.now(), `Closing: no message from the client for ${seconds} s`, { reason: 'idle_timeout' }));
    this.close(CLOSE.normal, 'idle timeout');
  }
}

function byteLength(data: RawData): number {
  if (Array.isArray(data)) return data.reduce((sum, chunk) => sum + chunk.length, 0);
  return data instanceof ArrayBuffer ? data.byteLength : data.length;
}

function textOf(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return data instanceof ArrayBuffer ? Buffer.from(data).toString('utf8') : data.toString('utf8');
}
