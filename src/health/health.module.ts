import { Module, type DynamicModule } from '@nestjs/common';
import type { AppRole } from '../config/env';
import { HealthController, JOBS_READINESS } from './health.controller';
import { JobHealthModule, JobReadiness } from './job-readiness';
import { RedisHealth } from './redis-health';

/** /health and /health/ready on the API port (roles `api` and `all`; the worker role has its own port). */
@Module({})
export class HealthModule {
  static forRole(role: Exclude<AppRole, 'worker'>): DynamicModule {
    const jobs =
      role === 'all'
        ? { imports: [JobHealthModule], provider: { provide: JOBS_READINESS, useExisting: JobReadiness } }
        : { imports: [], provider: { provide: JOBS_READINESS, useValue: null } };
    return { module: HealthModule, imports: jobs.imports, controllers: [HealthController], providers: [RedisHealth, jobs.provider] };
  }
}
