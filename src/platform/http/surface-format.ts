import type { TSchema } from 'typebox';
import type { AppError } from './app-error.js';

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

/** How one API surface writes errors: its translator and the JSON schema of what it writes. */
export interface SurfaceErrorFormat {
  readonly name: 'clarity' | 'twin' | 'mhras';
  translate(error: AppError, context: ErrorContext): WireError;
  /** Keyed by status code; merged into every route's response schemas (and so into OpenAPI). */
  readonly responseSchemas: Record<number, TSchema>;
}

export const INTERNAL_MESSAGE = 'An internal error occurred';

/** Internal errors show only a generic message; everything else keeps the message written for clients. */
export const publicMessage = (error: AppError): string => (error.kind === 'internal' ? INTERNAL_MESSAGE : error.message);
