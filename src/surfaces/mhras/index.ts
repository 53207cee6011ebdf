import type { FastifyPluginAsync } from 'fastify';
import { installSurface, type SurfaceOptions } from '../shared/install-surface.js';
import { consentRoutes } from './consent.routes.js';
import { mhrasErrorFormat } from './error-format.js';
import { insightsRoutes } from './insights.routes.js';
import { installMhrasMetrics } from './mhras-metrics.js';
import { reviewRoutes } from './review.routes.js';
import { installReviewEscalation } from './review-escalation.js';
import { screeningRoutes } from './screening.routes.js';
import { serviceRoutes } from './service.routes.js';

/**
 * The MHRAS API, mounted at `/`: the service endpoints, screening (/screen, /risk-score, /explain), the consent
 * registry, the human review queue and de-identified aggregates. Unknown paths outside /v1 and /api/v1 are answered by
 * the root in MHRAS format.
 */
export const mhrasSurface: FastifyPluginAsync<SurfaceOptions> = async (app, options) => {
  installSurface(app, { format: mhrasErrorFormat, tag: 'MHRAS', defaultTimeoutMs: app.services.config.MHRAS_TIMEOUT_MS, ownsNotFound: false });
  installMhrasMetrics(app);
  installReviewEscalation(app);
  // Runs before the root's hooks that commit the audit queue and close the database (onClose: last registered first).
  app.addHook('onClose', () => app.services.screening.service.close());
  await app.register(serviceRoutes);
  await app.register(screeningRoutes);
  await app.register(consentRoutes);
  await app.register(reviewRoutes);
  await app.register(insightsRoutes);
  if (options.extension) await app.register(options.extension);
};
