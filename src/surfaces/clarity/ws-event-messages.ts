import type { PersonEventEnvelope } from '../../domain/realtime/index.js';
import type { OutboundMessage } from './ws-messages.js';

/** One line a person can read, from ids, counts and states only (events carry no readings). */
export function describePersonEvent(event: PersonEventEnvelope): string {
  switch (event.type) {
    case 'upload.progress':
      return `Upload ${event.data.upload_id}: ${event.data.processed_items}${event.data.total_items === null ? '' : ` of ${event.data.total_items}`} items processed`;
    case 'upload.completed':
      return event.data.status === 'completed'
        ? `Upload ${event.data.upload_id} completed: ${event.data.stored} stored, ${event.data.duplicates} duplicates, ${event.data.failed_items} refused`
        : `Upload ${event.data.upload_id} failed`;
    case 'import.progress':
      return `Import ${event.data.import_id}: ${event.data.samples_done} samples read`;
    case 'import.completed':
      return event.data.status === 'completed'
        ? `Import ${event.data.import_id} completed: ${event.data.stored} stored, ${event.data.duplicates} duplicates`
        : `Import ${event.data.import_id} failed${event.data.error_code ? ` (${event.data.error_code})` : ''}`;
    case 'pat.progress':
      return `PAT analysis ${event.data.analysis_id}: ${event.data.stage} (${Math.round(event.data.progress * 100)} %)`;
    case 'pat.completed':
      return `PAT analysis ${event.data.analysis_id} ${event.data.status}`;
    case 'twin.updated':
      return `Digital twin recomputed for ${event.data.day}`;
    case 'alert.created':
      return `New ${event.data.severity} alert: ${event.data.kind}`;
  }
}

/**
 * A person event as a Clarity message: the spec's HEALTH_INSIGHT type ("health data analysis"), with the event's
 * type in `event` and its fields in `data`, so a client can switch on `event` and show `content` as is.
 */
export const personEventMessage = (event: PersonEventEnvelope): OutboundMessage => ({
  type: 'HEALTH_INSIGHT',
  user_id: event.person_id,
  timestamp: event.occurred_at,
  content: describePersonEvent(event),
  event: event.type,
  event_id: event.event_id,
  data: event.data,
});

/**
 * The message as text, serialised once per event however many sockets follow the person: the event object is shared
 * (and frozen) between subscribers, so it can key the cache, which lets go of it with the event.
 */
const serialised = new WeakMap<PersonEventEnvelope, string>();
export function personEventText(event: PersonEventEnvelope): string {
  let text = serialised.get(event);
  if (text === undefined) serialised.set(event, (text = JSON.stringify(personEventMessage(event))));
  return text;
}
