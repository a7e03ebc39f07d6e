import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { BullModule } from '@nestjs/bullmq';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { CalendarChangeHook } from './calendars/calendar.service';
import { CalendarsModule } from './calendars/calendars.module';
import type { Clock } from './common/clock';
import { CoreModule } from './common/config.module';
import { AllErrorsFilter } from './common/error.filter';
import { hookProvider } from './common/transaction-hook';
import { WiringModule } from './common/wiring.module';
import { dataSourceOptions } from './database/data-source';
import { APP_CONFIG, loadConfig, type AppConfig, type AppRole } from './config/env';
import { CouncilPolicyHook } from './councils/council-policy.hook';
import { CouncilsModule } from './councils/councils.module';
import { HealthModule } from './health/health.module';
import { JobHealthModule } from './health/job-readiness';
import { MeetingsModule } from './meetings/meetings.module';
import { OrganizationsModule } from './organizations/organizations.module';
import { PeopleModule } from './people/people.module';
import { DeliveryWorkerModule, NotificationsModule } from './notifications/notifications.module';
import { ReminderEngine } from './reminders/reminder-engine.service';
import { ReplanOnPolicyChange, ScheduleOnTransition } from './reminders/reminder-participants';
import { ReminderHandlerModule, ReminderWorkerModule, RemindersModule } from './reminders/reminders.module';
import { ResolutionTransitionHook } from './resolutions/resolution-hooks';
import { ResolutionsModule } from './resolutions/resolutions.module';
import { RescheduleBulletinOnPolicyChange } from './supervision/bulletin-schedule.service';
import { SupervisionModule, SupervisionWorkerModule } from './supervision/supervision.module';
import { redisOptions } from './common/redis';
import type { Logger } from 'pino';
import { createLogger } from './logging/logger';
import { loggingModule } from './logging/logging.module';

/** Composes the feature modules for one process role (`api`, `worker` or `all`). */
@Module({})
export class AppModule {
  /**
   * `manualEngine` (role `api` only) adds the reminder handler without a queue consumer, for callers
   * that run `ActionHandlerService.processDue()` themselves on a ManualClock (demo loader, integration tests).
   */
  static forRole(
    role: AppRole,
    options: { config?: AppConfig; clock?: Clock; logger?: Logger; manualEngine?: boolean } = {},
  ): DynamicModule {
    const database = TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        ...dataSourceOptions(config.databaseUrl, config.dbPoolSize),
        // No retry loop with a stack trace every 3 s: the start has already waited for PostgreSQL
        // (src/lifecycle/dependencies.ts), so a failure here is reported once, by the start.
        toRetry: () => false,
      }),
    });
    const logging = loggingModule(options.logger ?? createLogger(options.config ?? loadConfig()));
    const queues = BullModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        // Workers wait for Redis forever (BullMQ needs it); an API-only process fails fast instead.
        connection: { ...redisOptions(config.redisUrl, role === 'api' ? 'producer' : 'worker') } as Record<string, unknown>,
        prefix: config.queuePrefix,
      }),
    });
    const domain = [
      AuditModule,
      CalendarsModule,
      OrganizationsModule,
      PeopleModule,
      CouncilsModule,
      MeetingsModule,
      NotificationsModule,
      RemindersModule,
      ResolutionsModule,
      SupervisionModule,
    ];
    // Ports of lower modules bound to the higher modules that implement them; hook participants run
    // in the order listed (the delivery outbox and supervision join the transition hook here).
    const wiring = WiringModule.forRoot({
      imports: [RemindersModule, SupervisionModule],
      providers: [
        hookProvider(ResolutionTransitionHook, [ScheduleOnTransition]),
        hookProvider(CouncilPolicyHook, [ReplanOnPolicyChange, RescheduleBulletinOnPolicyChange]),
        { provide: CalendarChangeHook, useExisting: ReminderEngine },
      ],
    });
    const http = role === 'worker' ? [] : [AuthModule, HealthModule.forRole(role)];
    const worker =
      role !== 'api'
        ? [ReminderWorkerModule, SupervisionWorkerModule, DeliveryWorkerModule]
        : options.manualEngine
          ? [ReminderHandlerModule]
          : [];
    // The worker role's health port asks JobReadiness; the `all` role gets it through HealthModule.
    const workerHealth = role === 'worker' ? [JobHealthModule] : [];
    return {
      module: AppModule,
      imports: [logging, CoreModule.forRoot(options), database, queues, wiring, ...domain, ...http, ...worker, ...workerHealth],
      providers: [{ provide: APP_FILTER, useClass: AllErrorsFilter }],
    };
  }
}
