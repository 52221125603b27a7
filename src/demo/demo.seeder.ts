import type { DataSource, EntityManager } from 'typeorm';
import { Role } from '../common/auth/actor.js';
import type { MintOptions } from '../common/auth/token.service.js';
import { addDays, addMonths, localDateOf } from '../rota-core/dates.js';
import { OrganisationEntity } from '../modules/organisations/organisation.entity.js';
import { TeamRequiredSkillEntity } from '../modules/organisations/team-required-skill.entity.js';
import { TeamEntity } from '../modules/organisations/team.entity.js';
import { CredentialEntity } from '../modules/passport/credential.entity.js';
import { CredentialAcceptance } from '../modules/passport/credential.enums.js';
import { PassportAcceptanceEntity } from '../modules/passport/passport-acceptance.entity.js';
import { SkillEntity } from '../modules/skills/skill.entity.js';
import { StaffMemberEntity } from '../modules/staff/staff-member.entity.js';
import { AppUserEntity } from '../modules/users/user.entity.js';
import { RuleProfile, StaffGroup } from '../modules/staff/staff.enums.js';
import { DEMO_ORGANISATIONS, demoHr, type DemoOrganisationKey, type DemoTeamKey } from './demo-area.js';
import { DEMO_ACCEPTANCE, DEMO_TEAM_SKILLS, demoPeople, prng } from './demo-people.js';
import { mondayOf, seedDemoRotas } from './demo-rotas.js';
import { seedDemoPartnerships } from './demo-partnerships.js';
import { seedDemoBank } from './demo-bank.js';

/** The ids of the demo area's rows, by key. */
export interface DemoIds {
  organisations: Record<DemoOrganisationKey, string>;
  teams: Record<DemoTeamKey, string>;
  /** Demo staff by employee number. */
  staff: Record<string, string>;
}

export interface SeedResult {
  created: boolean;
  ids: DemoIds;
}

/** True when the database holds no organisations at all (a fresh install). */
export async function isEmpty(dataSource: DataSource): Promise<boolean> {
  return (await dataSource.getRepository(OrganisationEntity).count()) === 0;
}

async function upsertOrganisations(em: EntityManager, ids: DemoIds): Promise<boolean> {
  const orgRepo = em.getRepository(OrganisationEntity);
  const teamRepo = em.getRepository(TeamEntity);
  let created = false;
  for (const o of DEMO_ORGANISATIONS) {
    let org = await orgRepo.findOneBy({ name: o.name });
    if (!org) {
      org = await orgRepo.save(
        orgRepo.create({
          name: o.name,
          kind: o.kind,
          sector: o.sector,
          odsCode: o.odsCode,
          cqcProviderId: o.cqcProviderId,
        }),
      );
      created = true;
    }
    ids.organisations[o.key] = org.id;
    for (const t of o.teams) {
      let team = await teamRepo.findOneBy({ organisationId: org.id, name: t.name });
      if (!team) {
        team = await teamRepo.save(
          teamRepo.create({ organisationId: org.id, name: t.name, kind: t.kind, timeZone: 'Europe/London' }),
        );
        const skills = await skillIdsByCode(em);
        await em
          .getRepository(TeamRequiredSkillEntity)
          .insert(DEMO_TEAM_SKILLS[t.key].map((code) => ({ teamId: team!.id, skillId: skills.get(code)! })));
        created = true;
      }
      ids.teams[t.key] = team.id;
    }
  }
  return created;
}

async function skillIdsByCode(em: EntityManager): Promise<Map<string, string>> {
  const skills = await em.getRepository(SkillEntity).find({ select: { id: true, code: true } });
  return new Map(skills.map((s) => [s.code, s.id]));
}

async function seedAcceptance(em: EntityManager, ids: DemoIds): Promise<void> {
  const repo = em.getRepository(PassportAcceptanceEntity);
  const skills = await skillIdsByCode(em);
  for (const [key, policy] of Object.entries(DEMO_ACCEPTANCE) as Array<
    [DemoOrganisationKey, { skills: string[]; verifiers: DemoOrganisationKey[] }]
  >) {
    const organisationId = ids.organisations[key];
    if ((await repo.countBy({ organisationId })) > 0) continue;
    await repo.insert([
      ...policy.skills.map((code) => ({
        organisationId,
        skillId: skills.get(code)!,
        verifyingOrganisationId: null,
      })),
      ...policy.verifiers.map((v) => ({
        organisationId,
        skillId: null,
        verifyingOrganisationId: ids.organisations[v],
      })),
    ]);
  }
}

