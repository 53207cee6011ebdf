import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigSchema } from '../../src/config/index.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> };

describe('README stays true', () => {
  it('documents every configuration variable the server reads', () => {
    const undocumented = Object.keys(ConfigSchema.properties).filter((name) => !readme.includes(`| \`${name}\` |`));
    expect(undocumented).toEqual([]);
  });

  it('gives the two commands, and they exist as npm scripts', () => {
    expect(readme).toContain('npm install && npm start');
    expect(readme).toContain('npm test');
    expect(pkg.scripts.start).toMatch(/homeostat\.js serve/);
    expect(pkg.scripts.test).toBe('vitest run');
  });

  it('npm start launches the server as the installed command does (environment and node flags), as the benchmarks measure it', () => {
    const shebang = readFileSync(new URL('../../bin/homeostat.js', import.meta.url), 'utf8').split('\n', 1)[0]!;
    expect(shebang).toMatch(/^#!\/usr\/bin\/env -S /);
    const launch = shebang.replace(/^#!\/usr\/bin\/env -S /, '');
    expect(launch).toContain('MALLOC_ARENA_MAX=2');
    expect(launch).toContain('--max-semi-space-size=8');
    expect(pkg.scripts.start).toBe(`${launch} bin/homeostat.js serve`);
  });
});
