import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Allow, PUBLIC } from '../auth/allow.decorator.js';

/** Liveness and readiness in one: 200 when the database answers, 503 when it does not. */
@Controller('health')
export class HealthController {
  constructor(private readonly dataSource: DataSource) {}

  @Get()
  @Allow(PUBLIC)
  async health(@Res() res: Response): Promise<void> {
    const started = process.hrtime.bigint();
    try {
      await this.dataSource.query('SELECT 1');
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      res
        .status(HttpStatus.OK)
        .json({ status: 'ok', database: { status: 'up', latencyMs: Math.round(ms * 10) / 10 } });
    } catch {
      res.status(HttpStatus.SERVICE_UNAVAILABLE).json({ status: 'error', database: { status: 'down' } });
    }
  }
}
