import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../platform/clock.js';
import { MemoryPubSub, type PubSub } from '../../platform/pubsub/index.js';
import { decodeEnvelope, encodeEnvelope } from './person-event-codec.js';
import type { PersonEvent, PersonEventEnvelope } from './person-event.schemas.js';
import { PersonEvents, personChannel } from './person-events.js';

const twinUpdated: PersonEvent = {
  type: 'twin.updated',
  data: { day: '2025-06-17', as_of: '2025-06-17T08:00:00.000Z', engine_version: '1.0.0' },
};
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

function setup(pubsub: PubSub = new MemoryPubSub()) {
  const clock = new ManualClock(new Date('2025-06-17T09:00:00.000Z'));
  const reports: { operation: string; type?: string; message: string }[] = [];
  const events = new PersonEvents(pubsub, clock, (error, context) => reports.push({ ...context, message: (error as Error).message }));
  return { pubsub, events, reports };
}

describe('PersonEvents', () => {
  it("delivers an event to the person's subscribers with an id, the person and the time", async () => {
    const { events } = setup();
    const got: PersonEventEnvelope[] = [];
    await events.subscribe('p1', (event) => got.push(event));
    await events.emit('p1', twinUpdated);
    await tick();
    expect(got).toEqual([
      { ...twinUpdated, person_id: 'p1', occurred_at: '2025-06-17T09:00:00.000Z', event_id: expect.stringMatching(/^evt_/) },
    ]);
  });

  it("never delivers one person's events to another's subscribers", async () => {
    const { events } = setup();
    const got: PersonEventEnvelope[] = [];
    await events.subscribe('p2', (event) => got.push(event));
    await events.emit('p1', twinUpdated);
    await tick();
    expect(got).toEqual([]);
  });

  it('gives every subscriber the same frozen object (decoded once)', async () => {
    const { events } = setup();
    const got: PersonEventEnvelope[] = [];
    await events.subscribe('p1', (event) => got.push(event));
    await events.subscribe('p1', (event) => got.push(event));
    await events.emit('p1', twinUpdated);
    await tick();
    expect(got).toHaveLength(2);
    expect(got[0]).toBe(got[1]);
    expect(Object.isFrozen(got[0]) && Object.isFrozen(got[0]?.data)).toBe(true);
  });

  it('drops and reports an event that does not match its schema (a producer bug); emit still resolves', async () => {
    const { events, reports } = setup();
    const got: PersonEventEnvelope[] = [];
    await events.subscribe('p1', (event) => got.push(event));
    const bad = { type: 'upload.completed', data: { upload_id: 'u', heart_rate: 180 } } as unknown as PersonEvent;
    await expect(events.emit('p1', bad)).resolves.toBeUndefined();
    await tick();
    expect(got).toEqual([]);
    expect(reports).toEqual([{ operation: 'emit', type: 'upload.completed', message: expect.stringContaining('does not match') }]);
    expect(JSON.stringify(reports)).not.toContain('180');
  });

  it('resolves and reports when the transport fails (the work it reports must not fail with it)', async () => {
    const pubsub = new MemoryPubSub();
    await pubsub.close();
    const { events, reports } = setup(pubsub);
    await expect(events.emit('p1', twinUpdated)).resolves.toBeUndefined();
    expect(reports).toEqual([{ operation: 'emit', type: 'twin.updated', message: expect.stringContaining('closed') }]);
  });

  it('ignores (and reports once) a message on a person channel that is not a valid event', async () => {
    const { pubsub, events, reports } = setup();
    const got: PersonEventEnvelope[] = [];
    await events.subscribe('p1', (event) => got.push(event));
    await events.subscribe('p1', (event) => got.push(event));
    await pubsub.publish(personChannel('p1'), '{"v":1,"type":"twin.updated"}');
    await pubsub.publish(personChannel('p1'), 'not json');
    await tick();
    expect(got).toEqual([]);
    expect(reports.map((r) => r.operation)).toEqual(['decode', 'decode']);
  });

  it('stops delivering after unsubscribe', async () => {
    const { events } = setup();
    const got: PersonEventEnvelope[] = [];
    const unsubscribe = await events.subscribe('p1', (event) => got.push(event));
    unsubscribe();
    await events.emit('p1', twinUpdated);
    await tick();
    expect(got).toEqual([]);
  });
});

describe('person event wire format', () => {
  it('round-trips, and refuses other versions, unknown types and extra fields', () => {
    const envelope = { event_id: 'evt_1', person_id: 'p', occurred_at: '2025-06-17T09:00:00.000Z', ...twinUpdated } as PersonEventEnvelope;
    const text = encodeEnvelope(envelope);
    expect(JSON.parse(text)).toMatchObject({ v: 1, type: 'twin.updated' });
    expect(decodeEnvelope(text)).toEqual(envelope);
    expect(decodeEnvelope(text.replace('"v":1', '"v":2'))).toBeUndefined();
    expect(decodeEnvelope(text.replace('twin.updated', 'twin.deleted'))).toBeUndefined();
    expect(decodeEnvelope(text.replace('"engine_version"', '"glucose":5,"engine_version"'))).toBeUndefined();
    expect(decodeEnvelope('null')).toBeUndefined();
  });
});
