import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { TOKEN_ISSUER } from '../../domain/identity/index.js';
import { probeDatabase } from '../system/database-probe.js';
import { publicConfig } from './public-config.js';

const Scalar = Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()]);

/** Clarity `/api/v1/debug/*`: registered only when ENVIRONMENT=development; never shows a secret. */
export const clarityDebugRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { config, database, mailer, startedAt, clock, version } = app.services;

  app.get('/config', { schema: { summary: 'Effective configuration (secrets masked)', response: { 200: Type.Record(Type.String(), Scalar) } }, config: { auth: false } }, async () =>
    publicConfig(config),
  );

  app.get(
    '/auth-info',
    {
      schema: {
        summary: 'How tokens are issued and verified',
        response: {
          200: Type.Object({
            local: Type.Object({ algorithm: Type.String(), issuer: Type.String(), access_token_ttl_seconds: Type.Integer(), refresh_token_ttl_seconds: Type.Integer() }),
            oidc: Type.Union([Type.Object({ issuer: Type.String(), jwks_url: Type.String(), audience: Type.Union([Type.String(), Type.Null()]), role_claim: Type.String() }), Type.Null()]),
            lockout: Type.Object({ threshold: Type.Integer(), minutes: Type.Integer() }),
            require_email_verification: Type.Boolean(),
          }),
        },
      },
      config: { auth: false },
    },
    async () => ({
      local: { algorithm: 'HS256', issuer: TOKEN_ISSUER, access_token_ttl_seconds: config.ACCESS_TOKEN_TTL_SECONDS, refresh_token_ttl_seconds: config.REFRESH_TOKEN_TTL_SECONDS },
      oidc:
        config.OIDC_ISSUER && config.OIDC_JWKS_URL
          ? { issuer: config.OIDC_ISSUER, jwks_url: config.OIDC_JWKS_URL, audience: config.OIDC_AUDIENCE ?? null, role_claim: config.OIDC_ROLE_CLAIM }
          : null,
      lockout: { threshold: config.LOCKOUT_THRESHOLD, minutes: config.LOCKOUT_MINUTES },
      require_email_verification: config.REQUIRE_EMAIL_VERIFICATION,
    }),
  );

  app.get(
    '/health',
    {
      schema: {
        summary: 'Comprehensive health check',
        response: {
          200: Type.Object({
            status: Type.Enum(['healthy', 'degraded']),
            version: Type.String(),
            uptime_seconds: Type.Number(),
            database: Type.Object({ dialect: Type.String(), reachable: Type.Boolean(), latency_ms: Type.Number() }),
            mailer: Type.String(),
            memory_rss_bytes: Type.Integer(),
            node_version: Type.String(),
          }),
        },
      },
      config: { auth: false },
    },
    async () => {
      const probe = await probeDatabase(database);
      return {
        status: probe.reachable ? ('healthy' as const) : ('degraded' as const),
        version,
        uptime_seconds: (clock.now().getTime() - startedAt.getTime()) / 1000,
        database: { dialect: database.dialect, reachable: probe.reachable, latency_ms: probe.latencyMs },
        mailer: mailer.kind,
        memory_rss_bytes: process.memoryUsage.rss(),
        node_version: process.version,
      };
    },
  );
};
