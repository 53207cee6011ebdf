/**
 * Clarity's WebSocket message format (spec §6.1): `{type, user_id, timestamp, content}` with the types MESSAGE,
 * TYPING, HEARTBEAT, HEALTH_INSIGHT, SYSTEM and ERROR. Messages the server writes may carry more fields (`room_id`,
 * `error_code`, `event`…); clients send `{type, content?}` and the server stamps who and when.
 */
export const MESSAGE_TYPES = ['MESSAGE', 'TYPING', 'HEARTBEAT', 'HEALTH_INSIGHT', 'SYSTEM', 'ERROR'] as const;
export type MessageType = (typeof MESSAGE_TYPES)[number];

/** `user_id` of what the server itself says (SYSTEM, ERROR, HEARTBEAT replies). */
export const SERVER_USER_ID = 'system';

/** Spec §12.1: WebSocket messages of at most 64 KB. */
export const MAX_MESSAGE_BYTES = 64 * 1024;

export interface OutboundMessage {
  type: MessageType;
  user_id: string;
  timestamp: string;
  content: string;
  [extra: string]: unknown;
}

/** A client message that passed the checks common to every endpoint. */
export interface ClientMessage {
  type: MessageType;
  content: string | undefined;
  is_typing: boolean | undefined;
}

/** Machine-readable reasons carried by ERROR messages (`error_code`), documented in docs/realtime.md. */
export type WsErrorCode =
  | 'AUTHENTICATION_FAILED'
  | 'FORBIDDEN'
  | 'UNKNOWN_ROOM'
  | 'TOKEN_EXPIRED'
  | 'MESSAGE_TOO_LARGE'
  | 'RATE_LIMITED'
  | 'INVALID_JSON'
  | 'INVALID_MESSAGE'
  | 'UNSUPPORTED_MESSAGE_TYPE'
  | 'NOT_AVAILABLE'
  | 'INTERNAL_ERROR';

/** WebSocket close codes used (RFC 6455 §7.4.1). */
export const CLOSE = {
  normal: 1000,
  goingAway: 1001,
  policyViolation: 1008,
  tooBig: 1009,
  internalError: 1011,
} as const;

export const serverMessage = (
  type: 'SYSTEM' | 'HEARTBEAT',
  now: Date,
  content: string,
  extra: Record<string, unknown> = {},
): OutboundMessage => ({
  type,
  user_id: SERVER_USER_ID,
  timestamp: now.toISOString(),
  content,
  ...extra,
});

export const errorMessage = (now: Date, code: WsErrorCode, content: string, details?: Record<string, unknown>): OutboundMessage => ({
  type: 'ERROR',
  user_id: SERVER_USER_ID,
  timestamp: now.toISOString(),
  content,
  error_code: code,
  ...(details ? { details } : {}),
});

export type ParsedClientMessage = { ok: true; message: ClientMessage } | { ok: false; code: WsErrorCode; content: string };

/** Parses a text frame. Types are matched case-insensitively (Clarity's own server spells them in lower case). */
export function parseClientMessage(text: string): ParsedClientMessage {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, code: 'INVALID_JSON', content: 'Messages must be JSON objects' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, code: 'INVALID_MESSAGE', content: 'Messages must be JSON objects' };
  }
  const { type, content, is_typing: isTyping } = value as Record<string, unknown>;
  const upper = typeof type === 'string' ? type.toUpperCase() : undefined;
  if (!upper || !(MESSAGE_TYPES as readonly string[]).includes(upper)) {
    return { ok: false, code: 'INVALID_MESSAGE', content: `"type" must be one of ${MESSAGE_TYPES.join(', ')}` };
  }
  if (content !== undefined && typeof content !== 'string')
    return { ok: false, code: 'INVALID_MESSAGE', content: '"content" must be a string' };
  if (isTyping !== undefined && typeof isTyping !== 'boolean')
    return { ok: false, code: 'INVALID_MESSAGE', content: '"is_typing" must be a boolean' };
  return { ok: true, message: { type: upper as MessageType, content, is_typing: isTyping } };
}
