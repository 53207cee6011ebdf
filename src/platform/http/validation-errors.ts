import type { FieldError } from './app-error.js';

/** The shape both AJV and TypeBox report schema errors in. */
export interface SchemaIssue {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
  message?: string;
}

/**
 * Turns schema issues into one FieldError per bad field, with a dotted path a person can read.
 * Union branches report one issue per branch; we keep the first message per field.
 */
export function toFieldErrors(issues: readonly SchemaIssue[], part: string | undefined, root: unknown): FieldError[] {
  const byField = new Map<string, FieldError>();
  for (const issue of issues) {
    const segments = issue.instancePath.split('/').filter(Boolean).map(unescapePointer);
    let code = issue.keyword;
    let message = issue.message ?? 'is invalid';
    if (issue.keyword === 'required' && typeof issue.params.missingProperty === 'string') {
      segments.push(issue.params.missingProperty);
      code = 'missing';
      message = 'is required';
    } else if (issue.keyword === 'required' && Array.isArray(issue.params.requiredProperties)) {
      for (const name of issue.params.requiredProperties as string[]) {
        const field = joinField(part, [...segments, name]);
        if (!byField.has(field)) byField.set(field, { field, message: 'is required', code: 'missing' });
      }
      continue;
    } else if (issue.keyword === 'additionalProperties') {
      const extra = issue.params.additionalProperty ?? (issue.params.additionalProperties as string[] | undefined)?.[0];
      if (typeof extra === 'string') segments.push(extra);
      code = 'unknown_field';
      message = 'is not an allowed field';
    } else if (issue.keyword === 'enum' && Array.isArray(issue.params.allowedValues)) {
      message = `must be one of: ${(issue.params.allowedValues as unknown[]).join(', ')}`;
    }
    const field = joinField(part, segments);
    if (byField.has(field)) continue;
    const input = valueAt(root, segments);
    byField.set(field, { field, message, code, ...(input === undefined ? {} : { input }) });
  }
  return [...byField.values()];
}

function joinField(part: string | undefined, segments: string[]): string {
  if (segments.length > 0) return segments.join('.');
  return part === 'body' || part === undefined ? 'body' : part;
}

function unescapePointer(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

function valueAt(root: unknown, path: string[]): unknown {
  let node: unknown = root;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  // Echo only scalars back: whole objects can be large and are not what the client got wrong.
  return node === null || ['string', 'number', 'boolean'].includes(typeof node) ? node : undefined;
}
