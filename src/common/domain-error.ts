/**
 * Errors the domain raises, each with a stable code. Services throw these, never HTTP exceptions;
 * DomainErrorFilter maps the code's kind to a status.
 */
export type ErrorKind = 'invalid' | 'unauthenticated' | 'forbidden' | 'not_found' | 'conflict' | 'too_large' | 'rate_limited';

export interface FieldIssue {
  field: string;
  rule?: string;
  message: string;
  row?: number;
}

export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly kind: ErrorKind,
    message: string,
    readonly details?: FieldIssue[] | Record<string, unknown>,
    /** Extra top-level fields of the error body (e.g. `errors` and `created` of an import). */
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new DomainError(`${what.toUpperCase()}_NOT_FOUND`, 'not_found', `${what} not found`);
export const forbidden = (code: string, message: string) => new DomainError(code, 'forbidden', message);
export const conflict = (code: string, message: string, details?: Record<string, unknown>) =>
  new DomainError(code, 'conflict', message, details);
export const invalid = (field: string, message: string, rule = 'invalid') =>
  new DomainError('VALIDATION_FAILED', 'invalid', `${field} ${message}`, [{ field, rule, message: `${field} ${message}` }]);
