import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyPluginAsync } from 'fastify';
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { createIdentity } from './domain/identity/index.js';
import { systemClock, type Clock } from './platform/clock.js';
import { SqlAuditLog } from './platform/audit/index.js';
import type { Database } from './platform/db/index.js';
import { AppError } from './platform/http/app-error.js';
import { installErrorHandling } from './platform/http/error-handling.js';
import { installRequestContext } from './platform/http/request-context.js';
import { createValidatorCompiler } from './platform/http/validator-compiler.js';
import { isSaneRequestId, newId } from './platform/ids.js';
import { loggerOptions } from './platform/logger.js';
import { createMailer, type Mailer } from './platform/mail/index.js';
import { createHttpMetrics } from './platform/metrics.js';
import type { AppServices, ResolvedConfig } from './services.js';
import { claritySurface } from './surfaces/clarity/index.js';
import { mhrasErrorFormat } from './surfaces/mhras/error-format.js';
import { mhrasSurface } from './surfaces/mhras/index.js';
import { installApiDocs } from './surfaces/system/api-docs.js';
import { twinSurface } from './surfaces/twin/index.js';
import { parseCorsOrigins } from './platform/http/cors-origins.js';
import { VERSION } from './version.js';

export interface SurfaceExtensions {
  clarity?: FastifyPluginAsync;
  twin?: FastifyPluginAsync;
  mhras?: FastifyPluginAsync;
}

export interface AppDependencies {
  database: Database;
  clock?: Clock;
  mailer?: Mailer;
  /** A pino logger to write to (tests capture logs through it); default: stdout at LOG_LEVEL. */
  logger?: FastifyBaseLogger;
  /** Extra routes mounted inside a surface (its errors, auth and deadlines apply): for tests and plugins. */
  extensions?: SurfaceExtensions;
}

export type App = FastifyInstance;

/** Builds the whole server (platform, domain, the three surfaces) without listening. */
export async function buildApp(config: ResolvedConfig, deps: AppDependencies): Promise<App> {
  const clock = deps.clock ?? systemClock;
  const app = Fastify({
    ...(deps.logger ? { loggerInstance: deps.logger } : { logger: loggerOptions(config.LOG_LEVEL) }),
    requestIdHeader: false,
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return isSaneRequestId(incoming) ? incoming : newId('req', 9);
    },
    bodyLimit: config.BODY_LIMIT_BYTES,
    trustProxy: config.TRUST_PROXY,
    forceCloseConnections: 'idle',
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.setValidatorCompiler(createValidatorCompiler());

  const audit = new SqlAuditLog(deps.database, clock);
  const mailer = deps.mailer ?? createMailer({ smtpUrl: config.SMTP_URL, from: config.MAIL_FROM }, deps.database.db, clock);
  const services: AppServices = {
    config,
    clock,
    database: deps.database,
    audit,
    mailer,
    metrics: createHttpMetrics(),
    identity: createIdentity(config, deps.database, audit, mailer, clock),
    startedAt: clock.now(),
    version: VERSION,
  };
  app.decorate('services', services);
  app.decorateRequest('principal', null);
  app.addHook('onClose', async () => {
    await mailer.close();
  });

  installRequestContext(app);
  app.addHook('onResponse', async (request, reply) => {
    services.metrics.observe(
      { route: request.routeOptions.url ?? 'unmatched', method: request.method, status: reply.statusCode },
      reply.elapsedTime / 1000,
    );
  });
  // Outside any surface prefix, errors use the MHRAS format: MHRAS is the surface mounted at `/`.
  installErrorHandling(app, mhrasErrorFormat, () => clock.now());

  const origins = parseCorsOrigins(config.CORS_ORIGINS);
  if (origins.length > 0) {
    await app.register(cors, { origin: origins, credentials: true, exposedHeaders: ['X-Request-ID', 'X-Response-Time', 'X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset'] });
  }
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) =>
      new AppError('rate_limited', `Rate limit exceeded: ${context.max} requests per ${context.after}`, {
        details: { limit: context.max, retry_after_seconds: Math.ceil(context.ttl / 1000) },
      }),
  });
  await installApiDocs(app, config);

  await app.register(claritySurface, { prefix: '/api/v1', extension: deps.extensions?.clarity });
  await app.register(twinSurface, { prefix: '/v1', extension: deps.extensions?.twin });
  await app.register(mhrasSurface, { extension: deps.extensions?.mhras });
  return app;
}
