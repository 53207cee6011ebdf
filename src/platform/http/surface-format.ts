import { Type, type TSchema } from 'typebox';
import type { AppError } from './app-error.js';
import { statusTitle } from './status-titles.js';

export interface ErrorContext {
  requestId: string;
  url: string;
  now: Date;
}

export interface WireError {
  status: number;
  contentType: string;
  body: Record<string, unknown>;
}

/** What a route declares for one status: a schema, or (another media type) `{description, content}`. */
export type ResponseSpec = TSchema | { description: string; content: Record<string, { schema: TSchema }> };

/** How one API surface writes errors: its translator and the JSON schema of what it writes. */
export interface SurfaceErrorFormat {
  readonly name: 'clarity' | 'twin' | 'mhras';
  translate(error: AppError, context: ErrorContext): WireError;
  /** The error body's schema, with an `$id`: registered once (app.addSchema) and referenced by every route. */
  readonly schema: TSchema & { $id: string };
  /** Keyed by status code; merged into every route's response schemas (and so into OpenAPI). */
  readonly responseSchemas: Readonly<Record<number, ResponseSpec>>;
}

export const INTERNAL_MESSAGE = 'An internal error occurred';

/** Internal errors show only a generic message; everything else keeps the message written for clients. */
export const publicMessage = (error: AppError): string => (error.kind === 'internal' ? INTERNAL_MESSAGE : error.message);

/** A schema that can be shared by `$ref`: the same schema with an `$id`. */
export const withId = <T extends TSchema>(id: string, schema: T): T & { $id: string } => ({ ...schema, $id: id });

/**
 * One `$ref` per status to the surface's shared error schema (so OpenAPI holds it once, not per route);
 * `mediaType` when the surface answers errors in something other than application/json.
 */
export function errorResponses(schemaId: string, statuses: readonly number[], mediaType?: string): Record<number, ResponseSpec> {
  return Object.fromEntries(
    statuses.map((status) => {
      const ref = Type.Ref(schemaId, { description: statusTitle(status) });
      return [status, mediaType ? { description: statusTitle(status), content: { [mediaType]: { schema: Type.Ref(schemaId) } } } : ref];
    }),
  );
}
