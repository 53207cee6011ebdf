import { createRequire } from 'node:module';
import { AppError } from '../../platform/http/app-error.js';

/*
 * Password policy, after NIST SP 800-63B §5.1.1.2: length matters, composition rules do not.
 *  - at least 8 and at most 128 characters (counted as Unicode code points);
 *  - not one of the ~100,000 most common passwords (Mozilla's fxa-common-password-list, MPL-2.0);
 *  - not the email address or its local part;
 *  - not a single repeated character.
 */
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

const require = createRequire(import.meta.url);
let commonList: { test(password: string): boolean } | undefined;
const isCommon = (password: string): boolean => {
  commonList ??= require('fxa-common-password-list') as { test(password: string): boolean };
  return commonList.test(password) || commonList.test(password.toLowerCase());
};

/** Returns the reason the password is refused, or undefined if it is acceptable. */
export function passwordProblem(password: string, email?: string): string | undefined {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return `must be at least ${PASSWORD_MIN_LENGTH} characters`;
  if (length > PASSWORD_MAX_LENGTH) return `must be at most ${PASSWORD_MAX_LENGTH} characters`;
  if (/^(.)\1*$/u.test(password)) return 'must not be one repeated character';
  if (email) {
    const lower = password.toLowerCase();
    const address = email.toLowerCase();
    if (lower === address || lower === address.split('@')[0]) return 'must not be your email address';
  }
  if (isCommon(password)) return 'is too common; choose a less guessable password';
  return undefined;
}

export function assertAcceptablePassword(password: string, email: string | undefined, field = 'password'): void {
  const problem = passwordProblem(password, email);
  if (problem) {
    throw new AppError('validation', `Password ${problem}`, {
      fields: [{ field, message: problem, code: 'weak_password' }],
    });
  }
}
