import { Global, Module } from '@nestjs/common';
import { JobQueue } from './job-queue.js';

/** The process's one job queue (pg-boss), shared by every module that queues or schedules work. */
@Global()
@Module({ providers: [JobQueue], exports: [JobQueue] })
export class JobsModule {}
