import { Module } from '@nestjs/common';
import { AuditController } from './audit.controller';
import { AuditService } from './audit.service';
import { EventRepository } from './event.repository';

@Module({ controllers: [AuditController], providers: [AuditService, EventRepository], exports: [AuditService] })
export class AuditModule {}
