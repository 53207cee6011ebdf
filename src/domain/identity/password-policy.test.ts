import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/http/app-error.js';
import { assertAcceptablePassword, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, passwordProblem } from './password-policy.js';

describe('passwordProblem', () => {
  it('accepts a long passphrase and a plain but uncommon password', () => {
    expect(passwordProblem('correct horse battery staple 42')).toBeUndefined();
    expect(passwordProblem('the quick brown fox jumps over the lazy dog, twice')).toBeUndefined();
    expect(passwordProblem('zq8-Vt2m')).toBeUndefined();
  });

  it('refuses fewer than 8 characters, counting code points rather than UTF-16 units', () => {
    expect(PASSWORD_MIN_LENGTH).toBe(8);
    expect(passwordProblem('zq8-Vt2')).toBe('must be at least 8 characters');
    expect(passwordProblem('')).toBe('must be at least 8 characters');
    // Seven emoji are fourteen UTF-16 units but seven characters.
    expect(passwordProblem('🔒🔑🔒🔑🔒🔑🔒')).toBe('must be at least 8 characters');
    expect(passwordProblem('🔒🔑🔒🔑🔒🔑🔒🔑')).toBeUndefined();
  });

  it('refuses more than 128 characters', () => {
    const ok = 'abcdefghij'.repeat(12) + 'klmnopqr';
    expect([...ok]).toHaveLength(PASSWORD_MAX_LENGTH);
    expect(passwordProblem(ok)).toBeUndefined();
    expect(passwordProblem(`${ok}s`)).toBe('must be at most 128 characters');
  });

  it.each(['password123', 'qwertyuiop', '12345678', 'iloveyou', 'PASSWORD123', 'Qwertyuiop'])('refuses the common password %s', (password) => {
    expect(passwordProblem(password)).toBe('is too common; choose a less guessable password');
  });

  it('refuses one repeated character', () => {
    expect(passwordProblem('xxxxxxxxxxxx')).toBe('must not be one repeated character');
    expect(passwordProblem('😀😀😀😀😀😀😀😀')).toBe('must not be one repeated character');
  });

  it('refuses the email address or its local part, in any case', () => {
    const email = 'grace.hopper@example.test';
    expect(passwordProblem('grace.hopper@example.test', email)).toBe('must not be your email address');
    expect(passwordProblem('GRACE.HOPPER@EXAMPLE.TEST', email)).toBe('must not be your email address');
    expect(passwordProblem('Grace.Hopper', email)).toBe('must not be your email address');
    expect(passwordProblem('grace.hopper.navy.1906', email)).toBeUndefined();
    // Without an email, only the other rules apply.
    expect(passwordProblem('grace.hopper@example.test')).toBeUndefined();
  });
});

describe('assertAcceptablePassword', () => {
  it('throws a validation error naming the field', () => {
    let caught: unknown;
    try {
      assertAcceptablePassword('password123', 'a@example.test', 'new_password');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AppError);
    const error = caught as AppError;
    expect(error.kind).toBe('validation');
    expect(error.status).toBe(422);
    expect(error.fields).toEqual([{ field: 'new_password', message: 'is too common; choose a less guessable password', code: 'weak_password' }]);
  });

  it('returns quietly for an acceptable password', () => {
    expect(() => assertAcceptablePassword('correct horse battery staple 42', 'a@example.test')).not.toThrow();
  });
});
