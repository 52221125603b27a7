import type { CredentialEntity } from './credential.entity.js';
import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Role, type Actor } from '../../common/auth/actor.js';
import { Allow, AUTHENTICATED } from '../../common/auth/allow.decorator.js';
import { CurrentActor } from '../../common/auth/current-actor.decorator.js';
import { IdArg } from '../../common/graphql/id-arg.js';
import type { GraphQLResolveInfo } from 'graphql';
import type { GraphQLContext } from '../../common/graphql/graphql-context.js';
import type { Loaders } from '../../common/graphql/loaders.js';
import { selectsField, type PlainResolvers } from '../../common/graphql/plain-resolvers.js';
import { LocalDate } from '../../common/graphql/scalars.js';
import { localDateOf } from '../../rota-core/dates.js';
import { isValidOn } from '../../rota-core/passport.js';
import type { OrganisationEntity } from '../organisations/organisation.entity.js';
import { organisationById, teamById } from '../organisations/organisations.loaders.js';
import { Organisation, Team } from '../organisations/organisations.types.js';
import { skillById } from '../skills/skills.loaders.js';
import { Skill } from '../skills/skills.types.js';
import { staffById } from '../staff/staff.loaders.js';
import { StaffMember } from '../staff/staff.types.js';
import {
  acceptanceLinesByOrganisationId,
  CREDENTIAL_DERIVED,
  credentialsByStaffId,
} from './passport.loaders.js';
import { selectedProperties } from '../../common/graphql/selected-properties.js';
import { PassportService, toAcceptance } from './passport.service.js';
import { CredentialAcceptance } from './credential.enums.js';
import {
  Credential,
  CredentialConnection,
  CredentialsAwaitingAcceptanceArgs,
  CredentialStatus,
  PassportAcceptance,
  AcceptCredentialInput,
  DeclineCredentialInput,
  PassportAcceptanceChangeInput,
  RevokeCredentialInput,
  PassportAcceptanceInput,
  PassportGap,
  PassportReadiness,
  RecordCredentialInput,
} from './passport.types.js';
import { listOf } from '../../common/graphql/query-cost.js';

@Resolver(() => Credential)
export class CredentialResolver {
  constructor(private readonly service: PassportService) {}

  @Mutation(() => Credential, {
    description:
      'Records a credential your organisation has verified. For your own staff it counts at once; for another organisation’s staff it is PENDING_ACCEPTANCE until their employer’s HR accepts it.',
  })
  @Allow(Role.HR)
  recordCredential(@CurrentActor() actor: Actor, @Args('input') input: RecordCredentialInput) {
    return this.service.recordCredential(actor, input);
  }

  @Mutation(() => Credential, {
    description:
      'HR of the person’s employer accepts a credential another organisation attested: from now on it counts.',
  })
  @Allow(Role.HR)
  acceptCredential(@CurrentActor() actor: Actor, @Args('input') input: AcceptCredentialInput) {
    return this.service.acceptCredential(actor, input.credentialId);
  }

  @Mutation(() => Credential, {
    description:
      'HR of the person’s employer declines a credential another organisation attested (kept, never counts).',
  })
  @Allow(Role.HR)
  declineCredential(@CurrentActor() actor: Actor, @Args('input') input: DeclineCredentialInput) {
    return this.service.declineCredential(actor, input.credentialId, input.reason);
  }

  @Query(() => CredentialConnection, {
    description:
      'Credentials other organisations attested for your staff, waiting for you to accept or decline.',
  })
  @Allow(Role.HR)
  credentialsAwaitingAcceptance(
    @CurrentActor() actor: Actor,
    @IdArg('organisationId') organisationId: string,
    @Args() args: CredentialsAwaitingAcceptanceArgs,
  ) {
    return this.service.awaitingAcceptance(actor, organisationId, args);
  }

