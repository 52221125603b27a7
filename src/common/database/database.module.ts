import { type DynamicModule, Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { OpenDatabase } from '../../config/database.js';
import { TransactionRunner } from './transaction.js';

export const OPEN_DATABASE = Symbol('OPEN_DATABASE');

/** Provides the opened DataSource and the transaction runner; closes the database when the app shuts down. */
@Global()
@Module({})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(@Inject(OPEN_DATABASE) private readonly database: OpenDatabase) {}

  static forRoot(database: OpenDatabase): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [
        { provide: OPEN_DATABASE, useValue: database },
        { provide: DataSource, useValue: database.dataSource },
        TransactionRunner,
      ],
      exports: [OPEN_DATABASE, DataSource, TransactionRunner],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.database.close();
  }
}
