import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Zones were once stored as typed (`europe/london`); the service now stores each in its canonical spelling, so
 * calendar clients find the VTIMEZONE named by a feed's TZID. This respells the zones already stored, where the
 * database's zone list has exactly one name that differs from them only in case.
 */
export class CanonicalTeamTimeZones1795363204118 implements MigrationInterface {
  name = 'CanonicalTeamTimeZones1795363204118';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            UPDATE "team" t SET "time_zone" = z.name
              FROM (SELECT lower(name) AS key, min(name) AS name FROM pg_timezone_names
                     GROUP BY lower(name) HAVING count(*) = 1) z
             WHERE lower(t."time_zone") = z.key AND t."time_zone" <> z.name
        `);
  }

  public async down(): Promise<void> {
    // Nothing to undo: the old spellings named the same zones (and are not kept).
  }
}
