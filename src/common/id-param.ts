import { Param, ParseUUIDPipe } from '@nestjs/common';
import { invalid } from './domain-error';

/** A UUID path parameter; anything else is a 400 naming the parameter. */
export const IdParam = (name = 'id') =>
  Param(name, new ParseUUIDPipe({ exceptionFactory: () => invalid(name, 'must be a UUID', 'isUuid') }));