/**
 * The demo workforce and their passports. Dates are relative to the seeding day, so whenever the demo is
 * started some credentials are expiring within weeks and some have expired; a share of them were verified by
 * the other sector (trust-run moving-and-handling for council reablement workers, council DBS checks for the
 * trust's discharge therapists, trust infection-control training for Riverside's carers) — attested by the
 * verifier's HR and accepted by the employer's. Two trust-attested fire-safety refreshers of council reablement
 * workers still wait for the council's HR to accept them.
 */
async function seedStaff(em: EntityManager, ids: DemoIds, today: string): Promise<boolean> {
  const staffRepo = em.getRepository(StaffMemberEntity);
  const people = demoPeople();
  if (
    await staffRepo.existsBy({
      employeeNumber: people[0]!.employeeNumber,
      employerId: ids.organisations.trust,
    })
  ) {
    for (const s of await staffRepo.find({ select: { id: true, employeeNumber: true } })) {
      if (s.employeeNumber) ids.staff[s.employeeNumber] = s.id;
    }
    return false;
  }
  const skills = await skillIdsByCode(em);
  const validity = new Map(
    (await em.getRepository(SkillEntity).find()).map((s) => [s.code, s.defaultValidityMonths]),
  );
  const random = prng(1833);
  const credentials: Array<Partial<CredentialEntity>> = [];
  for (const p of people) {
    const employerId = ids.organisations[p.role.organisation];
    const staff = await staffRepo.save(
      staffRepo.create({
        givenName: p.givenName,
        familyName: p.familyName,
        email: `${p.givenName}.${p.familyName}.${p.employeeNumber}@demo.tandem.invalid`.toLowerCase(),
        phone: null,
        employerId,
        employeeNumber: p.employeeNumber,
        staffGroup: p.role.staffGroup,
        jobTitle: p.role.jobTitle,
        payFramework: p.role.payFramework,
        payGrade: p.grade,
        contractedHoursPerWeek: p.hours,
        workingTimeOptOut: p.optOut,
        optOutSignedOn: p.optOut ? addDays(today, -Math.floor(random() * 700) - 30) : null,
        dateOfBirth: addDays(addMonths(today, -12 * p.age), -Math.floor(random() * 360) - 1),
        ruleProfile: p.role.ruleProfile ?? RuleProfile.STANDARD,
        homeTeamId: ids.teams[p.role.team],
        active: true,
      }),
    );
    ids.staff[p.employeeNumber] = staff.id;
    const codes = [...DEMO_TEAM_SKILLS[p.role.team], ...(p.role.extraSkills ?? []), 'RIGHT_TO_WORK'];
    for (const code of new Set(codes)) {
      if (random() < 0.01) continue; // a few people simply lack one
      const months = validity.get(code) ?? null;
      const r = random();
      let obtainedOn: string;
      let expiresOn: string | null;
      if (months === null) {
        obtainedOn = addDays(today, -30 - Math.floor(random() * 1500));
        expiresOn = null;
      } else {
        // 3 % expired, 10 % expiring within 45 days, the rest valid for longer.
        const offset =
          r < 0.03
            ? -1 - Math.floor(random() * 200)
            : r < 0.13
              ? 1 + Math.floor(random() * 45)
              : 46 + Math.floor(random() * 300);
        expiresOn = addDays(today, Math.min(offset, months * 30 - 1));
        obtainedOn = addMonths(expiresOn, -months);
      }
      let verifier: DemoOrganisationKey = p.role.organisation;
      if (code === 'CSTF_MOVING_HANDLING_L2' && p.role.team === 'reablementWest' && random() < 0.35)
        verifier = 'trust';
      if (
        code === 'CSTF_IPC_L2' &&
        p.role.team === 'oakHouse' &&
        Number(p.employeeNumber.slice(2)) % 6 === 0
      ) {
        verifier = 'trust';
      }
      if (
        code === 'DBS_ENHANCED_ADULTS_BARRED' &&
        p.role.team === 'dischargeHub' &&
        p.role.staffGroup === StaffGroup.ALLIED_HEALTH
      ) {
        verifier = 'council';
      }
      credentials.push({
        staffId: staff.id,
        skillId: skills.get(code)!,
        obtainedOn,
        expiresOn,
        evidenceReference: `${code.slice(0, 4)}-${p.employeeNumber}-${obtainedOn.slice(0, 4)}`,
        verifiedByOrganisationId: ids.organisations[verifier],
        verifiedAt: new Date(`${obtainedOn}T12:00:00Z`),
        revokedAt: null,
        revocationReason: null,
        acceptance: CredentialAcceptance.ACCEPTED,
        recordedBy: demoHr(verifier),
        decidedBy: demoHr(p.role.organisation),
        decidedAt: new Date(`${obtainedOn}T12:00:00Z`),
        declineReason: null,
      });
    }
  }
  // Waiting for the council's HR: the trust attests refresher training it ran for two reablement workers.
  const attested = people.filter((p) => p.role.team === 'reablementWest').slice(1, 3);
  for (const p of attested) {
    const staffId = ids.staff[p.employeeNumber]!;
    const skillId = skills.get('CSTF_FIRE_SAFETY')!;
    let obtainedOn = addDays(today, -10);
    while (
      credentials.some((c) => c.staffId === staffId && c.skillId === skillId && c.obtainedOn === obtainedOn)
    )
      obtainedOn = addDays(obtainedOn, -1);
    credentials.push({
      staffId,
      skillId,
      obtainedOn,
      expiresOn: addMonths(obtainedOn, validity.get('CSTF_FIRE_SAFETY') ?? 24),
      evidenceReference: `FIRE-${p.employeeNumber}-TRUST`,
      verifiedByOrganisationId: ids.organisations.trust,
      verifiedAt: new Date(`${obtainedOn}T12:00:00Z`),
      revokedAt: null,
      revocationReason: null,
      acceptance: CredentialAcceptance.PENDING_ACCEPTANCE,
      recordedBy: demoHr('trust'),
      decidedBy: null,
      decidedAt: null,
      declineReason: null,
    });
  }
  await em.getRepository(CredentialEntity).insert(credentials);
  return true;
}

