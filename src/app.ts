import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyPluginAsync } from 'fastify';
import cors from '@fastify/cors';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { createIdentity } from './domain/identity/index.js';
import { ObservationStore } from './domain/observations/index.js';
import { AppleHealthImports } from './domain/ingest/apple-health-import/index.js';
import { clarityUploadMapper } from './domain/ingest/clarity/health-metric-mapping.js';
import { healthKitUploadMapper } from './domain/ingest/healthkit/healthkit-upload-mapping.js';
import { UploadIngest } from './domain/ingest/upload-ingest.js';
import { PersonData } from './domain/privacy/index.js';
import { createScreening } from './domain/screening/index.js';
import { createTwinEngine } from './domain/twin/index.js';
import { loadFitnessRules } from './domain/twin/fitness/index.js';
import { Announcements } from './announcements.js';
import { AlertService, evaluateAlertsOnRecompute, ScreeningAlertRelay } from './domain/alerts/index.js';
import { createJobQueue, type JobQueueTuning } from './platform/jobs/index.js';
import { Webhooks, type WebhooksDeps } from './domain/webhooks/index.js';
import { Notifications, smsSenderFrom, vapidKeysFrom } from './domain/notifications/index.js';
import { createPubSub } from './platform/pubsub/index.js';
import { PersonEvents } from './domain/realtime/index.js';
import { ActigraphyService } from './domain/actigraphy/index.js';
import { epochSeconds, systemClock, type Clock } from './platform/clock.js';
import { SqlAuditLog } from './platform/audit/index.js';
import type { Database } from './platform/db/index.js';
import { AccessLogController, installRequestMetrics } from './platform/http/access-log.js';
import { installErrorHandling } from './platform/http/error-handling.js';
import { createCounterStore, installRateLimits, rateLimitPolicies, RATE_LIMIT_HEADER_NAMES } from './platform/http/rate-limit/index.js';
import { frameworkErrorHandler } from './platform/http/framework-errors.js';
import { installRequestContext } from './platform/http/request-context.js';
import type { SurfaceErrorFormat } from './platform/http/surface-format.js';
import { createValidatorCompiler } from './platform/http/validator-compiler.js';
import { isSaneRequestId, newId } from './platform/ids.js';
import { loggerOptions } from './platform/logger.js';
import { createMailer, type Mailer } from './platform/mail/index.js';
import { createHttpMetrics } from './platform/metrics.js';
import type { AppServices, ResolvedConfig } from './services.js';
import { claritySurface } from './surfaces/clarity/index.js';
import { clarityProblemFormat } from './surfaces/clarity/problem-format.js';
import { mhrasErrorFormat } from './surfaces/mhras/error-format.js';
import { mhrasSurface } from './surfaces/mhras/index.js';
import { installApiDocs } from './surfaces/system/api-docs.js';
import { twinErrorFormat } from './surfaces/twin/error-format.js';
import { twinSurface } from './surfaces/twin/index.js';
import { parseCorsOrigins } from './config/cors-origins.js';
import { VERSION } from './version.js';

export const REVOCATION_PRUNE_INTERVAL_MS = 3_600_000;

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
  /** Webhook delivery seams for tests: a DNS resolver and a shorter attempt timeout. */
  webhooks?: Pick<WebhooksDeps, 'resolveHost' | 'timeoutMs'>;
  /** Job queue timings for tests (shorter leases, BullMQ stall checks). */
  jobs?: JobQueueTuning;
  /** Closes the database when the app closes, after every other onClose hook (`serve` passes it; tests close their own). */
  closeDatabase?: () => Promise<void>;
}

export type App = FastifyInstance;

