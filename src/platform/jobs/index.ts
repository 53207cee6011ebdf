export { JobQueue, RetryJobLater, type Job, type JobHandler, type JobQueueOptions, type Lane } from './job-queue.js';
