import type { FastifyInstance } from 'fastify';

export const ESCALATION_SWEEP_MS = 60_000;

/** Escalates overdue review cases every minute while the server runs (listing the queue also does it first). */
export function installReviewEscalation(app: FastifyInstance): void {
  const { screening } = app.services;
  let timer: NodeJS.Timeout | undefined;
  app.addHook('onReady', async () => {
    timer = setInterval(() => {
      screening.service.escalateOverdue().catch((error: unknown) => app.log.warn({ err: error }, 'review escalation sweep failed'));
    }, ESCALATION_SWEEP_MS);
    timer.unref();
  });
  app.addHook('onClose', async () => clearInterval(timer));
}
