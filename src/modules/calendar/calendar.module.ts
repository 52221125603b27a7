import { Module } from '@nestjs/common';
import { CalendarController } from './calendar.controller.js';
import { CalendarResolver } from './calendar.resolver.js';
import { CalendarService } from './calendar.service.js';

@Module({
  controllers: [CalendarController],
  providers: [CalendarService, CalendarResolver],
})
export class CalendarModule {}
