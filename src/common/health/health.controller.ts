import { randomBytes } from 'node:crypto';
import { open, rm, statfs } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../../config/config.module.js';
import type { AppConfig } from '../../config/config.js';
import { Allow, PUBLIC } from '../auth/allow.decorator.js';

export interface HealthReport {
  status: 'ok' | 'error';
  database: { status: 'up' | 'down'; latencyMs?: number; error?: string };
  disk?: { status: 'ok' | 'full' | 'not-writable'; freeBytes?: number; error?: string };
}

class TimedOut extends Error {}

/** Settles with the promise, or rejects with TimedOut after `ms` (the promise itself goes on, unobserved). */
function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimedOut()), ms);
  });
  promise.catch(() => undefined);
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Liveness and readiness in one: 200 when the database answers and (embedded) its disk can take writes; 503
 * otherwise, always within the configured time (HEALTH_TIMEOUT_MS, 2 s), even when the database hangs.
 */
@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @Allow(PUBLIC)
  async health(@Res() res: Response): Promise<void> {
    const { timeoutMs } = this.config.health;
    const [database, disk] = await Promise.all([
      this.database(timeoutMs),
      this.config.database.kind === 'embedded' && this.config.database.dataDir !== 'memory://'
        ? this.disk(this.config.database.dataDir, timeoutMs)
        : undefined,
    ]);
    const ok = database.status === 'up' && (!disk || disk.status === 'ok');
    const report: HealthReport = { status: ok ? 'ok' : 'error', database, ...(disk ? { disk } : {}) };
    res.status(ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json(report);
  }

  private async database(timeoutMs: number): Promise<HealthReport['database']> {
    const started = process.hrtime.bigint();
    try {
      await within(this.dataSource.query('SELECT 1'), timeoutMs);
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      return { status: 'up', latencyMs: Math.round(ms * 10) / 10 };
    } catch (error) {
      return {
        status: 'down',
        error: error instanceof TimedOut ? `no answer within ${timeoutMs} ms` : 'the database refused',
      };
    }
  }

  /** Free space above the configured floor, and a small file written, synced and removed in the data folder. */
  private async disk(dataDir: string, timeoutMs: number): Promise<HealthReport['disk']> {
    const dir = resolve(dataDir);
    try {
      const fs = await within(statfs(dir), timeoutMs);
      const freeBytes = fs.bavail * fs.bsize;
      if (freeBytes < this.config.health.minFreeDiskBytes) return { status: 'full', freeBytes };
      await within(probeWrite(dir), timeoutMs);
      return { status: 'ok', freeBytes };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOSPC') return { status: 'full', error: 'no space left on the device' };
      return {
        status: 'not-writable',
        error: error instanceof TimedOut ? `no write within ${timeoutMs} ms` : (code ?? 'write failed'),
      };
    }
  }
}

async function probeWrite(dir: string): Promise<void> {
  const path = join(dir, `.health-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    const file = await open(path, 'w');
    try {
      await file.write(randomBytes(4096));
      await file.sync();
    } finally {
      await file.close();
    }
  } finally {
    await rm(path, { force: true });
  }
}
