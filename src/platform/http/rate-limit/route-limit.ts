/**
 * Which limit a route counts against: `caller` (the signed-in user by tier, else the client IP), `auth` (per
 * client IP and endpoint, for the unauthenticated auth endpoints) or `exempt`. Routes say so with
 * `config: { rateLimitPolicy }`; by default a route counts against the caller's limit.
 */
export type RouteLimit = 'caller' | 'auth' | 'exempt';

declare module 'fastify' {
  interface FastifyContextConfig {
    rateLimitPolicy?: RouteLimit;
  }
}

/**
 * Liveness, readiness and metrics probes: load balancers and Prometheus poll them from few addresses, and a
 * throttled probe would take a healthy node out of service.
 */
export const PROBE_ROUTES: ReadonlySet<string> = new Set([
  '/',
  '/health',
  '/metrics',
  '/api/v1/auth/health',
  '/api/v1/health-data/health',
  '/api/v1/debug/health',
]);

/** The parts of a route's options (as onRoute sees them) the choice depends on. */
export interface RouteShape {
  url: string;
  config?: { rateLimitPolicy?: RouteLimit } | undefined;
  websocket?: unknown;
  wsHandler?: unknown;
}

export function routeLimit(route: RouteShape): RouteLimit {
  const declared = route.config?.rateLimitPolicy;
  if (declared) return declared;
  if (PROBE_ROUTES.has(route.url) || isApiDocs(route.url)) return 'exempt';
  // A WebSocket session is limited per message (WS_MESSAGES_PER_MINUTE), not by its one upgrade request.
  if (route.websocket === true || route.wsHandler !== undefined) return 'exempt';
  return 'caller';
}

/** The API documentation (Swagger UI and its assets, ReDoc, the OpenAPI document): static, cached, no personal data. */
const isApiDocs = (url: string): boolean => url === '/openapi.json' || url === '/redoc' || url === '/docs' || url.startsWith('/docs/');
