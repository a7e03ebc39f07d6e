import { BadRequestException, ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { ValidateBy, ValidateIf, type ValidationOptions } from 'class-validator';
import { INSTANT_RULE_TEXT, isInstantText } from './time-text';

interface FieldProblem {
  field: string;
  rule: string;
  message: string;
}

function flatten(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.entries(e.constraints ?? {}).map(([rule, message]) => ({
      field,
      rule,
      message: rule === 'whitelistValidation' ? `${field} is not an accepted field` : message.replace(e.property, field),
    }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

function badRequest(details: FieldProblem[]): BadRequestException {
  return new BadRequestException({ error: 'Bad Request', message: details.map((d) => d.message).join('; '), details });
}

const PRIMITIVES: unknown[] = [String, Boolean, Number, Array, Object, Buffer];

/** The path of the first string (value or key) holding a NUL character, which PostgreSQL text cannot store. */
function findNul(value: unknown, path: string, depth = 0): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (depth > 32 || value === null || typeof value !== 'object') return null;
  for (const [key, child] of Object.entries(value)) {
    const childPath = path ? `${path}.${key}` : key;
    if (key.includes('\u0000')) return childPath;
    const found = findNul(child, childPath, depth + 1);
    if (found) return found;
  }
  return null;
}

/**
 * The global pipe. Besides class-validator's checks it refuses, naming the field:
 * - a body that is not a JSON object (an array, a string, `null`, nothing) where a DTO is expected;
 * - a NUL character anywhere in a body, query or path parameter (PostgreSQL would fail on it).
 */
class ApiValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const nulAt = metadata.type === 'custom' ? null : findNul(value, metadata.data ?? '');
    if (nulAt !== null) {
      const field = nulAt || metadata.type;
      throw badRequest([{ field, rule: 'noNulCharacter', message: `${field} must not contain NUL (\\u0000) characters` }]);
    }
    const expectsObject = metadata.type === 'body' && typeof metadata.metatype === 'function' && !PRIMITIVES.includes(metadata.metatype);
    if (expectsObject && (value === null || typeof value !== 'object' || Array.isArray(value))) {
      throw badRequest([{ field: 'body', rule: 'isObject', message: 'body must be a JSON object' }]);
    }
    return super.transform(value, metadata);
  }
}

/**
 * One validation pipe for the whole API: unknown fields are refused, every bad field is named in
 * `details`, and the message lists them so a person reading a log sees what to fix.
 */
export function createValidationPipe(): ValidationPipe {
  return new ApiValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => badRequest(flatten(errors)),
  });
}

/**
 * Optional but never null: absent skips validation, `null` is validated (and so refused). For columns
 * that are NOT NULL with a default, where `IsOptional` would let a `null` through to the database.
 */
export function IsOptionalNotNull(options?: ValidationOptions) {
  return ValidateIf((_object, value) => value !== undefined, options);
}

/** An instant with an explicit offset (`2026-03-01T09:00:00+08:00`, `…Z`). */
export function IsInstant(options?: ValidationOptions) {
  return ValidateBy({ name: 'isInstant', validator: { validate: isInstantText, defaultMessage: (a) => `${a?.property} must be ${INSTANT_RULE_TEXT}` } }, options);
}
