/**
 * Each import worker is a V8 isolate of its own, and every module it loads is paid for again in its heap, inside the
 * import's 256 MB budget. Through a barrel (`observations/index.js`) the workers used to load the whole store and
 * Kysely (~8 MB of heap each) without using either. This walks the workers' runtime imports (type-only ones are erased)
 * and keeps the heavy packages out.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const RUNTIME_IMPORT = /^(?:import|export)\s+(?!type\s)(?:[^'"]*?\sfrom\s+)?['"]([^'"]+)['"]/gm;

/** Packages reached from `entry` through runtime imports, and the modules walked. */
function runtimeImports(entry: string): { packages: Set<string>; modules: number } {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const [, spec] of readFileSync(file, 'utf8').matchAll(RUNTIME_IMPORT)) {
      if (spec!.startsWith('.')) visit(resolve(dirname(file), spec!.replace(/\.js$/, '.ts')));
      else packages.add(spec!);
    }
  };
  visit(resolve(here, entry));
  return { packages, modules: seen.size };
}

describe('the import workers load only what they use', () => {
  it.each(['import-worker.ts', 'write-worker.ts'])('%s reaches neither Kysely nor the HTTP framework', (entry) => {
    const { packages, modules } = runtimeImports(entry);
    expect(modules).toBeGreaterThan(10); // the walk follows the imports (a broken pattern would stop at the entry)
    expect([...packages].filter((name) => /^(kysely|pg|fastify|@fastify\/|ioredis|bullmq)/.test(name))).toEqual([]);
  });

  it('finds a package that is imported through a barrel', () => {
    expect(runtimeImports('../../observations/index.ts').packages).toContain('kysely');
  });
});
