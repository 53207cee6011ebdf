import { randomBytes } from 'node:crypto';
import type { App } from '../../src/app.js';
import { parseRole } from '../../src/domain/identity/index.js';

export const STRONG_PASSWORD = 'correct horse battery staple 42';

export interface TestUser {
  id: string;
  email: string;
  password: string;
  accessToken: string;
  refreshToken: string;
}

export const uniqueEmail = (label = 'user'): string => `${label}-${randomBytes(5).toString('hex')}@example.test`;

/** Registers through the Twin API and logs in; optionally gives the user another role (as `homeostat user set-role` would). */
export async function createUser(app: App, options: { role?: string; email?: string } = {}): Promise<TestUser> {
  const email = options.email ?? uniqueEmail();
  const registered = await app.inject({ method: 'POST', url: '/v1/auth/register', payload: { email, password: STRONG_PASSWORD } });
  if (registered.statusCode !== 201) throw new Error(`register failed: ${registered.statusCode} ${registered.body}`);
  const id = registered.json<{ user_id: string }>().user_id;
  if (options.role) {
    const role = parseRole(options.role);
    if (!role) throw new Error(`unknown role ${options.role}`);
    await app.services.identity.users.setRole(id, role, new Date().toISOString());
  }
  const login = await app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email, password: STRONG_PASSWORD } });
  if (login.statusCode !== 200) throw new Error(`login failed: ${login.statusCode} ${login.body}`);
  const body = login.json<{ access_token: string; refresh_token: string }>();
  return { id, email, password: STRONG_PASSWORD, accessToken: body.access_token, refreshToken: body.refresh_token };
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
