import type { FastifyInstance, RouteOptions } from 'fastify';
import type { SurfaceErrorFormat } from '../../platform/http/surface-format.js';
import './fastify-augment.js';

const isSuccessStatus = (status: string): boolean => /^2(\d\d|XX)$/.test(status);

/**
 * Applied to every route of a surface as it is declared:
 *  - a route without a 2xx response schema fails start-up (response schemas filter what leaves the server);
 *  - the surface's error schemas are added for every error status the route does not describe itself,
 *    so OpenAPI documents them and they are serialized through the same schema;
 *  - protected routes are marked with the bearer security scheme.
 * The route's schema object is copied, never changed: route files may share one object between routes
 * (even across surfaces), and each surface must add its own error schemas.
 */
export function installRouteContract(app: FastifyInstance, format: SurfaceErrorFormat, tag: string): void {
  app.addHook('onRoute', (route: RouteOptions) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (methods.every((m) => m === 'HEAD')) return;
    const schema = { ...(route.schema as Record<string, unknown> | undefined) };
    const response = (schema.response ?? {}) as Record<string, unknown>;
    if (!Object.keys(response).some(isSuccessStatus)) {
      throw new Error(`Route ${methods.join(',')} ${route.url} has no 2xx response schema`);
    }
    schema.response = { ...format.responseSchemas, ...response };
    schema.tags ??= [tag];
    if (route.config?.auth !== false) schema.security ??= [{ bearerAuth: [] }];
    route.schema = schema;
  });
}
