import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Replaces the default `Content-Security-Policy` for this route (the docs pages load scripts and styles). */
    contentSecurityPolicy?: string;
  }
}

/** The headers the MHRAS spec lists; sent on every response from every surface. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'X-XSS-Protection': '1; mode=block',
  'Strict-Transport-Security': 'max-age=31536000; includeSubDomains',
  'Content-Security-Policy': "default-src 'self'",
};

/**
 * X-Request-ID (the id Fastify assigned: a sane incoming one, else generated), X-Response-Time in
 * seconds as the MHRAS spec shows it, and the security headers. Routes may override the CSP
 * (the docs pages need more than `default-src 'self'`).
 */
export function installRequestContext(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    setRequestHeaders(request, reply);
  });
  app.addHook('onSend', async (_request, reply, payload) => {
    setResponseTime(reply);
    return payload;
  });
}

/** The headers set when a request arrives; also used for answers sent outside the hooks (framework errors). */
export function setRequestHeaders(request: FastifyRequest, reply: FastifyReply): void {
  reply.header('X-Request-ID', request.id);
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) reply.header(name, value);
  const csp = request.routeOptions.config?.contentSecurityPolicy;
  if (csp) reply.header('Content-Security-Policy', csp);
}

export function setResponseTime(reply: FastifyReply): void {
  reply.header('X-Response-Time', (reply.elapsedTime / 1000).toFixed(4));
}