  @ResolveField(() => StaffMember)
  staff(@Parent() c: Credential, @Context('loaders') loaders: Loaders) {
    return loaders.get(staffById).load(c.staffId);
  }

  @Mutation(() => Credential, {
    description: 'Revokes a credential (kept, marked revoked, never counts again).',
  })
  @Allow(Role.HR)
  revokeCredential(@CurrentActor() actor: Actor, @Args('input') input: RevokeCredentialInput) {
    return this.service.revokeCredential(actor, input.credentialId, input.reason);
  }

  @ResolveField(() => Skill)
  skill(@Parent() c: Credential, @Context('loaders') loaders: Loaders) {
    return loaders.read(skillById, c.skillId);
  }

  @ResolveField(() => Organisation, {
    description: 'The organisation that vouches for it (`recordedBy` is the person who recorded it).',
  })
  verifiedByOrganisation(@Parent() c: Credential, @Context('loaders') loaders: Loaders) {
    return loaders.get(organisationById).load(c.verifiedByOrganisationId);
  }

  @ResolveField(() => CredentialStatus, { description: 'On `on` (default: today, UK time).' })
  status(@Parent() c: Credential, @Args('on', { type: () => LocalDate, nullable: true }) on?: string) {
    const date = on ?? localDateOf(new Date());
    if (c.revokedAt) return CredentialStatus.REVOKED;
    if (c.acceptance === CredentialAcceptance.DECLINED) return CredentialStatus.DECLINED;
    if (c.acceptance === CredentialAcceptance.PENDING_ACCEPTANCE) return CredentialStatus.PENDING_ACCEPTANCE;
    if (isValidOn({ ...c, revoked: false }, date)) return CredentialStatus.VALID;
    return date < c.obtainedOn ? CredentialStatus.NOT_YET_VALID : CredentialStatus.EXPIRED;
  }
}

/**
 * A page of people with their passports, as plain resolvers (see plain-resolvers.ts): each person's credentials,
 * with the people (for the credentials' visibility) and the skills loaded in one batch, each read without a promise.
 */
export const PASSPORT_READ_PATH: PlainResolvers = {
  'StaffMember.credentials': (
    staff: StaffMember,
    { includeRevoked, includeDeclined }: { includeRevoked?: boolean; includeDeclined?: boolean },
    { loaders },
    info: GraphQLResolveInfo | undefined,
  ) => {
    const loader = credentialsByStaffId.only(selectedProperties(info, CREDENTIAL_DERIVED));
    const shownOf = (all: CredentialEntity[]) =>
      all.filter(
        (c) =>
          (includeRevoked || !c.revokedAt) &&
          (includeDeclined || c.acceptance !== CredentialAcceptance.DECLINED),
      );
    const wantsSkill = !info || selectsField(info, 'skill');
    // Known already (the list above prefetched every person's): no promise for this person.
    const known = loaders.peek(loader, staff.id);
    if (known !== undefined) {
      const shown = shownOf(known);
      const ready =
        shown.length === 0 ||
        (loaders.peekRow(staffById, staff.id) !== undefined &&
          (!wantsSkill || shown.every((c) => loaders.peek(skillById, c.skillId) !== undefined)));
      if (ready) return shown;
    }
    return (async () => {
      const shown = shownOf(await loaders.get(loader).load(staff.id));
      if (shown.length) {
        await Promise.all([
          // The owner's visibility subject, unless the list above already read it.
          loaders.peekRow(staffById, staff.id) ? undefined : loaders.prefetch(staffById.only([]), [staff.id]),
          wantsSkill
            ? loaders.prefetch(
                skillById,
                shown.map((c) => c.skillId),
              )
            : undefined,
        ]);
      }
      return shown;
    })();
  },
  'Credential.skill': (c: Credential, _args, { loaders }) => loaders.read(skillById, c.skillId),
};