/** Builds the whole server (platform, domain, the three surfaces) without listening. */
export async function buildApp(config: ResolvedConfig, deps: AppDependencies): Promise<App> {
  const clock = deps.clock ?? systemClock;
  const metrics = createHttpMetrics();
  const accessLog = new AccessLogController();
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
    // One access-log line per request, without query strings, instead of Fastify's two.
    logController: accessLog,
    // A URL Fastify cannot route (`/v1/%zz`) is still answered in the surface's format, with the usual headers.
    frameworkErrors: frameworkErrorHandler({ formatFor: formatForPath, now: () => clock.now(), accessLog, metrics }),
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.setValidatorCompiler(createValidatorCompiler());
  // Every route takes JSON (uploads bring their own parsers): a text/plain body is 415, not a string for the schema to reject.
  app.removeContentTypeParser('text/plain');
  // The surfaces' error bodies, once, for their routes' `$ref`s (and OpenAPI's components.schemas).
  for (const format of [clarityProblemFormat, twinErrorFormat, mhrasErrorFormat]) app.addSchema(format.schema);

  const audit = new SqlAuditLog(deps.database, clock);
  const mailer = deps.mailer ?? createMailer({ smtpUrl: config.SMTP_URL, from: config.MAIL_FROM }, deps.database.db, clock);
  // JOB_QUEUE picks embedded or BullMQ (docs/jobs.md); a bad combination is a ConfigError here, at start-up.
  const jobs = await createJobQueue(config, deps.database.db, clock, {
    onError: (job, error) => app.log.warn({ job_id: job.id, kind: job.kind, err: error }, 'job failed'),
    onDispatchError: (error, operation) => app.log.warn({ err: error, operation }, 'job queue error'),
    ...deps.jobs,
  });
  const observations = new ObservationStore(deps.database, clock, (error) => app.log.warn({ err: error }, 'a data-change listener failed'));
  const webhooks = new Webhooks({
    db: deps.database.db,
    jobs,
    clock,
    audit,
    mailer,
    secretKey: config.SECRET_KEY,
    allowPrivate: config.WEBHOOK_ALLOW_PRIVATE,
    ownerEmail: async (personId) => (await services.identity.users.findById(personId))?.email ?? null,
    log: app.log,
    ...deps.webhooks,
  });
  // Reports carry the operation and event type only: never a channel (it names a person) or a message.
  const pubsub = await createPubSub({
    redisUrl: config.REDIS_URL,
    onError: (error, { operation }) => app.log.warn({ err: error, operation }, 'pub/sub error'),
  });
  const personEvents = new PersonEvents(pubsub, clock, (error, context) => app.log.warn({ err: error, ...context }, 'person event not delivered'));
  const announce = new Announcements(personEvents, webhooks, clock, app.log, (personId, alert) => notifications.alertCreated(personId, alert));
  const alerts = new AlertService(deps.database.db, clock);
  const notifications = new Notifications({
    db: deps.database.db,
    clock,
    jobs,
    mailer,
    alerts,
    twin: () => services.twin,
    contact: async (personId) => {
      const user = await services.identity.users.findById(personId);
      return user ? { email: user.email, phone: user.phone } : null;
    },
    vapid: vapidKeysFrom(config),
    sms: smsSenderFrom(config),
    allowPrivate: config.WEBHOOK_ALLOW_PRIVATE,
    ...(deps.webhooks?.resolveHost ? { resolveHost: deps.webhooks.resolveHost } : {}),
    log: app.log,
  });
  const evaluateAlerts = evaluateAlertsOnRecompute(alerts, announce.alertCreated, (error) => app.log.warn({ err: error }, 'alert evaluation failed'));
  const screeningAlerts = new ScreeningAlertRelay(deps.database.db, alerts, clock, announce.alertCreated, (error) =>
    app.log.warn({ err: error }, 'screening alert delivery failed'),
  );
  const services: AppServices = {
    config,
    clock,
    database: deps.database,
    audit,
    mailer,
    metrics,
    identity: createIdentity(config, deps.database, { audit, mailer, clock, log: app.log }),
    jobs,
    observations,
    imports: new AppleHealthImports(deps.database.db, observations, jobs, config.DATA_DIR, announce.imports),
    personData: new PersonData(deps.database.db, observations, clock),
    fitnessRules: loadFitnessRules(config.FITNESS_RULES_FILE),
    twin: createTwinEngine(deps.database.db, observations, jobs, clock, async (personId, computed) => {
      announce.twinRecomputed(personId, computed);
      await evaluateAlerts(personId, computed);
      await notifications.dataRecomputed(personId, computed.snapshot.features.time_zone);
    }),
    alerts,
    screeningAlerts,
    notifications,
    webhooks,
    pubsub,
    personEvents,
    screening: createScreening(deps.database.db, clock, metrics.mhras, {
      locale: config.MHRAS_RESOURCE_LOCALE,
      escalationMinutes: config.MHRAS_REVIEW_ESCALATION_MINUTES,
      onAlertRecorded: () => screeningAlerts.poke(),
      onReviewOpened: announce.screeningReviewOpened,
      onReviewResolved: screeningAlerts.reviewResolved,
      extraDirectory: config.MHRAS_MODELS_DIR,
      active: config.MHRAS_ACTIVE_MODEL,
    }),
    uploads: new UploadIngest(
      deps.database.db,
      observations,
      jobs,
      clock,
      { clarity_upload: clarityUploadMapper, healthkit_upload: healthKitUploadMapper },
      announce.uploadFinished,
    ),
    actigraphy: new ActigraphyService(deps.database.db, observations, jobs, clock, { weightsDir: config.PAT_WEIGHTS_DIR }),
    startedAt: clock.now(),
    version: VERSION,
  };
  announce.relayAnalyses(services.actigraphy.events);
  app.decorate('services', services);
  app.decorateRequest('principal', null);
  // onClose hooks run last-registered first: these two, registered first, run after everything else that may still
  // write (surfaces, jobs, analyses): the audit queue is committed, then the database closes.
  if (deps.closeDatabase) app.addHook('onClose', deps.closeDatabase);
  app.addHook('onClose', () => audit.close());
  // Jobs run once every handler is registered (surfaces register theirs) and stop before the database closes;
  // with JOBS_RUN_IN_API=false this process only enqueues and `homeostat worker` runs them.
  app.addHook('onReady', async () => {
    if (config.JOBS_RUN_IN_API) jobs.start();
  });
  app.addHook('onClose', async () => {
    await jobs.stop();
    await mailer.close();
    await pubsub.close();
  });
  // Revoked token ids matter only until those tokens would have expired anyway: drop the rest hourly.
  const pruneRevocations = setInterval(() => {
    services.identity.revocations
      .prune(epochSeconds(clock.now()))
      .catch((error: unknown) => app.log.warn({ err: error }, 'pruning the token revocation list failed'));
  }, REVOCATION_PRUNE_INTERVAL_MS);
  pruneRevocations.unref();
  app.addHook('onClose', async () => clearInterval(pruneRevocations));
  // After the jobs hook: a running analysis finishes its PAT pass before the worker is stopped.
  app.addHook('onClose', async () => services.actigraphy.close());
  // Screening alerts recorded but not yet raised when a previous process stopped; and none left half-raised on close.
  app.addHook('onReady', async () => screeningAlerts.poke());
  app.addHook('onClose', async () => screeningAlerts.idle());

  installRequestContext(app);
  installRequestMetrics(app, services.metrics);
  // Outside any surface prefix, errors use the MHRAS format: MHRAS is the surface mounted at `/`.
  installErrorHandling(app, mhrasErrorFormat, () => clock.now());

  await installCors(app, parseCorsOrigins(config.CORS_ORIGINS));
  // Before any route is registered: every route gets its limit check as it is added (docs/rate-limits.md).
  installRateLimits(app, {
    policies: rateLimitPolicies(config),
    store: await createCounterStore({ redisUrl: config.REDIS_URL, prefix: config.RATE_LIMIT_REDIS_PREFIX, log: app.log }),
    callerLimitsEnabled: config.RATE_LIMIT_ENABLED,
    now: () => clock.now(),
    callerOf: (request) =>
      request.principal ? { id: request.principal.userId, subscriptionTier: request.principal.account.subscriptionTier } : null,
  });
  await installApiDocs(app, config);

  await app.register(claritySurface, { prefix: '/api/v1', extension: deps.extensions?.clarity });
  await app.register(twinSurface, { prefix: '/v1', extension: deps.extensions?.twin });
  await app.register(mhrasSurface, { extension: deps.extensions?.mhras });
  return app;
}

/** Which surface a URL belongs to, for answers given before routing (each surface answers its own errors after). */
function formatForPath(url: string): SurfaceErrorFormat {
  if (/^\/api\/v1(\/|\?|$)/.test(url)) return clarityProblemFormat;
  if (/^\/v1(\/|\?|$)/.test(url)) return twinErrorFormat;
  return mhrasErrorFormat;
}

/** CORS_ORIGINS (validated by parseConfig): listed origins with credentials, or `*` for any origin without. */
async function installCors(app: App, origins: string[]): Promise<void> {
  if (origins.length === 0) return;
  const anyOrigin = origins.includes('*');
  await app.register(cors, {
    origin: anyOrigin ? '*' : origins,
    credentials: !anyOrigin,
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
    exposedHeaders: ['X-Request-ID', 'X-Response-Time', ...RATE_LIMIT_HEADER_NAMES],
    maxAge: 600,
  });
}