/**
 * Writes the demo area, one transaction, idempotent: rows already there (matched by name or employee number)
 * are kept, missing ones added. Safe to run twice.
 */
export async function seedDemo(
  dataSource: DataSource,
  now = new Date(),
  options: SeedOptions = {},
): Promise<SeedResult> {
  return dataSource.transaction(async (em) => {
    const ids: DemoIds = { organisations: {}, teams: {}, staff: {} } as DemoIds;
    const today = localDateOf(now);
    const orgs = await upsertOrganisations(em, ids);
    await seedAcceptance(em, ids);
    const staff = await seedStaff(em, ids, today);
    const rotas = await seedDemoRotas(em, ids.teams, today);
    const partnerships = await seedDemoPartnerships(em, ids, today, mondayOf(today));
    const bank = await seedDemoBank(em, ids, today, firstIn(ids, 'reablementWest').staffId);
    await seedDemoUsers(em, ids);
    if (options.recordViolations && (rotas || partnerships)) {
      const published: Array<{ id: string; teamId: string }> = await em.query(
        `SELECT id, team_id AS "teamId" FROM rota WHERE status = 'PUBLISHED' AND team_id = ANY($1) ORDER BY start_date`,
        [Object.values(ids.teams)],
      );
      for (const rota of published) await options.recordViolations(em, rota);
    }
    return { created: orgs || staff || rotas || partnerships || bank, ids };
  });
}

/** The people behind the demo tokens and the seeded records, by name (as their first write would record them). */
async function seedDemoUsers(em: EntityManager, ids: DemoIds): Promise<void> {
  const users = [
    ...demoUsers(ids).map((u) => ({ subject: u.subject, name: u.name ?? null, staffId: u.staffId ?? null })),
    { subject: 'demo-seed', name: 'Demo data', staffId: null },
    { subject: 'demo-manager', name: 'A demo manager', staffId: null },
  ];
  await em.getRepository(AppUserEntity).createQueryBuilder().insert().values(users).orIgnore().execute();
}

