import { applyDecorators, type Type } from '@nestjs/common';
import {
  ApiExtraModels,
  ApiProperty,
  ApiPropertyOptional,
  ApiResponse,
  getSchemaPath,
  type ApiPropertyOptions,
  type OpenAPIObject,
  type OperationObject,
  type SchemaObject,
} from '@nestjs/swagger';

/**
 * What the OpenAPI document says about answers: the one error body every failure has (error.filter.ts),
 * `@ApiErrors(…)` to list an operation's error statuses, and `pageOf()` for the `{items, nextCursor}` lists.
 * The code is compiled with SWC, so the @nestjs/swagger CLI plugin does not run: every response class
 * names its properties with explicit @ApiProperty decorators.
 */

/** One bad field of a 400 (an import row's issue also names its `row`). */
export class FieldIssueBody {
  @ApiProperty({ description: 'The field (body, query or path parameter, `file`, `cursor`…) the issue is about', example: 'dueAt' })
  field: string;

  @ApiPropertyOptional({ description: 'The rule the value broke', example: 'isDateString' })
  rule?: string;

  @ApiProperty({ example: 'dueAt must be a valid ISO 8601 date string' })
  message: string;

  @ApiPropertyOptional({ description: 'The row of an imported file (1 is the first row after the headers)' })
  row?: number;
}

/** The body of every error answer (4xx and 5xx). */
export class ErrorBody {
  @ApiProperty({ example: 404 })
  statusCode: number;

  @ApiProperty({ description: 'The status text', example: 'Not Found' })
  error: string;

  @ApiPropertyOptional({ description: 'A stable code for the case', example: 'RESOLUTION_NOT_FOUND' })
  code?: string;

  @ApiProperty({ example: 'resolution not found' })
  message: string;

  @ApiPropertyOptional({
    description:
      'For a 400 (and 413), the fields at fault; for a 409, what conflicted (e.g. `{expected, actual}` versions); for a 429, `{retryAfterSeconds}`',
    oneOf: [
      { type: 'array', items: { $ref: getSchemaPath(FieldIssueBody) } },
      { type: 'object', additionalProperties: true },
    ],
  })
  details?: FieldIssueBody[] | Record<string, unknown>;

  @ApiPropertyOptional({ description: 'The request id (also the x-request-id header)' })
  requestId?: string;

  @ApiPropertyOptional({ description: 'A 500 only: the id of the logged error, to quote to an operator' })
  errorId?: string;
}

export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 414 | 415 | 429;

const ERROR_TEXT: Record<ErrorStatus, string> = {
  400: 'a field is invalid: `details` names each bad field',
  401: 'no token, or an invalid or ended session',
  403: 'visible to the caller, but the action is not theirs',
  404: 'unknown, or not visible to the caller',
  409: 'a stale `version`, or a transition the current state does not allow (the message says which)',
  413: 'the body or the uploaded file is over the limit',
  414: 'a path parameter is over the router’s length limit',
  415: 'the body’s content type is not one the route reads',
  429: 'too many failed attempts; see Retry-After',
};

/** The answers whose `details` list the fields at fault (body, file, path included). */
const FIELD_STATUSES = new Set<ErrorStatus>([400, 413, 414, 415]);

/** The 400 body: the shared error body whose `details` is always the list of fields at fault. */
const FIELD_ERROR_SCHEMA = {
  allOf: [
    { $ref: getSchemaPath(ErrorBody) },
    {
      type: 'object',
      required: ['details'],
      properties: { details: { type: 'array', items: { $ref: getSchemaPath(FieldIssueBody) } } },
      additionalProperties: true,
    },
  ],
};

/**
 * Documents error answers with the shared error body, e.g. `@ApiErrors(400, 404, 409)`. On a controller
 * it applies to every operation (`@ApiErrors(401)` for the bearer-token ones). What Fastify answers
 * before the route runs (a body that is not JSON, too large, of another type) is added by
 * `documentTransportErrors()`.
 */
