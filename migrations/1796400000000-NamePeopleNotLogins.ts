import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * People are named, not shown as login ids: `app_user` keeps, per token subject, the name its token carries and
 * the staff record it points at (every write transaction records its caller). Filled at once from the audit
 * trail, which has kept each actor's name since the start. Not audited itself: it is a directory of who signed
 * in, derived from tokens; the service role gets its privileges from RestrictServiceRole's defaults.
 */
export class NamePeopleNotLogins1796400000000 implements MigrationInterface {
  name = 'NamePeopleNotLogins1796400000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "app_user" (
                "subject" text NOT NULL,
                "name" text,
                "staff_id" uuid,
                "first_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_app_user_subject" CHECK (length(subject) BETWEEN 1 AND 255),
                CONSTRAINT "ck_app_user_name" CHECK (name IS NULL OR length(btrim(name)) BETWEEN 1 AND 200),
                CONSTRAINT "pk_app_user" PRIMARY KEY ("subject")
            )
        `);
    await queryRunner.query(`
            ALTER TABLE "app_user"
            ADD CONSTRAINT "fk_app_user_staff" FOREIGN KEY ("staff_id") REFERENCES "staff_member"("id") ON DELETE SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            INSERT INTO "app_user" ("subject", "name", "first_seen_at", "updated_at")
            SELECT actor,
                   left((array_agg(nullif(btrim(actor_name), '') ORDER BY occurred_at DESC)
                         FILTER (WHERE nullif(btrim(actor_name), '') IS NOT NULL))[1], 200),
                   min(occurred_at), max(occurred_at)
            FROM "audit_event"
            WHERE actor <> 'system' AND length(actor) <= 255
            GROUP BY actor
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "app_user"`);
  }
}
