import { mkdtempSync, rmSync } from 'node:fs';
import { afterAll, beforeAll } from 'vitest';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli.js';
import type { Env } from '../../src/cli/context.js';
import { openDatabase } from '../../src/platform/db/index.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { TEST_SECRET } from '../helpers/test-config.js';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/** A temporary DATA_DIR with its own SQLite file, shared by CLI runs and by apps built on it. */
export interface CliSandbox {
  dir: string;
  env: Env;
  run(args: string[], extraEnv?: Env): Promise<CliRun>;
  /** An app on the same database file and SECRET_KEY as the CLI (close it when done). */
  app(env?: Record<string, string>): Promise<TestApp>;
  remove(): void;
}

export function cliSandbox(): CliSandbox {
  const dir = mkdtempSync(join(tmpdir(), 'homeostat-cli-'));
  const env: Env = { DATA_DIR: dir, DATABASE_URL: `sqlite:${join(dir, 'h.db')}`, SECRET_KEY: TEST_SECRET, LOG_LEVEL: 'silent' };
  return {
    dir,
    env,
    async run(args, extraEnv = {}) {
      const out: string[] = [];
      const err: string[] = [];
      const code = await runCli(args, { ...env, ...extraEnv }, { out: (line) => out.push(line), err: (line) => err.push(line) });
      return { code, out: out.join('\n'), err: err.join('\n') };
    },
    app: (appEnv = {}) => createTestApp({ database: openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: dir }), env: appEnv }),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A sandbox plus an app on it for the whole describe block: `const { box, app } = useCliSandbox()`. */
export function useCliSandbox(): { box: CliSandbox; app: () => TestApp } {
  const box = cliSandbox();
  let t: TestApp | undefined;
  beforeAll(async () => {
    t = await box.app();
  });
  afterAll(async () => {
    await t?.close();
    box.remove();
  });
  return {
    box,
    app: () => {
      if (!t) throw new Error('useCliSandbox: the app is ready only inside tests');
      return t;
    },
  };
}
