import { Module } from '@nestjs/common';
import { AuditService } from './audit.service';
import { EventRepository } from './event.repository';

@Module({ providers: [AuditService, EventRepository], exports: [AuditService] })
export class AuditModule {}
