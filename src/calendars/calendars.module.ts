import { Module } from '@nestjs/common';
import { CalendarDayRepository } from './calendar-day.repository';
import { CalendarService } from './calendar.service';
import { CalendarsController } from './calendars.controller';

@Module({ controllers: [CalendarsController], providers: [CalendarService, CalendarDayRepository], exports: [CalendarService] })
export class CalendarsModule {}
