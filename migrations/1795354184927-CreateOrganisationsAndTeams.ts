import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateOrganisationsAndTeams1795354184927 implements MigrationInterface {
  name = 'CreateOrganisationsAndTeams1795354184927';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // btree_gist: exclusion constraints over (staff, time range) in later migrations.
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);
    await queryRunner.query(`
            CREATE TYPE "public"."team_kind" AS ENUM(
                'WARD',
                'COMMUNITY',
                'REABLEMENT',
                'CARE_HOME_UNIT',
                'HOME_CARE_ROUND',
                'DISCHARGE_HUB',
                'MENTAL_HEALTH',
                'OTHER'
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "team" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "organisation_id" uuid NOT NULL,
                "name" text NOT NULL,
                "kind" "public"."team_kind" NOT NULL,
                "time_zone" text NOT NULL DEFAULT 'Europe/London',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_team_name_not_blank" CHECK (length(btrim(name)) > 0),
                CONSTRAINT "pk_team" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_team_organisation_id" ON "team" ("organisation_id")
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."organisation_kind" AS ENUM(
                'NHS_TRUST',
                'NHS_FOUNDATION_TRUST',
                'INTEGRATED_CARE_BOARD',
                'PRIMARY_CARE',
                'LOCAL_AUTHORITY',
                'INDEPENDENT_CARE_PROVIDER',
                'VOLUNTARY_SECTOR'
            )
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."sector" AS ENUM('HEALTH', 'SOCIAL_CARE')
        `);
    await queryRunner.query(`
            CREATE TABLE "organisation" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "name" text NOT NULL,
                "kind" "public"."organisation_kind" NOT NULL,
                "sector" "public"."sector" NOT NULL,
                "ods_code" text,
                "cqc_provider_id" text,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_organisation_kind_sector" CHECK (
                    (
                        kind IN (
                            'NHS_TRUST',
                            'NHS_FOUNDATION_TRUST',
                            'INTEGRATED_CARE_BOARD',
                            'PRIMARY_CARE'
                        )
                        AND sector = 'HEALTH'
                    )
                    OR (
                        kind = 'LOCAL_AUTHORITY'
                        AND sector = 'SOCIAL_CARE'
                    )
                    OR kind IN ('INDEPENDENT_CARE_PROVIDER', 'VOLUNTARY_SECTOR')
                ),
                CONSTRAINT "ck_organisation_name_not_blank" CHECK (length(btrim(name)) > 0),
                CONSTRAINT "pk_organisation" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_organisation_ods_code" ON "organisation" ("ods_code")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_organisation_cqc_provider_id" ON "organisation" ("cqc_provider_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "team"
            ADD CONSTRAINT "fk_team_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    // Names are unique regardless of case (hand-written: TypeORM cannot express an index on lower()).
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_organisation_name" ON "organisation" (lower(name))`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_team_organisation_name" ON "team" ("organisation_id", lower(name))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."uq_team_organisation_name"`);
    await queryRunner.query(`DROP INDEX "public"."uq_organisation_name"`);
    await queryRunner.query(`
            ALTER TABLE "team" DROP CONSTRAINT "fk_team_organisation"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_organisation_cqc_provider_id"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_organisation_ods_code"
        `);
    await queryRunner.query(`
            DROP TABLE "organisation"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."sector"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."organisation_kind"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_team_organisation_id"
        `);
    await queryRunner.query(`
            DROP TABLE "team"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."team_kind"
        `);
    await queryRunner.query(`DROP EXTENSION IF EXISTS btree_gist`);
  }
}
