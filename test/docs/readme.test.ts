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
});
