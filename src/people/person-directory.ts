import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { LeaderDirectory } from '../organizations/leader-directory';
import { Person } from './person.entity';

/** People as organizations see them (their leaders). Depends on nothing in organizations/, so no provider cycle. */
@Injectable()
export class PersonDirectory implements LeaderDirectory {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  personExists(personId: string): Promise<boolean> {
    return this.db.getRepository(Person).existsBy({ id: personId });
  }
}
