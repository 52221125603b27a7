import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Access } from '../../common/auth/access.js';
import type { Actor } from '../../common/auth/actor.js';
import { BadUserInputError, ConflictError, NotFoundError } from '../../common/errors/domain-error.js';
import { ChecksService } from '../checks/checks.service.js';
import { TeamEntity } from '../organisations/team.entity.js';
import { RotaChangeEntity } from './rota-change.entity.js';
import { RotaEntity } from './rota.entity.js';
import { RotaStatus } from './rota.enums.js';
import type { RotaChangeInput } from './rotas.types.js';

export interface LockedRota {
  rota: RotaEntity;
  team: TeamEntity;
}

/**
 * The first step of every write to a rota, inside the write's transaction: lock the rota row (so concurrent
 * writers queue), check the caller manages the team, refuse a stale `expectedVersion` (CONFLICT) and a change to
 * a published rota without a reason (BAD_USER_INPUT).
 */
export async function lockRotaForChange(
  em: EntityManager,
  actor: Actor,
  rotaId: string,
  change: RotaChangeInput | undefined,
  field = 'rotaId',
): Promise<LockedRota> {
  const rota = await em
    .getRepository(RotaEntity)
    .findOne({ where: { id: rotaId }, lock: { mode: 'pessimistic_write' } });
  if (!rota) throw new NotFoundError('Rota', rotaId, field);
  const team = await em.getRepository(TeamEntity).findOneByOrFail({ id: rota.teamId });
  Access.assert(Access.managesRotas(actor, team), `rotas of ${team.name}`);
  if (change?.expectedVersion && change.expectedVersion !== rota.version) {
    throw new ConflictError(
      `The rota has changed since version ${change.expectedVersion} (it is now version ${rota.version}): reload it and try again`,
      { currentVersion: rota.version, field: 'input.expectedVersion' },
    );
  }
  if (rota.status === RotaStatus.PUBLISHED && !change?.reason?.trim()) {
    throw new BadUserInputError(
      'the rota is published: say why it changes (staff and auditors see it)',
      'input.reason',
    );
  }
  return { rota, team };
}

/** The last step: bump the version and, on a published rota, keep the change and its reason. */
export async function recordRotaChange(
  em: EntityManager,
  actor: Actor,
  rota: RotaEntity,
  operation: string,
  change: RotaChangeInput | undefined,
  details: Record<string, unknown>,
): Promise<RotaEntity> {
  rota.version += 1;
  const saved = await em.getRepository(RotaEntity).save(rota);
  if (rota.status === RotaStatus.PUBLISHED) {
    const repo = em.getRepository(RotaChangeEntity);
    await repo.save(
      repo.create({
        rotaId: rota.id,
        version: rota.version,
        operation,
        reason: change!.reason!.trim(),
        details,
        changedBy: actor.subject,
      }),
    );
  }
  return saved;
}

/**
 * `recordRotaChange`, and on a published rota the refresh of its stored violations (the compliance report's
 * source), in the same transaction: what was reported is what was published, change by change.
 */
@Injectable()
export class RotaChanges {
  constructor(private readonly checks: ChecksService) {}

  async record(
    em: EntityManager,
    actor: Actor,
    rota: RotaEntity,
    operation: string,
    change: RotaChangeInput | undefined,
    details: Record<string, unknown>,
  ): Promise<RotaEntity> {
    const saved = await recordRotaChange(em, actor, rota, operation, change, details);
    if (rota.status === RotaStatus.PUBLISHED) await this.checks.recordViolations(em, rota);
    return saved;
  }
}
