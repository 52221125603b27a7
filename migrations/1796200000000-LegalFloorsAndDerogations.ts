import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A team's rule set gains derogations (weakenings of statutory or contractual limits an ADMIN allowed, with
 * reason, who and when) and forbidden sequences of shift type codes. Columns of `team`, so its audit trigger
 * records every change to them and its compliance trigger marks its rotas stale.
 */
export class LegalFloorsAndDerogations1796200000000 implements MigrationInterface {
  name = 'LegalFloorsAndDerogations1796200000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "team"
                ADD "rule_set_derogations" jsonb NOT NULL DEFAULT '[]',
                ADD "rule_set_forbidden_sequences" jsonb NOT NULL DEFAULT '[]'
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "team" DROP COLUMN "rule_set_forbidden_sequences", DROP COLUMN "rule_set_derogations"
        `);
  }
}
