import type { FastifyPluginAsync } from 'fastify';
import { installSurface, type SurfaceOptions } from '../shared/install-surface.js';
import { twinAlertRoutes } from './alerts.routes.js';
import { twinAuditRoutes } from './audit.routes.js';
import { twinAuthRoutes } from './auth.routes.js';
import { twinCalculatorRoutes } from './calculators.routes.js';
import { twinErrorFormat } from './error-format.js';
import { twinHealthProfileRoutes } from './health-profile.routes.js';
import { twinHealthRoutes } from './health.routes.js';
import { twinImportRoutes } from './imports.routes.js';
import { twinMyDataRoutes } from './my-data.routes.js';
import { twinNotificationRoutes } from './notifications.routes.js';
import { twinRiskRoutes } from './risk.routes.js';
import { twinTwinRoutes } from './twin.routes.js';
import { twinUserRoutes } from './users.routes.js';
import { twinWebhookRoutes } from './webhooks.routes.js';

/** The Health Twin API, mounted at /v1. */
export const twinSurface: FastifyPluginAsync<SurfaceOptions> = async (app, options) => {
  installSurface(app, { format: twinErrorFormat, tag: 'Twin', defaultTimeoutMs: app.services.config.REQUEST_TIMEOUT_MS });
  await app.register(twinAuthRoutes, { prefix: '/auth' });
  await app.register(twinUserRoutes, { prefix: '/users' });
  await app.register(twinMyDataRoutes, { prefix: '/users' });
  await app.register(twinHealthProfileRoutes, { prefix: '/users' });
  await app.register(twinAuditRoutes, { prefix: '/audit' });
  await app.register(twinCalculatorRoutes, { prefix: '/calculators' });
  await app.register(twinImportRoutes, { prefix: '/imports' });
  await app.register(twinHealthRoutes, { prefix: '/health' });
  await app.register(twinTwinRoutes, { prefix: '/twin' });
  await app.register(twinRiskRoutes, { prefix: '/risk' });
  await app.register(twinAlertRoutes, { prefix: '/alerts' });
  await app.register(twinWebhookRoutes, { prefix: '/webhooks' });
  await app.register(twinNotificationRoutes, { prefix: '/notifications' });
  if (options.extension) await app.register(options.extension);
};
