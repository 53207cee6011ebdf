import { AppError, type FieldError } from '../../../platform/http/app-error.js';

/** Collects what is wrong with an analysis request so one answer names every problem (at most a few per kind). */
export class InputProblems {
  private readonly list: FieldError[] = [];
  private readonly perCode = new Map<string, number>();

  add(field: string, message: string, code: string): void {
    const seen = this.perCode.get(code) ?? 0;
    this.perCode.set(code, seen + 1);
    if (seen < 5) this.list.push({ field, message, code });
  }

  get empty(): boolean {
    return this.list.length === 0;
  }

  throwIfAny(summary: string): void {
    if (this.list.length === 0) return;
    const first = this.list[0]!;
    throw new AppError('validation', `${summary}: ${first.message}`, { fields: this.list, details: { location: 'body' } });
  }
}

/** One problem, thrown at once. */
export const inputError = (field: string, message: string, code: string): AppError =>
  new AppError('validation', message, { fields: [{ field, message, code }], details: { location: 'body' } });
