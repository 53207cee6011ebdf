import { Compile } from 'typebox/compile';
import {
  PERSON_EVENT_TYPES,
  PersonEventDataSchemas,
  isPersonEventType,
  type PersonEventEnvelope,
  type PersonEventType,
} from './person-event.schemas.js';

/** Bumped if the envelope changes incompatibly: nodes of two versions during a rolling deploy ignore each other's. */
export const WIRE_VERSION = 1;

type Check = (value: unknown) => boolean;
const checks = new Map<PersonEventType, Check>(
  PERSON_EVENT_TYPES.map((type) => {
    const validator = Compile(PersonEventDataSchemas[type]);
    return [type, (value: unknown) => validator.Check(value)];
  }),
);

export function isValidEventData(type: PersonEventType, data: unknown): boolean {
  return checks.get(type)?.(data) ?? false;
}

export function encodeEnvelope(envelope: PersonEventEnvelope): string {
  return JSON.stringify({ v: WIRE_VERSION, ...envelope });
}

/**
 * Reads one message off a person's channel; undefined for anything that is not a valid event (another version,
 * a stray publisher). The result is frozen: every subscriber of the channel receives the same object.
 */
export function decodeEnvelope(message: string): PersonEventEnvelope | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(message);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const { v, event_id, person_id, occurred_at, type, data } = parsed as Record<string, unknown>;
  if (v !== WIRE_VERSION || typeof event_id !== 'string' || typeof person_id !== 'string' || typeof occurred_at !== 'string')
    return undefined;
  if (!isPersonEventType(type) || !isValidEventData(type, data)) return undefined;
  return deepFreeze({ event_id, person_id, occurred_at, type, data } as PersonEventEnvelope);
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
