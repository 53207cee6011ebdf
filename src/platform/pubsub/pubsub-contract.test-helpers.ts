import { afterEach, expect, it } from 'vitest';
import type { PubSub } from './pubsub.port.js';

/** Waits until `check` passes (messages cross a network with Redis). */
export async function eventually(check: () => void | Promise<void>, timeoutMs = 2000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (performance.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }
}

const settle = (ms = 50) => new Promise((resolve) => setTimeout(resolve, ms));

/** What every PubSub adapter must do; each adapter's test file runs it against its own instances. */
export function pubSubContract(create: () => PubSub, uniqueChannel: () => string): void {
  const opened: PubSub[] = [];
  const make = () => {
    const pubsub = create();
    opened.push(pubsub);
    return pubsub;
  };
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((pubsub) => pubsub.close()));
  });

  it('delivers a published message to every subscriber of the channel, and only to them', async () => {
    const pubsub = make();
    const channel = uniqueChannel();
    const a: string[] = [];
    const b: string[] = [];
    const elsewhere: string[] = [];
    await pubsub.subscribe(channel, (m) => a.push(m));
    await pubsub.subscribe(channel, (m) => b.push(m));
    await pubsub.subscribe(uniqueChannel(), (m) => elsewhere.push(m));
    await pubsub.publish(channel, 'hello');
    await pubsub.publish(channel, 'again');
    await eventually(() =>
      expect([a, b]).toEqual([
        ['hello', 'again'],
        ['hello', 'again'],
      ]),
    );
    await settle();
    expect(elsewhere).toEqual([]);
  });

  it('stops delivering after unsubscribe; the other subscribers keep receiving; unsubscribing twice is harmless', async () => {
    const pubsub = make();
    const channel = uniqueChannel();
    const kept: string[] = [];
    const dropped: string[] = [];
    await pubsub.subscribe(channel, (m) => kept.push(m));
    const unsubscribe = await pubsub.subscribe(channel, (m) => dropped.push(m));
    unsubscribe();
    unsubscribe();
    await pubsub.publish(channel, 'after');
    await eventually(() => expect(kept).toEqual(['after']));
    await settle();
    expect(dropped).toEqual([]);
    expect(pubsub.stats()).toEqual({ channels: 1, handlers: 1 });
  });

  it('counts the same function subscribed twice as two subscriptions', async () => {
    const pubsub = make();
    const channel = uniqueChannel();
    const got: string[] = [];
    const handler = (m: string) => got.push(m);
    const first = await pubsub.subscribe(channel, handler);
    await pubsub.subscribe(channel, handler);
    first();
    await pubsub.publish(channel, 'x');
    await eventually(() => expect(got).toEqual(['x']));
  });

  it('keeps delivering to the others when one handler throws', async () => {
    const pubsub = make();
    const channel = uniqueChannel();
    const got: string[] = [];
    await pubsub.subscribe(channel, () => {
      throw new Error('handler bug');
    });
    await pubsub.subscribe(channel, (m) => got.push(m));
    await pubsub.publish(channel, 'still');
    await eventually(() => expect(got).toEqual(['still']));
  });

  it('resubscribes cleanly after the last subscriber left', async () => {
    const pubsub = make();
    const channel = uniqueChannel();
    const unsubscribe = await pubsub.subscribe(channel, () => undefined);
    unsubscribe();
    const got: string[] = [];
    await pubsub.subscribe(channel, (m) => got.push(m));
    await pubsub.publish(channel, 'back');
    await eventually(() => expect(got).toEqual(['back']));
  });

  it('refuses to publish or subscribe once closed', async () => {
    const pubsub = make();
    await pubsub.close();
    await expect(pubsub.publish(uniqueChannel(), 'x')).rejects.toThrow(/closed/);
    await expect(pubsub.subscribe(uniqueChannel(), () => undefined)).rejects.toThrow(/closed/);
  });
}
