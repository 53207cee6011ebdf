import type { Principal, Role } from '../../domain/identity/index.js';
import type { AppServices } from '../../services.js';

/** How a route is protected: `false` = public; otherwise a valid token, optionally of one of `roles`. */
export type RouteAuth = false | { roles?: readonly Role[] };

declare module 'fastify' {
  interface FastifyContextConfig {
    auth?: RouteAuth;
    timeoutMs?: number;
    contentSecurityPolicy?: string;
  }
  interface FastifyRequest {
    principal: Principal | null;
    deadline: AbortSignal;
    deadlineTimer?: NodeJS.Timeout;
  }
  interface FastifyInstance {
    services: AppServices;
  }
}

export {};
