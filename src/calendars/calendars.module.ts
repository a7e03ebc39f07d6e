import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { CalendarDayRepository } from './calendar-day.repository';
import { CalendarService } from './calendar.service';
import { CalendarsController } from './calendars.controller';

@Module({
  imports: [AuditModule],
  controllers: [CalendarsController],
  providers: [CalendarService, CalendarDayRepository],
  exports: [CalendarService],
})
export class CalendarsModule {}
