import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { installErrorHandling } from '../../platform/http/error-handling.js';
import type { SurfaceErrorFormat } from '../../platform/http/surface-format.js';
import { installTimeouts } from '../../platform/http/timeouts.js';
import { installAuth } from './auth-hook.js';
import { installRouteContract } from './route-contract.js';

/** What app.ts passes each surface plugin: extra routes to mount inside it (tests, plugins). */
export interface SurfaceOptions {
  extension?: FastifyPluginAsync | undefined;
}

export interface SurfaceSetup {
  format: SurfaceErrorFormat;
  tag: string;
  defaultTimeoutMs: number;
  /** False for a surface mounted at `/`, whose unknown routes the root context answers. */
  ownsNotFound?: boolean;
}

/** Everything that makes a plugin context "a surface": its error format, deadlines, auth and route contract. */
export function installSurface(app: FastifyInstance, setup: SurfaceSetup): void {
  const now = () => app.services.clock.now();
  installRouteContract(app, setup.format, setup.tag);
  installErrorHandling(app, setup.format, now, { notFound: setup.ownsNotFound ?? true });
  installTimeouts(app, setup.format, setup.defaultTimeoutMs, now);
  installAuth(app);
}
