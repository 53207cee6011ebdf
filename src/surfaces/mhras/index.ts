import type { FastifyPluginAsync } from 'fastify';
import { installSurface, type SurfaceOptions } from '../shared/install-surface.js';
import { mhrasErrorFormat } from './error-format.js';
import { serviceRoutes } from './service.routes.js';

/**
 * The MHRAS API, mounted at `/` with the service endpoints. Its screening routes (/screen, /risk-score, /explain)
 * arrive with the screening issue; unknown paths outside /v1 and /api/v1 are answered by the root in MHRAS format.
 */
export const mhrasSurface: FastifyPluginAsync<SurfaceOptions> = async (app, options) => {
  installSurface(app, { format: mhrasErrorFormat, tag: 'MHRAS', defaultTimeoutMs: app.services.config.MHRAS_TIMEOUT_MS, ownsNotFound: false });
  await app.register(serviceRoutes);
  if (options.extension) await app.register(options.extension);
};
