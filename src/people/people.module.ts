import { Module } from '@nestjs/common';
import { OrganizationsModule } from '../organizations/organizations.module';
import { LoginLimiter } from './login-limiter';
import { PeopleController } from './people.controller';
import { PeopleService } from './people.service';
import { PersonDirectory } from './person-directory';

@Module({
  imports: [OrganizationsModule],
  controllers: [PeopleController],
  // The sign-in counters live here because a password change counts wrong current passwords too.
  providers: [PeopleService, PersonDirectory, LoginLimiter],
  exports: [PeopleService, PersonDirectory, LoginLimiter],
})
export class PeopleModule {}
