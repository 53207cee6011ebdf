/**
 * `homeostat worker` plus one test-only job kind, for the crash test (test/e2e/jobs-worker.test.ts): run as
 * `node --import tsx test/e2e/support/job-worker.fixture.ts` with the worker's usual environment and EFFECTS_FILE.
 * `test.effect` writes "start <attempt> <pid>" when it begins; its first attempt then hangs (the test kills that
 * process) unless the payload says `holdMs` (then it takes that long); it ends by writing "effect <job id>", the
 * visible effect that must happen exactly once.
 */
import { appendFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { consoleIo } from '../../../src/cli/context.js';
import { workerCommand } from '../../../src/cli/worker.command.js';
import { FAST_JOB_TIMINGS } from './job-timings.js';

const effects = process.env.EFFECTS_FILE;
if (!effects) throw new Error('EFFECTS_FILE is required');

process.exitCode = await workerCommand(process.env, consoleIo, {
  jobs: FAST_JOB_TIMINGS,
  prepare: (app) =>
    app.services.jobs.register('test.effect', 'default', async (job) => {
      appendFileSync(effects, `start ${job.attempts} ${process.pid}\n`);
      const { holdMs } = job.payload as { holdMs?: number };
      if (holdMs !== undefined) await sleep(holdMs);
      else if (job.attempts === 1) await sleep(600_000);
      appendFileSync(effects, `effect ${job.id}\n`);
    }),
});
