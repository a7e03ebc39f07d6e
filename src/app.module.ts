import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { CalendarsModule } from './calendars/calendars.module';
import type { Clock } from './common/clock';
import { CoreModule } from './common/config.module';
import { AllErrorsFilter } from './common/error.filter';
import { dataSourceOptions } from './config/data-source';
import { APP_CONFIG, type AppConfig, type AppRole } from './config/env';
import { CouncilsModule } from './councils/councils.module';
import { HealthModule } from './health/health.module';
import { MeetingsModule } from './meetings/meetings.module';
import { OrganizationsModule } from './organizations/organizations.module';
import { PeopleModule } from './people/people.module';
import { ResolutionsModule } from './resolutions/resolutions.module';

/** Composes the feature modules for one process role (`api`, `worker` or `all`). */
@Module({})
export class AppModule {
  static forRole(role: AppRole, options: { config?: AppConfig; clock?: Clock } = {}): DynamicModule {
    const database = TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => dataSourceOptions(config.databaseUrl),
    });
    const domain = [AuditModule, CalendarsModule, OrganizationsModule, PeopleModule, CouncilsModule, MeetingsModule, ResolutionsModule];
    const http = role === 'worker' ? [] : [AuthModule, HealthModule];
    return {
      module: AppModule,
      imports: [CoreModule.forRoot(options), database, ...domain, ...http],
      providers: [{ provide: APP_FILTER, useClass: AllErrorsFilter }],
    };
  }
}
