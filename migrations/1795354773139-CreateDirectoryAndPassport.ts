import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The reference skill catalogue every installation starts with: the Core Skills Training Framework subjects
 * (Skills for Health; refresher periods as commonly applied), the Care Certificate standards (no expiry),
 * professional registrations (renewal cycles), DBS checks (renewed every three years by local policy) and right
 * to work. Organisations add their own with createSkill.
 */
const CATALOGUE: Array<[code: string, name: string, kind: string, months: number | null]> = [
  ['CSTF_EQUALITY_DIVERSITY', 'Equality, Diversity and Human Rights (CSTF)', 'MANDATORY_TRAINING', 36],
  ['CSTF_HEALTH_SAFETY', 'Health, Safety and Welfare (CSTF)', 'MANDATORY_TRAINING', 36],
  ['CSTF_CONFLICT_RESOLUTION', 'Conflict Resolution (CSTF)', 'MANDATORY_TRAINING', 36],
  ['CSTF_FIRE_SAFETY', 'Fire Safety (CSTF)', 'MANDATORY_TRAINING', 24],
  ['CSTF_IPC_L1', 'Infection Prevention and Control – Level 1 (CSTF)', 'MANDATORY_TRAINING', 36],
  ['CSTF_IPC_L2', 'Infection Prevention and Control – Level 2 (CSTF)', 'MANDATORY_TRAINING', 12],
  ['CSTF_MOVING_HANDLING_L1', 'Moving and Handling – Level 1 (CSTF)', 'MANDATORY_TRAINING', 36],
  [
    'CSTF_MOVING_HANDLING_L2',
    'Moving and Handling – Level 2, people handling (CSTF)',
    'MANDATORY_TRAINING',
    24,
  ],
  ['CSTF_SAFEGUARDING_ADULTS_L1', 'Safeguarding Adults – Level 1 (CSTF)', 'MANDATORY_TRAINING', 36],
  ['CSTF_SAFEGUARDING_ADULTS_L2', 'Safeguarding Adults – Level 2 (CSTF)', 'MANDATORY_TRAINING', 36],
  ['CSTF_SAFEGUARDING_ADULTS_L3', 'Safeguarding Adults – Level 3 (CSTF)', 'MANDATORY_TRAINING', 36],
  ['CSTF_SAFEGUARDING_CHILDREN_L1', 'Safeguarding Children – Level 1 (CSTF)', 'MANDATORY_TRAINING', 36],
  ['CSTF_SAFEGUARDING_CHILDREN_L2', 'Safeguarding Children – Level 2 (CSTF)', 'MANDATORY_TRAINING', 36],
  ['CSTF_SAFEGUARDING_CHILDREN_L3', 'Safeguarding Children – Level 3 (CSTF)', 'MANDATORY_TRAINING', 36],
  ['CSTF_PREVENTING_RADICALISATION', 'Preventing Radicalisation (CSTF)', 'MANDATORY_TRAINING', 36],
  ['CSTF_RESUSCITATION_L1', 'Resuscitation – Level 1 (CSTF)', 'MANDATORY_TRAINING', 12],
  [
    'CSTF_RESUSCITATION_L2_ADULT',
    'Resuscitation – Level 2, adult basic life support (CSTF)',
    'MANDATORY_TRAINING',
    12,
  ],
  [
    'CSTF_RESUSCITATION_L3_ADULT',
    'Resuscitation – Level 3, adult immediate life support (CSTF)',
    'MANDATORY_TRAINING',
    12,
  ],
  [
    'CSTF_INFORMATION_GOVERNANCE',
    'Information Governance and Data Security (CSTF)',
    'MANDATORY_TRAINING',
    12,
  ],
  [
    'OLIVER_MCGOWAN_TIER1',
    'Oliver McGowan Training on Learning Disability and Autism – Tier 1',
    'MANDATORY_TRAINING',
    36,
  ],
  [
    'OLIVER_MCGOWAN_TIER2',
    'Oliver McGowan Training on Learning Disability and Autism – Tier 2',
    'MANDATORY_TRAINING',
    36,
  ],
  ['CARE_CERTIFICATE', 'Care Certificate (all standards)', 'CARE_CERTIFICATE', null],
  ['CC_STD01_ROLE', 'Care Certificate Standard 1 – Understand your role', 'CARE_CERTIFICATE', null],
  [
    'CC_STD02_PERSONAL_DEVELOPMENT',
    'Care Certificate Standard 2 – Your personal development',
    'CARE_CERTIFICATE',
    null,
  ],
  ['CC_STD03_DUTY_OF_CARE', 'Care Certificate Standard 3 – Duty of care', 'CARE_CERTIFICATE', null],
  [
    'CC_STD04_EQUALITY',
    'Care Certificate Standard 4 – Equality, diversity, inclusion and human rights',
    'CARE_CERTIFICATE',
    null,
  ],
  [
    'CC_STD05_PERSON_CENTRED',
    'Care Certificate Standard 5 – Work in a person-centred way',
    'CARE_CERTIFICATE',
    null,
  ],
  ['CC_STD06_COMMUNICATION', 'Care Certificate Standard 6 – Communication', 'CARE_CERTIFICATE', null],
  ['CC_STD07_PRIVACY_DIGNITY', 'Care Certificate Standard 7 – Privacy and dignity', 'CARE_CERTIFICATE', null],
  [
    'CC_STD08_FLUIDS_NUTRITION',
    'Care Certificate Standard 8 – Fluids and nutrition',
    'CARE_CERTIFICATE',
    null,
  ],
  [
    'CC_STD09_MENTAL_HEALTH_DEMENTIA',
    'Care Certificate Standard 9 – Awareness of mental health and dementia',
    'CARE_CERTIFICATE',
    null,
  ],
  [
    'CC_STD10_SAFEGUARDING_ADULTS',
    'Care Certificate Standard 10 – Safeguarding adults',
    'CARE_CERTIFICATE',
    null,
  ],
  [
    'CC_STD11_SAFEGUARDING_CHILDREN',
    'Care Certificate Standard 11 – Safeguarding children',
    'CARE_CERTIFICATE',
    null,
  ],
  [
    'CC_STD12_BASIC_LIFE_SUPPORT',
    'Care Certificate Standard 12 – Basic life support',
    'CARE_CERTIFICATE',
    null,
  ],
  ['CC_STD13_HEALTH_SAFETY', 'Care Certificate Standard 13 – Health and safety', 'CARE_CERTIFICATE', null],
  [
    'CC_STD14_HANDLING_INFORMATION',
    'Care Certificate Standard 14 – Handling information',
    'CARE_CERTIFICATE',
    null,
  ],
  [
    'CC_STD15_INFECTION_CONTROL',
    'Care Certificate Standard 15 – Infection prevention and control',
    'CARE_CERTIFICATE',
    null,
  ],
  [
    'CC_STD16_LEARNING_DISABILITY_AUTISM',
    'Care Certificate Standard 16 – Awareness of learning disability and autism',
    'CARE_CERTIFICATE',
    null,
  ],
  ['NMC_REGISTRATION', 'NMC registration (nurse, midwife or nursing associate)', 'REGISTRATION', 12],
  ['HCPC_REGISTRATION', 'HCPC registration (allied health professional)', 'REGISTRATION', 24],
  ['GMC_LICENCE', 'GMC registration with a licence to practise', 'REGISTRATION', 12],
  ['SWE_REGISTRATION', 'Social Work England registration', 'REGISTRATION', 12],
  ['DBS_BASIC', 'DBS check – basic', 'EMPLOYMENT_CHECK', 36],
  ['DBS_STANDARD', 'DBS check – standard', 'EMPLOYMENT_CHECK', 36],
  ['DBS_ENHANCED', 'DBS check – enhanced', 'EMPLOYMENT_CHECK', 36],
  ['DBS_ENHANCED_ADULTS_BARRED', 'DBS check – enhanced with adults’ barred list', 'EMPLOYMENT_CHECK', 36],
  [
    'DBS_ENHANCED_CHILDREN_BARRED',
    'DBS check – enhanced with children’s barred list',
    'EMPLOYMENT_CHECK',
    36,
  ],
  [
    'DBS_ENHANCED_BOTH_BARRED',
    'DBS check – enhanced with adults’ and children’s barred lists',
    'EMPLOYMENT_CHECK',
    36,
  ],
  [
    'RIGHT_TO_WORK',
    'Right to work in the UK (set an expiry for time-limited permission)',
    'EMPLOYMENT_CHECK',
    null,
  ],
  ['DRIVING_LICENCE_BUSINESS', 'Full UK driving licence with business insurance', 'EMPLOYMENT_CHECK', 12],
  ['MEDICATION_ADMINISTRATION', 'Medication administration (competency assessed)', 'CLINICAL_COMPETENCY', 12],
  ['IV_THERAPY', 'Intravenous therapy administration', 'CLINICAL_COMPETENCY', 36],
  ['VENEPUNCTURE', 'Venepuncture and cannulation', 'CLINICAL_COMPETENCY', 36],
  ['CATHETER_CARE', 'Urinary catheter care', 'CLINICAL_COMPETENCY', 36],
  ['PEG_FEEDING', 'Enteral (PEG) feeding', 'CLINICAL_COMPETENCY', 24],
  ['INSULIN_ADMINISTRATION', 'Insulin administration (delegated)', 'CLINICAL_COMPETENCY', 12],
  ['DISCHARGE_TO_ASSESS', 'Discharge to assess: trusted assessor', 'CLINICAL_COMPETENCY', 24],
  ['NEWS2', 'NEWS2 deterioration recognition', 'CLINICAL_COMPETENCY', 12],
  ['DIPLOMA_HSC_L2', 'Level 2 Diploma in Care (RQF)', 'QUALIFICATION', null],
  ['DIPLOMA_HSC_L3', 'Level 3 Diploma in Adult Care (RQF)', 'QUALIFICATION', null],
  [
    'DIPLOMA_LEADERSHIP_L5',
    'Level 5 Diploma in Leadership and Management for Adult Care',
    'QUALIFICATION',
    null,
  ],
  ['BEST_INTEREST_ASSESSOR', 'Best Interests Assessor (Mental Capacity Act)', 'QUALIFICATION', null],
  ['APPROVED_MENTAL_HEALTH_PROFESSIONAL', 'Approved Mental Health Professional (AMHP)', 'QUALIFICATION', 60],
];