export function ApiErrors(...statuses: ErrorStatus[]): ClassDecorator & MethodDecorator {
  return applyDecorators(
    ApiExtraModels(ErrorBody, FieldIssueBody),
    ...statuses.map((status) =>
      FIELD_STATUSES.has(status)
        ? ApiResponse({ status, description: ERROR_TEXT[status], schema: FIELD_ERROR_SCHEMA })
        : ApiResponse({ status, description: ERROR_TEXT[status], type: ErrorBody }),
    ),
  );
}

/**
 * An error answer whose body carries fields of its own besides the shared ones (a refused import lists
 * every bad row in `errors`): the shared error body, and these properties.
 */
export function ApiErrorWith(status: ErrorStatus, description: string, properties: Record<string, SchemaObject>): MethodDecorator {
  return applyDecorators(
    ApiExtraModels(ErrorBody, FieldIssueBody),
    ApiResponse({
      status,
      description,
      schema: { allOf: [{ $ref: getSchemaPath(ErrorBody) }, { type: 'object', properties, additionalProperties: true }] },
    }),
  );
}

/**
 * The answers Fastify gives before any route runs, documented once here rather than on each route:
 * a POST, PUT or PATCH may be sent a body whatever the route reads, so each may answer 400 (the body
 * is not JSON), 413 (over the body or upload limit) and 415 (a content type it cannot parse); a path
 * parameter over the router's length limit is a 414. All are the shared error body naming `body`,
 * `file` or `path`.
 */
export function documentTransportErrors(document: OpenAPIObject): OpenAPIObject {
  const add = (operation: OperationObject, status: ErrorStatus) => {
    operation.responses[status] ??= { description: ERROR_TEXT[status], content: { 'application/json': { schema: FIELD_ERROR_SCHEMA } } };
  };
  for (const item of Object.values(document.paths))
    for (const method of ['get', 'post', 'put', 'patch', 'delete'] as const) {
      const operation = item[method];
      if (!operation) continue;
      if (method === 'post' || method === 'put' || method === 'patch')
        for (const status of [400, 413, 415] as const) add(operation, status);
      if ((operation.parameters ?? []).some((p) => 'in' in p && p.in === 'path')) add(operation, 414);
    }
  return document;
}

/** Adds schemas that come from elsewhere than a class (a zod schema) to the document's components. */
export function withSchemas(document: OpenAPIObject, schemas: Record<string, SchemaObject>): OpenAPIObject {
  document.components = { ...document.components, schemas: { ...document.components?.schemas, ...schemas } };
  return document;
}

/** A page of a list: `{items, nextCursor}` (nextCursor null on the last page). */
export interface PageBody<T> {
  items: T[];
  nextCursor: string | null;
}

const pages = new Map<Type<unknown>, Type<PageBody<unknown>>>();

/** The response class of a paged list of `item` (one class per item type, named `<Item>Page`). */
export function pageOf<T>(item: Type<T>): Type<PageBody<T>> {
  const known = pages.get(item);
  if (known) return known as Type<PageBody<T>>;
  class Page implements PageBody<T> {
    @ApiProperty({ type: item, isArray: true })
    items: T[];

    @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last page' })
    nextCursor: string | null;
  }
  Object.defineProperty(Page, 'name', { value: `${item.name.replace(/Response$/, '')}Page` });
  pages.set(item, Page);
  return Page;
}

/** An instant (ISO-8601, UTC) in a response. */
export const ApiInstant = (options: ApiPropertyOptions = {}) => ApiProperty({ type: String, format: 'date-time', ...options });

/** A row id in a response. */
export const ApiId = (options: ApiPropertyOptions = {}) => ApiProperty({ type: String, format: 'uuid', ...options });

/** A list of row ids in a response. */
export const ApiIds = (options: ApiPropertyOptions = {}) => ApiProperty({ type: String, format: 'uuid', isArray: true, ...options });

/** The content types of a download, each described as a binary body (a file). */
export function binaryContent(...types: string[]): Record<string, { schema: { type: 'string'; format: 'binary' } }> {
  return Object.fromEntries(types.map((t) => [t.split(';')[0].trim(), { schema: { type: 'string', format: 'binary' } }]));
}
