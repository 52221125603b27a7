import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TransactionRunner } from '../../common/database/transaction.js';
import { ConflictError, NotFoundError } from '../../common/errors/domain-error.js';
import { SkillEntity } from './skill.entity.js';
import type { CreateSkillInput, SkillFilter } from './skills.types.js';

@Injectable()
export class SkillsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
  ) {}

  list(filter?: SkillFilter): Promise<SkillEntity[]> {
    const qb = this.dataSource.getRepository(SkillEntity).createQueryBuilder('s').orderBy('s.code', 'ASC');
    if (filter?.kind) qb.andWhere('s.kind = :kind', { kind: filter.kind });
    if (filter?.search) {
      qb.andWhere(`(s.code ILIKE :q ESCAPE '\\' OR s.name ILIKE :q ESCAPE '\\')`, {
        q: `%${filter.search.replace(/[\\%_]/g, '\\$&')}%`,
      });
    }
    return qb.getMany();
  }

  create(input: CreateSkillInput): Promise<SkillEntity> {
    return this.tx.run(
      (em) =>
        em.getRepository(SkillEntity).save(
          em.getRepository(SkillEntity).create({
            code: input.code,
            name: input.name.trim(),
            kind: input.kind,
            defaultValidityMonths: input.defaultValidityMonths ?? null,
            description: input.description ?? null,
          }),
        ),
      {
        constraints: {
          uq_skill_code: () =>
            new ConflictError(`A skill with code ${input.code} already exists`, { field: 'input.code' }),
        },
      },
    );
  }

  /** Loads skills by id, failing with NOT_FOUND (naming `field`) on the first unknown one. */
  async requireAll(
    ids: readonly string[],
    field: string,
    em = this.dataSource.manager,
  ): Promise<SkillEntity[]> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return [];
    const found = await em
      .getRepository(SkillEntity)
      .createQueryBuilder('s')
      .where('s.id = ANY(:ids)', { ids: unique })
      .getMany();
    const missing = unique.find((id) => !found.some((s) => s.id === id));
    if (missing) throw new NotFoundError('Skill', missing, field);
    return found;
  }
}
