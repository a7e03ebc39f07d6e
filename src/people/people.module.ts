import { Module } from '@nestjs/common';
import { OrganizationsModule } from '../organizations/organizations.module';
import { PeopleController } from './people.controller';
import { PeopleService } from './people.service';
import { PersonDirectory } from './person-directory';

@Module({
  imports: [OrganizationsModule],
  controllers: [PeopleController],
  providers: [PeopleService, PersonDirectory],
  exports: [PeopleService, PersonDirectory],
})
export class PeopleModule {}