export interface SeedOptions {
  /** Stores a published rota's violations (the compliance report's source), as publishing does. */
  recordViolations?: (em: EntityManager, rota: { id: string; teamId: string }) => Promise<void>;
}

/** The ids of an already-seeded demo area, or undefined when it is not there. */
export async function findDemo(dataSource: DataSource): Promise<DemoIds | undefined> {
  const ids = { organisations: {}, teams: {}, staff: {} } as DemoIds;
  for (const o of DEMO_ORGANISATIONS) {
    const org = await dataSource.getRepository(OrganisationEntity).findOneBy({ name: o.name });
    if (!org) return undefined;
    ids.organisations[o.key] = org.id;
    for (const t of o.teams) {
      const team = await dataSource
        .getRepository(TeamEntity)
        .findOneBy({ organisationId: org.id, name: t.name });
      if (!team) return undefined;
      ids.teams[t.key] = team.id;
    }
  }
  const staff = await dataSource
    .getRepository(StaffMemberEntity)
    .createQueryBuilder('s')
    .select(['s.id', 's.employeeNumber'])
    .where('s.employer_id = ANY(:orgs)', { orgs: Object.values(ids.organisations) })
    .andWhere('s.employee_number IS NOT NULL')
    .getMany();
  for (const s of staff) ids.staff[s.employeeNumber!] = s.id;
  return ids;
}

/** The first demo person working in a team (for the printed staff tokens). */
function firstIn(ids: DemoIds, team: DemoTeamKey): { staffId?: string; name: string } {
  const p = demoPeople().find((x) => x.role.team === team)!;
  return { staffId: ids.staff[p.employeeNumber], name: `${p.givenName} ${p.familyName}` };
}

/** The demo users whose tokens are printed at start. */
export function demoUsers(ids: DemoIds): Array<{ label: string } & MintOptions> {
  const reablementWorker = firstIn(ids, 'reablementWest');
  const wardNurse = firstIn(ids, 'ward7');
  const users: Array<{ label: string } & MintOptions> = [
    { label: 'Admin', subject: 'demo-admin', name: 'Demo Administrator', roles: [Role.ADMIN] },
    {
      label: 'HR – NHS trust',
      subject: 'demo-hr-trust',
      name: 'Priya Shah (HR, trust)',
      roles: [Role.HR],
      organisationIds: [ids.organisations.trust],
    },
    {
      label: 'HR – council',
      subject: 'demo-hr-council',
      name: 'Tom Hughes (HR, council)',
      roles: [Role.HR],
      organisationIds: [ids.organisations.council],
    },
    {
      label: 'Manager – Ward 7 and the discharge hub',
      subject: 'demo-manager-ward7',
      name: 'Grace Okafor (ward manager)',
      roles: [Role.MANAGER],
      organisationIds: [ids.organisations.trust],
      teamIds: [ids.teams.ward7, ids.teams.dischargeHub],
    },
    {
      label: 'Manager – Reablement West',
      subject: 'demo-manager-reablement',
      name: 'Sian Davies (reablement manager)',
      roles: [Role.MANAGER],
      organisationIds: [ids.organisations.council],
      teamIds: [ids.teams.reablementWest],
    },
  ];
  if (reablementWorker.staffId) {
    users.push({
      label: 'Staff – reablement support worker (council)',
      subject: 'demo-staff-reablement',
      name: reablementWorker.name,
      roles: [Role.STAFF],
      organisationIds: [ids.organisations.council],
      staffId: reablementWorker.staffId,
    });
  }
  if (wardNurse.staffId) {
    users.push({
      label: 'Staff – Ward 7 nurse (trust)',
      subject: 'demo-staff-ward7',
      name: wardNurse.name,
      roles: [Role.STAFF],
      organisationIds: [ids.organisations.trust],
      staffId: wardNurse.staffId,
    });
  }
  return users;
}
