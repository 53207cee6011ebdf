import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { eventually, pubSubContract } from './pubsub-contract.test-helpers.js';
import { DEFAULT_CHANNEL_PREFIX, RedisPubSub } from './redis-pubsub.js';

const REDIS_URL = process.env.TEST_REDIS_URL;
const channel = () => `test:${randomBytes(6).toString('hex')}`;

describe.skipIf(!REDIS_URL)('RedisPubSub (TEST_REDIS_URL)', () => {
  const url = REDIS_URL ?? '';
  pubSubContract(() => new RedisPubSub({ url }), channel);

  it('carries messages between two instances (two API nodes), under the channel prefix', async () => {
    const nodeA = new RedisPubSub({ url });
    const nodeB = new RedisPubSub({ url });
    const raw = new Redis(url);
    try {
      const name = channel();
      const got: string[] = [];
      await nodeB.subscribe(name, (m) => got.push(m));
      expect(nodeB.stats()).toEqual({ channels: 1, handlers: 1 });
      await nodeA.publish(name, 'from A');
      // Anyone who can PUBLISH on Redis reaches the subscribers: the wire channel is the prefix plus the name.
      await raw.publish(DEFAULT_CHANNEL_PREFIX + name, 'from redis-cli');
      await eventually(() => expect(got).toEqual(['from A', 'from redis-cli']));
    } finally {
      raw.disconnect();
      await Promise.all([nodeA.close(), nodeB.close()]);
    }
  });

  it('SUBSCRIBEs once per channel however many local handlers, and UNSUBSCRIBEs when the last leaves', async () => {
    const node = new RedisPubSub({ url });
    const raw = new Redis(url);
    try {
      const name = DEFAULT_CHANNEL_PREFIX + channel();
      const local = name.slice(DEFAULT_CHANNEL_PREFIX.length);
      const offs = await Promise.all([1, 2, 3].map(() => node.subscribe(local, () => undefined)));
      const count = async () => ((await raw.pubsub('NUMSUB', name)) as [string, number])[1];
      expect(await count()).toBe(1);
      offs.forEach((off) => off());
      await eventually(async () => expect(await count()).toBe(0));
    } finally {
      raw.disconnect();
      await node.close();
    }
  });
});

describe.skipIf(REDIS_URL)('RedisPubSub', () => {
  it.skip('needs TEST_REDIS_URL (e.g. redis://127.0.0.1:6379): Redis adapter tests skipped', () => undefined);
});
