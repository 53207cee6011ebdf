import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createPubSub } from './create-pubsub.js';
import { MemoryPubSub } from './memory-pubsub.js';
import { pubSubContract } from './pubsub-contract.test-helpers.js';

describe('MemoryPubSub', () => {
  pubSubContract(
    () => new MemoryPubSub(),
    () => `test:${randomBytes(4).toString('hex')}`,
  );

  it('delivers on a later microtask, not inside publish', async () => {
    const pubsub = new MemoryPubSub();
    const got: string[] = [];
    await pubsub.subscribe('c', (m) => got.push(m));
    const published = pubsub.publish('c', 'm');
    expect(got).toEqual([]);
    await published;
    await Promise.resolve();
    expect(got).toEqual(['m']);
  });

  it('reports a throwing handler with its operation', async () => {
    const reports: string[] = [];
    const pubsub = new MemoryPubSub((_error, context) => reports.push(context.operation));
    await pubsub.subscribe('c', () => {
      throw new Error('bug');
    });
    await pubsub.publish('c', 'm');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(reports).toEqual(['deliver']);
  });

  it('is what createPubSub builds without a Redis URL', async () => {
    expect((await createPubSub({})).kind).toBe('memory');
  });
});
