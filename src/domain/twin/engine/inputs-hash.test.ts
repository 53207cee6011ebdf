import { describe, expect, it } from 'vitest';
import { emptyFeatures } from '../testing/feature-factory.js';
import { canonicalJson, inputsHash } from './inputs-hash.js';

describe('inputsHash', () => {
  it('does not depend on key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { f: 2, e: 3 }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"e":3,"f":2}]},"b":1}');
  });
  it('survives a JSON round trip and changes with any input', () => {
    const features = emptyFeatures();
    expect(inputsHash(JSON.parse(JSON.stringify(features)))).toBe(inputsHash(features));
    expect(inputsHash({ ...features, profile: { ...features.profile, age_years: 50 } })).not.toBe(inputsHash(features));
  });
});
