import type { DataSource, EntityManager } from 'typeorm';
import { Role } from '../common/auth/actor.js';
import type { MintOptions } from '../common/auth/token.service.js';
import { OrganisationEntity } from '../modules/organisations/organisation.entity.js';
import { TeamEntity } from '../modules/organisations/team.entity.js';
import { DEMO_ORGANISATIONS, type DemoOrganisationKey, type DemoTeamKey } from './demo-area.js';

/** The ids of the demo area's rows, by key. */
export interface DemoIds {
  organisations: Record<DemoOrganisationKey, string>;
  teams: Record<DemoTeamKey, string>;
}

export interface SeedResult {
  created: boolean;
  ids: DemoIds;
}

/** True when the database holds no organisations at all (a fresh install). */
export async function isEmpty(dataSource: DataSource): Promise<boolean> {
  return (await dataSource.getRepository(OrganisationEntity).count()) === 0;
}

async function upsertOrganisations(em: EntityManager): Promise<{ ids: DemoIds; created: boolean }> {
  const orgRepo = em.getRepository(OrganisationEntity);
  const teamRepo = em.getRepository(TeamEntity);
  const ids = { organisations: {}, teams: {} } as DemoIds;
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
        created = true;
      }
      ids.teams[t.key] = team.id;
    }
  }
  return { ids, created };
}

/**
 * Writes the demo area, one transaction, idempotent: rows already there (matched by name) are kept, missing
 * ones added. Safe to run twice.
 */
export async function seedDemo(dataSource: DataSource): Promise<SeedResult> {
  return dataSource.transaction(async (em) => upsertOrganisations(em));
}

/** The ids of an already-seeded demo area, or undefined when it is not there. */
export async function findDemo(dataSource: DataSource): Promise<DemoIds | undefined> {
  const ids = { organisations: {}, teams: {} } as DemoIds;
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
  return ids;
}

/** The demo users whose tokens are printed at start. */
export function demoUsers(ids: DemoIds): Array<{ label: string } & MintOptions> {
  return [
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
      label: 'Manager – Ward 7',
      subject: 'demo-manager-ward7',
      name: 'Grace Okafor (Ward 7 manager)',
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
}
