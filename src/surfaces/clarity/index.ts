import type { FastifyPluginAsync } from 'fastify';
import { installSurface, type SurfaceOptions } from '../shared/install-surface.js';
import { clarityAuthRoutes } from './auth.routes.js';
import { clarityDebugRoutes } from './debug.routes.js';
import { clarityHealthDataRoutes } from './health-data.routes.js';
import { clarityHealthKitRoutes } from './healthkit.routes.js';
import { clarityPatRoutes } from './pat.routes.js';
import { clarityProblemFormat } from './problem-format.js';
import { clarityTestRoutes } from './test.routes.js';
import { clarityWsRoutes } from './ws.routes.js';

/** The Clarity Loop backend API, mounted at /api/v1, answering errors as RFC 7807 problems. */
export const claritySurface: FastifyPluginAsync<SurfaceOptions> = async (app, options) => {
  const { config } = app.services;
  installSurface(app, { format: clarityProblemFormat, tag: 'Clarity', defaultTimeoutMs: config.REQUEST_TIMEOUT_MS });
  await app.register(clarityAuthRoutes, { prefix: '/auth' });
  await app.register(clarityTestRoutes, { prefix: '/test' });
  await app.register(clarityHealthDataRoutes, { prefix: '/health-data' });
  await app.register(clarityHealthKitRoutes, { prefix: '/healthkit' });
  await app.register(clarityPatRoutes, { prefix: '/pat' });
  await app.register(clarityWsRoutes, { prefix: '/ws' });
  if (config.ENVIRONMENT === 'development') await app.register(clarityDebugRoutes, { prefix: '/debug' });
  if (options.extension) await app.register(options.extension);
};
