import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { LoginLimiter } from './login-limiter';
import { PeopleController } from './people.controller';
import { PersonRepository } from './person.repository';
import { PeopleService } from './people.service';

@Module({
  imports: [AuditModule],
  controllers: [PeopleController],
  // The sign-in counters live here because a password change counts wrong current passwords too.
  providers: [PeopleService, LoginLimiter, PersonRepository],
  exports: [PeopleService, LoginLimiter],
})
export class PeopleModule {}
