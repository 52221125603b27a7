import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { postgresOptions } from '../config/database.js';

/**
 * The data source the TypeORM CLI uses (`npm run migration:generate -- migrations/<VerbNoun>`): the server in
 * DATABASE_URL, with every migration so far already applied (`npm run migration:run`).
 */
const url = process.env.DATABASE_MIGRATION_URL || process.env.DATABASE_URL;
if (!url) throw new Error('Set DATABASE_URL to a PostgreSQL database for the migration tools');
export default new DataSource(postgresOptions(url, 2));
