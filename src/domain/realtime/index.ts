export { decodeEnvelope, encodeEnvelope, WIRE_VERSION } from './person-event-codec.js';
export {
  PERSON_EVENT_TYPES,
  PersonEventDataSchemas,
  isPersonEventType,
  type PersonEvent,
  type PersonEventDataMap,
  type PersonEventEnvelope,
  type PersonEventType,
} from './person-event.schemas.js';
export { PersonEvents, personChannel, type PersonEventErrorReporter, type PersonEventHandler } from './person-events.js';
