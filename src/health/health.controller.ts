import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { Public } from '../common/principal';
import { LivenessResponse, ReadinessResponse } from './health.responses';
import { JobReadiness } from './job-readiness';
import { probe } from './probe';
import { RedisHealth } from './redis-health';

/** The `all` role also consumes jobs, so its readiness includes them; the `api` role has none (null). */
export const JOBS_READINESS = Symbol('JOBS_READINESS');

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    private readonly redis: RedisHealth,
    @Inject(JOBS_READINESS) private readonly jobs: JobReadiness | null,
  ) {}

  /** Liveness: the process answers. */
  @ApiOkResponse({ type: LivenessResponse })
  @Get()
  live() {
    return { status: 'ok' };
  }

  /** Readiness: PostgreSQL and Redis both answer, and in the `all` role jobs are consumed (503 otherwise). */
  @ApiOkResponse({ type: ReadinessResponse })
  @ApiServiceUnavailableResponse({ type: ReadinessResponse, description: 'a dependency is down: `checks` says which' })
  @Get('ready')
  async ready(@Res({ passthrough: true }) reply: FastifyReply) {
    const [postgres, redis, jobs] = await Promise.all([probe(this.db.query('SELECT 1')), probe(this.redis.ping()), this.jobs?.jobs()]);
    const ok = postgres === 'up' && redis === 'up' && (!jobs || jobs.jobs === 'up');
    void reply.status(ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    const checks = jobs ? { postgres, redis, jobs: jobs.jobs } : { postgres, redis };
    return { status: ok ? 'ok' : 'unavailable', checks, ...(jobs?.reason ? { reason: jobs.reason } : {}) };
  }
}
