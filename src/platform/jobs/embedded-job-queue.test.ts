import { jobQueueContract } from './job-queue-contract.test-helpers.js';
import { EmbeddedJobQueue } from './job-queue.js';

jobQueueContract(
  'EmbeddedJobQueue',
  (database, clock, onError) => new EmbeddedJobQueue(database.db, clock, { pollMs: 10, ...(onError ? { onError } : {}) }),
);
