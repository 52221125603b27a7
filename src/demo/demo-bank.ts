import type { EntityManager } from 'typeorm';
import { addDays } from '../rota-core/dates.js';
import { Decision } from '../modules/absences/absence.enums.js';
import {
  BankAgreementDecisionEntity,
  BankAgreementEntity,
} from '../modules/mobility/bank-agreement.entity.js';
import { BankAgreementStatus, OpenShiftStatus } from '../modules/mobility/mobility.enums.js';
import { OpenShiftEntity } from '../modules/mobility/open-shift.entity.js';
import { CredentialEntity } from '../modules/passport/credential.entity.js';
import { CredentialAcceptance } from '../modules/passport/credential.enums.js';
import { SkillEntity } from '../modules/skills/skill.entity.js';
import { DEMO_TEAM_SKILLS } from './demo-people.js';
import { demoHr } from './demo-area.js';
import type { DemoIds } from './demo.seeder.js';

/**
 * The area's shared bank: the trust and the council agreed a bank a month ago (both decisions kept); the trust
 * has proposed one to the care provider, not yet decided; the council's reablement worker did the trust's bank
 * induction (Ward 7's training, verified by the trust); Ward 7 offers a place on one of its published shifts
 * to bank staff, on a day the council's reablement worker (`claimant`) is free with her rest kept either side —
 * so she can claim it from the demo. Idempotent: nothing is added once the trust and council have an agreement.
 */
export async function seedDemoBank(
  em: EntityManager,
  ids: DemoIds,
  today: string,
  claimant: string | undefined,
): Promise<boolean> {
  const { trust, council, provider } = ids.organisations;
  const agreements = em.getRepository(BankAgreementEntity);
  const existing = await agreements
    .createQueryBuilder('b')
    .where(
      '(b.proposer_organisation_id = :trust AND b.partner_organisation_id = :council) OR (b.proposer_organisation_id = :council AND b.partner_organisation_id = :trust)',
      { trust, council },
    )
    .getExists();
  if (existing) return false;
  const active = await agreements.save(
    agreements.create({
      proposerOrganisationId: trust,
      partnerOrganisationId: council,
      startDate: addDays(today, -30),
      endDate: null,
      terms:
        'Nene Valley collaborative bank: either organisation’s staff may take the other’s open shifts at its bank rates.',
      status: BankAgreementStatus.ACTIVE,
      proposedBy: demoHr('trust'),
      proposedAt: new Date(`${addDays(today, -35)}T10:00:00Z`),
    }),
  );
  await em.getRepository(BankAgreementDecisionEntity).insert([
    {
      bankAgreementId: active.id,
      organisationId: trust,
      decision: Decision.APPROVE,
      decidedBy: demoHr('trust'),
    },
    {
      bankAgreementId: active.id,
      organisationId: council,
      decision: Decision.APPROVE,
      reason: 'Agreed at the joint workforce board',
      decidedBy: demoHr('council'),
    },
  ]);
  const proposed = await agreements.save(
    agreements.create({
      proposerOrganisationId: trust,
      partnerOrganisationId: provider,
      startDate: addDays(today, 7),
      endDate: addDays(today, 7 + 182),
      terms: 'Six-month pilot: registered nurses of either organisation may take the other’s open shifts.',
      status: BankAgreementStatus.PROPOSED,
      proposedBy: demoHr('trust'),
    }),
  );
  await em.getRepository(BankAgreementDecisionEntity).insert({
    bankAgreementId: proposed.id,
    organisationId: trust,
    decision: Decision.APPROVE,
    decidedBy: demoHr('trust'),
  });

  // The reablement worker did the trust's bank induction: Ward 7's mandatory training, verified by the trust (and
  // accepted by the council), so her passport is ready there.
  if (claimant) {
    const obtainedOn = addDays(today, -20);
    for (const code of DEMO_TEAM_SKILLS.ward7) {
      const skill = await em.getRepository(SkillEntity).findOneByOrFail({ code });
      await em.getRepository(CredentialEntity).insert({
        staffId: claimant,
        skillId: skill.id,
        obtainedOn,
        expiresOn: addDays(obtainedOn, 365),
        evidenceReference: `BANK-INDUCTION-${code}`,
        verifiedByOrganisationId: trust,
        verifiedAt: new Date(`${obtainedOn}T12:00:00Z`),
        revokedAt: null,
        revocationReason: null,
        acceptance: CredentialAcceptance.ACCEPTED,
        recordedBy: demoHr('trust'),
        decidedBy: demoHr('council'),
        decidedAt: new Date(`${obtainedOn}T15:00:00Z`),
        declineReason: null,
      });
    }
  }

  // A day shift of Ward 7's published rota, two or more days ahead, with the claimant free for twelve hours either
  // side of it (daily rest kept).
  const [shift] = (await em.query(
    `SELECT s.id FROM shift s
       JOIN rota r ON r.id = s.rota_id AND r.status = 'PUBLISHED'
      WHERE s.team_id = $1 AND s.local_date >= $2 AND s.cancelled_at IS NULL AND s.start_time BETWEEN '06:00' AND '15:00'
        AND NOT EXISTS (SELECT 1 FROM assignment a
                         WHERE a.staff_id = $3 AND a.cancelled_at IS NULL
                           AND a.starts_at < s.ends_at + interval '12 hours'
                           AND a.ends_at > s.starts_at - interval '12 hours')
      ORDER BY s.local_date, s.start_time LIMIT 1`,
    [ids.teams.ward7, addDays(today, 2), claimant ?? '00000000-0000-0000-0000-000000000000'],
  )) as Array<{ id: string }>;
  if (shift) {
    await em.getRepository(OpenShiftEntity).insert({
      shiftId: shift.id,
      teamId: ids.teams.ward7,
      organisationId: trust,
      places: 1,
      skillIds: [],
      note: 'Short of one on the early: bay 3, six patients.',
      includePartners: true,
      autoApproveOwnStaff: false,
      status: OpenShiftStatus.OPEN,
      publishedBy: 'demo-manager-ward7',
    });
  }
  return true;
}
