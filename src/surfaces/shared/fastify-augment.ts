import type { Principal, Role } from '../../domain/identity/index.js';
import type { AppServices } from '../../services.js';

/** How a route is protected: `false` = public; otherwise a valid token, optionally of one of `roles`. */
export type RouteAuth = false | { roles?: readonly Role[] };

// Deadlines (`config.timeoutMs`, `request.deadline`) are declared in platform/http/timeouts.ts and the
// per-route CSP (`config.contentSecurityPolicy`) in platform/http/request-context.ts, beside the code that reads them.
declare module 'fastify' {
  interface FastifyContextConfig {
    auth?: RouteAuth;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyInstance {
    services: AppServices;
  }
}

export {};
