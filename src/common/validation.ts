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
      message: rule === 'whitelistValidation' ? `${field || '""'} is not an accepted field` : message.replace(e.property, field),
    }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

function badRequest(details: FieldProblem[]): BadRequestException {
  return new BadRequestException({ error: 'Bad Request', message: details.map((d) => d.message).join('; '), details });
}

const PRIMITIVES: unknown[] = [String, Boolean, Number, Array, Object, Buffer];

/** Deeper than any request body of the API (a policy is four levels): refused before anything walks it. */
const MAX_DEPTH = 32;

/** A high surrogate not followed by a low one, or a low one not preceded by a high one (UTF-16 code units). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

interface TextProblem {
  path: string;
  rule: 'noNulCharacter' | 'wellFormedText' | 'maxDepth';
}

/**
 * Why a text cannot be stored: PostgreSQL text holds no NUL character, and a lone UTF-16 surrogate
 * (`"\ud800"` in JSON) is no character at all (jsonb refuses it, and some validators throw on it).
 */
export function textProblem(text: string): TextProblem['rule'] | null {
  if (text.includes('\u0000')) return 'noNulCharacter';
  return LONE_SURROGATE.test(text) ? 'wellFormedText' : null;
}

/** The first string (value or key) that cannot be stored, or the first value nested too deep; walked without recursion. */
function findUnstorable(value: unknown, root: string): TextProblem | null {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: root, depth: 0 }];
  for (let item = stack.pop(); item; item = stack.pop()) {
    if (typeof item.value === 'string') {
      const rule = textProblem(item.value);
      if (rule) return { path: item.path, rule };
      continue;
    }
    if (item.value === null || typeof item.value !== 'object') continue;
    if (item.depth >= MAX_DEPTH) return { path: item.path, rule: 'maxDepth' };
    for (const [key, child] of Object.entries(item.value)) {
      const path = item.path ? `${item.path}.${key}` : key;
      const rule = textProblem(key);
      if (rule) return { path, rule };
      stack.push({ value: child, path, depth: item.depth + 1 });
    }
  }
  return null;
}

/** What each problem says after the field's name. */
export const PROBLEM_TEXT: Record<TextProblem['rule'], string> = {
  noNulCharacter: 'must not contain NUL (\\u0000) characters',
  wellFormedText: 'must be well-formed text (it holds a lone UTF-16 surrogate)',
  maxDepth: `must not nest more than ${MAX_DEPTH} levels deep`,
};

/**
 * The global pipe. Besides class-validator's checks it refuses, naming the field:
 * - a body that is not a JSON object (an array, a string, `null`, nothing) where a DTO is expected;
 * - a NUL character or a lone surrogate anywhere in a body, query or path parameter (PostgreSQL
 *   would fail on it), and a body nested deeper than any the API takes (class-transformer recurses
 *   once per level and would overflow the stack).
 */
class ApiValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const problem = metadata.type === 'custom' ? null : findUnstorable(value, metadata.data ?? '');
    if (problem) {
      const field = problem.path || metadata.type;
      throw badRequest([{ field, rule: problem.rule, message: `${field} ${PROBLEM_TEXT[problem.rule]}` }]);
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
  return ValidateBy(
    { name: 'isInstant', validator: { validate: isInstantText, defaultMessage: (a) => `${a?.property} must be ${INSTANT_RULE_TEXT}` } },
    options,
  );
}
