import { MigrationInterface, QueryRunner } from 'typeorm';
import type { PresetName, RuleOverrides } from '../src/rota-core/model.js';
import { floorBreaches } from '../src/rota-core/presets/floors.js';

/**
 * A team's rule set gains derogations (weakenings of statutory or contractual limits an ADMIN allowed, with
 * reason, who and when) and forbidden sequences of shift type codes. Columns of `team`, so its audit trigger
 * records every change to them and its compliance trigger marks its rotas stale.
 *
 * A team whose overrides already weaken a legal limit keeps them (its rotas are checked as before), but each
 * weakening is recorded as a derogation by this migration, with a reason saying so, so that the compliance report
 * shows it until someone reviews it. (The pure floor check is imported: it reads nothing but its arguments.)
 */
export class LegalFloorsAndDerogations1796200000000 implements MigrationInterface {
  name = 'LegalFloorsAndDerogations1796200000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "team"
                ADD "rule_set_derogations" jsonb NOT NULL DEFAULT '[]',
                ADD "rule_set_forbidden_sequences" jsonb NOT NULL DEFAULT '[]'
        `);
    const teams: Array<{ id: string; preset: PresetName; overrides: RuleOverrides | null }> =
      await queryRunner.query(
        `SELECT id, rule_set_preset::text AS preset, rule_set_overrides AS overrides FROM team ORDER BY id`,
      );
    const grantedAt = new Date().toISOString();
    for (const team of teams) {
      const breaches = floorBreaches(team.preset, team.overrides ?? {});
      if (breaches.length === 0) continue;
      const derogations = breaches.map((b) => ({
        ruleCode: b.ruleCode,
        param: b.param,
        reason: `Set before legal floors were enforced, to be reviewed: ${b.param ? `${b.ruleCode}.${b.param} = ${b.value}` : `${b.ruleCode} severity ${b.value}`} against the ${b.limit.kind.toLowerCase()} limit (${b.limit.source})`,
        grantedBy: 'migration:LegalFloorsAndDerogations',
        grantedAt,
      }));
      await queryRunner.query(`UPDATE "team" SET "rule_set_derogations" = $2::jsonb WHERE "id" = $1`, [
        team.id,
        JSON.stringify(derogations),
      ]);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "team" DROP COLUMN "rule_set_forbidden_sequences", DROP COLUMN "rule_set_derogations"
        `);
  }
}
