import { MigrationInterface, QueryRunner } from 'typeorm';

/** The queue of the scheduled compliance refresh (src/modules/checks/compliance-refresh.job.ts). */
export const COMPLIANCE_REFRESH_QUEUE = 'compliance-refresh';

/**
 * Stored compliance of published rotas that the triggers marked stale (leave approved, a placement ended, a
 * credential revoked…) is refreshed on a schedule on the shared queue, not only when the compliance report is
 * read. The queue is 'short': at most one refresh waits, however many instances schedule it.
 */
export class ComplianceRefreshOnTheQueue1796800000000 implements MigrationInterface {
  name = 'ComplianceRefreshOnTheQueue1796800000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `SELECT pgboss.create_queue($1, $2::json) WHERE NOT EXISTS (SELECT 1 FROM pgboss.queue WHERE name = $1)`,
      [
        COMPLIANCE_REFRESH_QUEUE,
        JSON.stringify({ policy: 'short', retryLimit: 2, expireInSeconds: 1800, retentionMinutes: 1440 }),
      ],
    );
    // The partition create_queue made belongs to the owner: the service role works its rows.
    await queryRunner.query(
      `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA pgboss TO tandem_app`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM pgboss.schedule WHERE name = $1`, [COMPLIANCE_REFRESH_QUEUE]);
    await queryRunner.query(`SELECT pgboss.delete_queue($1)`, [COMPLIANCE_REFRESH_QUEUE]);
  }
}