@Resolver(() => StaffMember)
export class StaffPassportResolver {
  @ResolveField(() => [Credential], {
    complexity: listOf(25),
    description: 'Their skills passport, oldest first: accepted and pending credentials (see `acceptance`).',
  })
  async credentials(
    @Parent() staff: StaffMember,
    @Context('loaders') loaders: Loaders,
    @Args('includeRevoked', { nullable: true, defaultValue: false }) includeRevoked: boolean,
    @Args('includeDeclined', { nullable: true, defaultValue: false }) includeDeclined: boolean,
  ) {
    return PASSPORT_READ_PATH['StaffMember.credentials']!(
      staff,
      { includeRevoked, includeDeclined },
      { loaders } as GraphQLContext,
      undefined as never,
    );
  }
}

@Resolver(() => PassportAcceptance)
export class PassportAcceptanceResolver {
  constructor(private readonly service: PassportService) {}

  @Mutation(() => PassportAcceptance, {
    description:
      'Adds and removes skills and verifying organisations your organisation accepts from the other sector; the rest stays.',
  })
  @Allow(Role.HR)
  changePassportAcceptance(
    @CurrentActor() actor: Actor,
    @Args('input') input: PassportAcceptanceChangeInput,
  ) {
    return this.service.changeAcceptance(actor, input.organisationId, input, input.expectedVersion);
  }

  @Mutation(() => PassportAcceptance, {
    description:
      'Replaces everything your organisation accepts from the other sector — only from the current version (CONFLICT when stale). Prefer changePassportAcceptance.',
  })
  @Allow(Role.HR)
  setPassportAcceptance(@CurrentActor() actor: Actor, @Args('input') input: PassportAcceptanceInput) {
    return this.service.setAcceptance(actor, input.organisationId, input, input.expectedVersion);
  }

  @Query(() => PassportReadiness, {
    description:
      "Whether a person's credentials meet a team's required skills on a date, and the gaps if not.",
  })
  @Allow(AUTHENTICATED)
  passportReadiness(
    @CurrentActor() actor: Actor,
    @IdArg('staffId') staffId: string,
    @IdArg('teamId') teamId: string,
    @Args('on', { type: () => LocalDate, nullable: true, description: 'Default: today in the team’s zone.' })
    on?: string,
  ) {
    return this.service.readiness(actor, staffId, teamId, on);
  }

  @ResolveField(() => [Skill], { complexity: listOf(40) })
  skills(@Parent() a: PassportAcceptance, @Context('loaders') loaders: Loaders) {
    return loaders.get(skillById).loadMany(a.skillIds);
  }

  @ResolveField(() => [Organisation], { complexity: listOf(10) })
  verifyingOrganisations(@Parent() a: PassportAcceptance, @Context('loaders') loaders: Loaders) {
    return loaders.get(organisationById).loadMany(a.verifyingOrganisationIds);
  }
}

@Resolver(() => Organisation)
export class OrganisationPassportResolver {
  @ResolveField(() => PassportAcceptance, { description: 'What it accepts from the other sector.' })
  async passportAcceptance(@Parent() org: OrganisationEntity, @Context('loaders') loaders: Loaders) {
    return toAcceptance(org, await loaders.get(acceptanceLinesByOrganisationId).load(org.id));
  }
}

@Resolver(() => PassportReadiness)
export class PassportReadinessResolver {
  @ResolveField(() => StaffMember)
  staff(@Parent() r: PassportReadiness, @Context('loaders') loaders: Loaders) {
    return loaders.get(staffById).load(r.staffId);
  }

  @ResolveField(() => Team)
  team(@Parent() r: PassportReadiness, @Context('loaders') loaders: Loaders) {
    return loaders.get(teamById).load(r.teamId);
  }
}

@Resolver(() => PassportGap)
export class PassportGapResolver {
  @ResolveField(() => Skill)
  skill(@Parent() g: PassportGap, @Context('loaders') loaders: Loaders) {
    return loaders.get(skillById).load(g.skillId);
  }
}