export class CreateDirectoryAndPassport1795354773139 implements MigrationInterface {
  name = 'CreateDirectoryAndPassport1795354773139';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TYPE "public"."skill_kind" AS ENUM(
                'REGISTRATION',
                'MANDATORY_TRAINING',
                'CLINICAL_COMPETENCY',
                'CARE_CERTIFICATE',
                'QUALIFICATION',
                'EMPLOYMENT_CHECK'
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "skill" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "code" text NOT NULL,
                "name" text NOT NULL,
                "kind" "public"."skill_kind" NOT NULL,
                "default_validity_months" integer,
                "description" text,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_skill_validity" CHECK (
                    default_validity_months IS NULL
                    OR default_validity_months BETWEEN 1 AND 120
                ),
                CONSTRAINT "ck_skill_code_format" CHECK (code ~ '^[A-Z][A-Z0-9_]{1,59}$'),
                CONSTRAINT "pk_skill" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_skill_code" ON "skill" ("code")
        `);
    await queryRunner.query(`
            CREATE TABLE "team_required_skill" (
                "team_id" uuid NOT NULL,
                "skill_id" uuid NOT NULL,
                CONSTRAINT "pk_team_required_skill" PRIMARY KEY ("team_id", "skill_id")
            )
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."staff_group" AS ENUM(
                'NURSING',
                'MIDWIFERY',
                'MEDICAL',
                'ALLIED_HEALTH',
                'SOCIAL_WORK',
                'CARE_AND_SUPPORT',
                'ADMIN'
            )
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."pay_framework" AS ENUM(
                'AGENDA_FOR_CHANGE',
                'MEDICAL_AND_DENTAL',
                'LOCAL_GOVERNMENT',
                'PROVIDER'
            )
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."rule_profile" AS ENUM('STANDARD', 'DOCTOR_IN_TRAINING')
        `);
    await queryRunner.query(`
            CREATE TABLE "staff_member" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "given_name" text NOT NULL,
                "family_name" text NOT NULL,
                "email" text,
                "phone" text,
                "employer_id" uuid NOT NULL,
                "employee_number" text,
                "staff_group" "public"."staff_group" NOT NULL,
                "job_title" text NOT NULL,
                "pay_framework" "public"."pay_framework" NOT NULL,
                "pay_grade" text NOT NULL,
                "contracted_hours_per_week" numeric(5, 2) NOT NULL,
                "working_time_opt_out" boolean NOT NULL DEFAULT false,
                "opt_out_signed_on" date,
                "date_of_birth" date,
                "rule_profile" "public"."rule_profile" NOT NULL DEFAULT 'STANDARD',
                "home_team_id" uuid,
                "active" boolean NOT NULL DEFAULT true,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_staff_member_opt_out_signed" CHECK (
                    NOT working_time_opt_out
                    OR opt_out_signed_on IS NOT NULL
                ),
                CONSTRAINT "ck_staff_member_contracted_hours" CHECK (
                    contracted_hours_per_week >= 0
                    AND contracted_hours_per_week <= 168
                ),
                CONSTRAINT "ck_staff_member_names" CHECK (
                    length(btrim(given_name)) > 0
                    AND length(btrim(family_name)) > 0
                ),
                CONSTRAINT "pk_staff_member" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_staff_member_employer_id" ON "staff_member" ("employer_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_staff_member_home_team_id" ON "staff_member" ("home_team_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "credential" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "staff_id" uuid NOT NULL,
                "skill_id" uuid NOT NULL,
                "obtained_on" date NOT NULL,
                "expires_on" date,
                "evidence_reference" text,
                "verified_by_organisation_id" uuid NOT NULL,
                "verified_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                "revocation_reason" text,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_credential_revocation" CHECK (
                    (revoked_at IS NULL) = (revocation_reason IS NULL)
                ),
                CONSTRAINT "ck_credential_period" CHECK (
                    expires_on IS NULL
                    OR expires_on > obtained_on
                ),
                CONSTRAINT "pk_credential" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_credential_staff_id" ON "credential" ("staff_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_credential_skill_id" ON "credential" ("skill_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_credential_expires_on" ON "credential" ("expires_on")
        `);
    await queryRunner.query(`
            CREATE TABLE "passport_acceptance" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "organisation_id" uuid NOT NULL,
                "skill_id" uuid,
                "verifying_organisation_id" uuid,
                CONSTRAINT "ck_passport_acceptance_one_target" CHECK (
                    num_nonnulls(skill_id, verifying_organisation_id) = 1
                ),
                CONSTRAINT "pk_passport_acceptance" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_passport_acceptance_organisation_id" ON "passport_acceptance" ("organisation_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "team"
            ADD CONSTRAINT "uq_team_id_organisation" UNIQUE ("id", "organisation_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "team_required_skill"
            ADD CONSTRAINT "fk_team_required_skill_team" FOREIGN KEY ("team_id") REFERENCES "team"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "team_required_skill"
            ADD CONSTRAINT "fk_team_required_skill_skill" FOREIGN KEY ("skill_id") REFERENCES "skill"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "staff_member"
            ADD CONSTRAINT "fk_staff_member_employer" FOREIGN KEY ("employer_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "staff_member"
            ADD CONSTRAINT "fk_staff_member_home_team" FOREIGN KEY ("home_team_id", "employer_id") REFERENCES "team"("id", "organisation_id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "credential"
            ADD CONSTRAINT "fk_credential_staff" FOREIGN KEY ("staff_id") REFERENCES "staff_member"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "credential"
            ADD CONSTRAINT "fk_credential_skill" FOREIGN KEY ("skill_id") REFERENCES "skill"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "credential"
            ADD CONSTRAINT "fk_credential_verified_by" FOREIGN KEY ("verified_by_organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "passport_acceptance"
            ADD CONSTRAINT "fk_passport_acceptance_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "passport_acceptance"
            ADD CONSTRAINT "fk_passport_acceptance_skill" FOREIGN KEY ("skill_id") REFERENCES "skill"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "passport_acceptance"
            ADD CONSTRAINT "fk_passport_acceptance_verifier" FOREIGN KEY ("verifying_organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    // Hand-written: TypeORM cannot express expression or partial indexes.
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_staff_member_email" ON "staff_member" (lower(email)) WHERE email IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_staff_member_employee_number" ON "staff_member" ("employer_id", "employee_number") WHERE employee_number IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_staff_member_name" ON "staff_member" (lower(family_name), lower(given_name), id)`,
    );
    // A credential recorded twice (same person, skill and date obtained) is a duplicate; renewals overlap legitimately.
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_credential_staff_skill_obtained" ON "credential" ("staff_id", "skill_id", "obtained_on") WHERE revoked_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_passport_acceptance_skill" ON "passport_acceptance" ("organisation_id", "skill_id") WHERE skill_id IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_passport_acceptance_verifier" ON "passport_acceptance" ("organisation_id", "verifying_organisation_id") WHERE verifying_organisation_id IS NOT NULL`,
    );
    for (const [code, name, kind, months] of CATALOGUE) {
      await queryRunner.query(
        `INSERT INTO "skill" (code, name, kind, default_validity_months) VALUES ($1, $2, $3, $4) ON CONFLICT (code) DO NOTHING`,
        [code, name, kind, months],
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."uq_passport_acceptance_verifier"`);
    await queryRunner.query(`DROP INDEX "public"."uq_passport_acceptance_skill"`);
    await queryRunner.query(`DROP INDEX "public"."uq_credential_staff_skill_obtained"`);
    await queryRunner.query(`DROP INDEX "public"."ix_staff_member_name"`);
    await queryRunner.query(`DROP INDEX "public"."uq_staff_member_employee_number"`);
    await queryRunner.query(`DROP INDEX "public"."uq_staff_member_email"`);
    await queryRunner.query(`
            ALTER TABLE "passport_acceptance" DROP CONSTRAINT "fk_passport_acceptance_verifier"
        `);
    await queryRunner.query(`
            ALTER TABLE "passport_acceptance" DROP CONSTRAINT "fk_passport_acceptance_skill"
        `);
    await queryRunner.query(`
            ALTER TABLE "passport_acceptance" DROP CONSTRAINT "fk_passport_acceptance_organisation"
        `);
    await queryRunner.query(`
            ALTER TABLE "credential" DROP CONSTRAINT "fk_credential_verified_by"
        `);
    await queryRunner.query(`
            ALTER TABLE "credential" DROP CONSTRAINT "fk_credential_skill"
        `);
    await queryRunner.query(`
            ALTER TABLE "credential" DROP CONSTRAINT "fk_credential_staff"
        `);
    await queryRunner.query(`
            ALTER TABLE "staff_member" DROP CONSTRAINT "fk_staff_member_home_team"
        `);
    await queryRunner.query(`
            ALTER TABLE "staff_member" DROP CONSTRAINT "fk_staff_member_employer"
        `);
    await queryRunner.query(`
            ALTER TABLE "team_required_skill" DROP CONSTRAINT "fk_team_required_skill_skill"
        `);
    await queryRunner.query(`
            ALTER TABLE "team_required_skill" DROP CONSTRAINT "fk_team_required_skill_team"
        `);
    await queryRunner.query(`
            ALTER TABLE "team" DROP CONSTRAINT "uq_team_id_organisation"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_passport_acceptance_organisation_id"
        `);
    await queryRunner.query(`
            DROP TABLE "passport_acceptance"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_credential_expires_on"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_credential_skill_id"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_credential_staff_id"
        `);
    await queryRunner.query(`
            DROP TABLE "credential"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_staff_member_home_team_id"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_staff_member_employer_id"
        `);
    await queryRunner.query(`
            DROP TABLE "staff_member"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."rule_profile"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."pay_framework"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."staff_group"
        `);
    await queryRunner.query(`
            DROP TABLE "team_required_skill"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_skill_code"
        `);
    await queryRunner.query(`
            DROP TABLE "skill"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."skill_kind"
        `);
  }
}
