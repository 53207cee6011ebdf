import { describe, expect, it } from 'vitest';
import { parseCorsOrigins } from './cors-origins.js';

describe('parseCorsOrigins', () => {
  it('is empty for an empty or blank value', () => {
    expect(parseCorsOrigins('')).toEqual([]);
    expect(parseCorsOrigins('  ')).toEqual([]);
    expect(parseCorsOrigins('[]')).toEqual([]);
  });

  it('reads the Clarity spec form, a JSON array', () => {
    expect(parseCorsOrigins('["http://localhost:3000", "https://app.example.com"]')).toEqual([
      'http://localhost:3000',
      'https://app.example.com',
    ]);
  });

  it('reads a comma-separated list, trimming blanks', () => {
    expect(parseCorsOrigins(' http://localhost:3000 ,https://app.example.com,, ')).toEqual([
      'http://localhost:3000',
      'https://app.example.com',
    ]);
  });

  it('normalizes each origin the way a browser sends it', () => {
    expect(parseCorsOrigins('HTTPS://App.Example.COM/, https://b.example:443')).toEqual(['https://app.example.com', 'https://b.example']);
  });

  it('accepts * for any origin', () => {
    expect(parseCorsOrigins('*')).toEqual(['*']);
  });

  it.each([
    ['broken JSON', '["http://a.example"', /not valid JSON/],
    ['a JSON array of numbers', '[1]', /array of strings/],
    ['a path', 'https://a.example/app', /no path/],
    ['a query', 'https://a.example?x=1', /no path/],
    ['credentials', 'https://user:pw@a.example', /not an origin/],
    ['a bare host', 'a.example', /not an origin/],
    ['another scheme', 'ws://a.example', /not an origin/],
  ])('rejects %s', (_label, value, message) => {
    expect(() => parseCorsOrigins(value)).toThrow(message);
  });
});
