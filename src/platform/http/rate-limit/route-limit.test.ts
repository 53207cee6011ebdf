import { describe, expect, it } from 'vitest';
import { routeLimit } from './route-limit.js';

describe('routeLimit', () => {
  it('counts ordinary routes against the caller', () => {
    expect(routeLimit({ url: '/v1/users/me' })).toBe('caller');
    expect(routeLimit({ url: '/v1/health/vitals', config: {} })).toBe('caller');
  });
  it('exempts the liveness, readiness and metrics probes', () => {
    for (const url of ['/health', '/metrics', '/', '/api/v1/auth/health', '/api/v1/health-data/health'])
      expect(routeLimit({ url })).toBe('exempt');
  });
  it('exempts the API documentation', () => {
    for (const url of ['/docs', '/docs/static/*', '/openapi.json', '/redoc']) expect(routeLimit({ url })).toBe('exempt');
    expect(routeLimit({ url: '/docsearch' })).toBe('caller');
  });
  it('exempts WebSocket upgrades (limited per message instead)', () => {
    expect(routeLimit({ url: '/api/v1/ws/chat/:room_id', wsHandler: () => undefined })).toBe('exempt');
    expect(routeLimit({ url: '/socket', websocket: true })).toBe('exempt');
  });
  it('follows what a route declares', () => {
    expect(routeLimit({ url: '/api/v1/auth/login', config: { rateLimitPolicy: 'auth' } })).toBe('auth');
    expect(routeLimit({ url: '/status', config: { rateLimitPolicy: 'exempt' } })).toBe('exempt');
  });
});
