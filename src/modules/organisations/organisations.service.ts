import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Access } from '../../common/auth/access.js';
import type { Actor } from '../../common/auth/actor.js';
import { TransactionRunner } from '../../common/database/transaction.js';
import { BadUserInputError, ConflictError, NotFoundError } from '../../common/errors/domain-error.js';
import { type ConnectionShape, paginate } from '../../common/graphql/pagination.js';
import { OrganisationEntity } from './organisation.entity.js';
import { OrganisationKind, SECTOR_OF_KIND, Sector } from './organisation.enums.js';
import type {
  CreateOrganisationInput,
  OrganisationsArgs,
  UpdateOrganisationInput,
} from './organisations.types.js';

export const ORGANISATION_CONSTRAINTS = {
  uq_organisation_name: () =>
    new ConflictError('An organisation with that name already exists', { field: 'input.name' }),
  uq_organisation_ods_code: () =>
    new ConflictError('Another organisation has that ODS code', { field: 'input.odsCode' }),
  uq_organisation_cqc_provider_id: () =>
    new ConflictError('Another organisation has that CQC provider id', { field: 'input.cqcProviderId' }),
  ck_organisation_kind_sector: () =>
    new BadUserInputError('That sector does not match the kind of organisation', 'input.sector'),
};

/** Decides an organisation's sector from its kind and the sector asked for (domain.md, "Sectors and organisations"). */
export function resolveSector(kind: OrganisationKind, asked: Sector | undefined | null): Sector {
  const rule = SECTOR_OF_KIND[kind];
  if (rule.fixed) {
    if (asked && asked !== rule.sector) {
      throw new BadUserInputError(`A ${kind} is always in the ${rule.sector} sector`, 'input.sector');
    }
    return rule.sector!;
  }
  const sector = asked ?? rule.sector;
  if (!sector)
    throw new BadUserInputError(`A ${kind} organisation must say which sector it is in`, 'input.sector');
  return sector;
}

@Injectable()
export class OrganisationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
  ) {}

  list(args: OrganisationsArgs): Promise<ConnectionShape<OrganisationEntity>> {
    const qb = this.dataSource.getRepository(OrganisationEntity).createQueryBuilder('o');
    const f = args.filter;
    if (f?.sector) qb.andWhere('o.sector = :sector', { sector: f.sector });
    if (f?.kind) qb.andWhere('o.kind = :kind', { kind: f.kind });
    if (f?.nameContains) {
      qb.andWhere(`o.name ILIKE :name ESCAPE '\\'`, {
        name: `%${f.nameContains.replace(/[\\%_]/g, '\\$&')}%`,
      });
    }
    return paginate(qb, args, [
      { expression: 'lower(o.name)', value: (o) => o.name.toLowerCase() },
      { expression: 'o.id', value: (o) => o.id },
    ]);
  }

  async get(id: string): Promise<OrganisationEntity> {
    const found = await this.dataSource.getRepository(OrganisationEntity).findOneBy({ id });
    if (!found) throw new NotFoundError('Organisation', id, 'id');
    return found;
  }

  create(input: CreateOrganisationInput): Promise<OrganisationEntity> {
    const sector = resolveSector(input.kind, input.sector);
    return this.tx.run(
      (em) =>
        em.getRepository(OrganisationEntity).save(
          em.getRepository(OrganisationEntity).create({
            name: input.name.trim(),
            kind: input.kind,
            sector,
            odsCode: input.odsCode ?? null,
            cqcProviderId: input.cqcProviderId ?? null,
          }),
        ),
      { constraints: ORGANISATION_CONSTRAINTS },
    );
  }

  update(actor: Actor, id: string, input: UpdateOrganisationInput): Promise<OrganisationEntity> {
    return this.tx.run(
      async (em) => {
        const repo = em.getRepository(OrganisationEntity);
        const org = await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
        if (!org) throw new NotFoundError('Organisation', id, 'input.organisationId');
        Access.assert(Access.administersOrganisation(actor, org.id), `organisation ${org.name}`);
        if (input.name !== undefined) org.name = input.name.trim();
        if (input.sector !== undefined) org.sector = resolveSector(org.kind, input.sector);
        if (input.odsCode !== undefined) org.odsCode = input.odsCode;
        if (input.cqcProviderId !== undefined) org.cqcProviderId = input.cqcProviderId;
        return repo.save(org);
      },
      { constraints: ORGANISATION_CONSTRAINTS },
    );
  }
}
