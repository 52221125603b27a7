import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Allow, PUBLIC } from '../../common/auth/allow.decorator.js';
import { NotFoundError } from '../../common/errors/domain-error.js';
import { UUID_PATTERN } from '../../common/graphql/id-arg.js';
import { CalendarService } from './calendar.service.js';

/** GET /calendar/<staffId>.ics?token=… — no API token: calendar apps cannot send one; the feed token is the key. */
@Controller('calendar')
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  @Get(':file')
  @Allow(PUBLIC)
  async feed(
    @Param('file') file: string,
    @Query('token') token: unknown,
    @Res() res: Response,
  ): Promise<void> {
    const match = /^(.+)\.ics$/.exec(file);
    if (!match || !UUID_PATTERN.test(match[1]!)) throw new NotFoundError('Calendar', file);
    const body = await this.calendar.feed(
      match[1]!.toLowerCase(),
      typeof token === 'string' ? token : undefined,
    );
    res
      .status(200)
      .set({
        'Content-Type': 'text/calendar; charset=utf-8',
        'Content-Disposition': `inline; filename="${match[1]}.ics"`,
        'Cache-Control': 'private, no-store',
      })
      .send(Buffer.from(body, 'utf8'));
  }
}
