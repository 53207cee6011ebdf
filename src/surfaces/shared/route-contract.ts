import type { FastifyInstance, RouteOptions } from 'fastify';
import type { SurfaceErrorFormat } from '../../platform/http/surface-format.js';
import './fastify-augment.js';

/**
 * Applied to every route of a surface as it is declared:
 *  - a route without a 2xx response schema fails start-up (response schemas filter what leaves the server);
 *  - the surface's error schemas are added for every error status, so OpenAPI documents them;
 *  - protected routes are marked with the bearer security scheme.
 */
export function installRouteContract(app: FastifyInstance, format: SurfaceErrorFormat, tag: string): void {
  app.addHook('onRoute', (route: RouteOptions) => {
    if (route.method === 'HEAD' || (Array.isArray(route.method) && route.method.includes('HEAD') && route.method.length === 1)) return;
    const schema = (route.schema ??= {}) as Record<string, unknown>;
    const response = (schema.response ?? {}) as Record<string, unknown>;
    const hasSuccess = Object.keys(response).some((status) => /^2\d\d$|^2XX$/.test(status));
    if (!hasSuccess) {
      throw new Error(`Route ${String(route.method)} ${route.url} has no 2xx response schema`);
    }
    schema.response = { ...format.responseSchemas, ...response };
    schema.tags ??= [tag];
    if (route.config?.auth !== false) schema.security ??= [{ bearerAuth: [] }];
  });
}
