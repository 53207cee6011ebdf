import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { VERSION } from '../../src/version.js';
import { cliSandbox } from './cli-harness.js';

describe('homeostat CLI: migrate, help, errors', () => {
  const box = cliSandbox();
  afterAll(() => box.remove());

  it('migrate applies every migration once, then reports the schema up to date', async () => {
    const first = await box.run(['migrate']);
    expect(first).toMatchObject({ code: 0, err: '' });
    expect(first.out).toMatch(/^applied: 0001-/);
    const second = await box.run(['migrate']);
    expect(second).toEqual({ code: 0, out: 'schema is up to date', err: '' });
  });

  it.each([[['help']], [[]], [['--help']], [['user', 'create', '-h']]])('%j prints the usage', async (args) => {
    const run = await box.run(args);
    expect(run.code).toBe(0);
    expect(run.out).toContain('homeostat token --user <email|id>');
    expect(run.out).toContain('homeostat user create --email');
  });

  it('version prints the package version', async () => {
    expect(await box.run(['version'])).toEqual({ code: 0, out: VERSION, err: '' });
    expect((await box.run(['--version'])).out).toBe(VERSION);
  });

  it('an unknown command exits 2 and says which', async () => {
    const run = await box.run(['frobnicate']);
    expect(run.code).toBe(2);
    expect(run.err).toContain('unknown command "frobnicate"');
    expect(run.out).toBe('');
  });

  it('an unknown option exits 2', async () => {
    const run = await box.run(['migrate', '--force']);
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/--force/);
  });

  it('bad configuration exits 78 (EX_CONFIG) naming the variable', async () => {
    const run = await box.run(['migrate'], { PORT: 'abc' });
    expect(run.code).toBe(78);
    expect(run.err).toMatch(/PORT/);
    expect(run.out).toBe('');
    const url = await box.run(['user', 'list'], { DATABASE_URL: 'mysql://db' });
    expect(url.code).toBe(78);
    expect(url.err).toMatch(/DATABASE_URL/);
  });

  it('production without SECRET_KEY exits 78', async () => {
    const run = await box.run(['token', '--user', 'a@example.test'], { ENVIRONMENT: 'production', SECRET_KEY: undefined });
    expect(run.code).toBe(78);
    expect(run.err).toMatch(/SECRET_KEY/);
  });

  it('a database that cannot be opened exits 1 with one line, not a stack trace', async () => {
    const file = join(box.dir, 'not-a-directory');
    writeFileSync(file, '');
    const run = await box.run(['migrate'], { DATABASE_URL: `sqlite:${join(file, 'h.db')}` });
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/^error: /);
    expect(run.err).not.toMatch(/\n\s+at /);
  });
});
