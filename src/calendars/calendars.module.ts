import { Module } from '@nestjs/common';
import { CalendarService } from './calendar.service';
import { CalendarsController } from './calendars.controller';

@Module({ controllers: [CalendarsController], providers: [CalendarService], exports: [CalendarService] })
export class CalendarsModule {}
