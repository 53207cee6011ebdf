import { afterAll, describe, expect, it } from 'vitest';
import { cliSandbox } from './cli-harness.js';

describe('homeostat worker (configuration)', () => {
  const sandbox = cliSandbox();
  afterAll(() => sandbox.remove());

  it('is listed in the usage', async () => {
    const { code, out } = await sandbox.run(['help']);
    expect(code).toBe(0);
    expect(out).toMatch(/homeostat worker\s+run jobs without serving HTTP/);
  });

  it('refuses JOB_QUEUE=bullmq without REDIS_URL before starting (exit 78, the variables named)', async () => {
    const { code, err } = await sandbox.run(['worker'], { JOB_QUEUE: 'bullmq' });
    expect(code).toBe(78);
    expect(err).toContain('JOB_QUEUE: bullmq needs REDIS_URL');
  });

  it('refuses an unknown JOB_QUEUE', async () => {
    const { code, err } = await sandbox.run(['worker'], { JOB_QUEUE: 'kafka' });
    expect(code).toBe(78);
    expect(err).toContain('JOB_QUEUE: must be one of embedded, bullmq');
  });
});
