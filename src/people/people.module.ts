import { Module } from '@nestjs/common';
import { LoginLimiter } from './login-limiter';
import { PeopleController } from './people.controller';
import { PeopleService } from './people.service';

@Module({
  controllers: [PeopleController],
  // The sign-in counters live here because a password change counts wrong current passwords too.
  providers: [PeopleService, LoginLimiter],
  exports: [PeopleService, LoginLimiter],
})
export class PeopleModule {}
