import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Role, type Actor } from '../../common/auth/actor.js';
import { Allow, AUTHENTICATED } from '../../common/auth/allow.decorator.js';
import { Access } from '../../common/auth/access.js';
import { CurrentActor } from '../../common/auth/current-actor.decorator.js';
import { IdArg } from '../../common/graphql/id-arg.js';
import type { Loaders } from '../../common/graphql/loaders.js';
import { LocalDate } from '../../common/graphql/scalars.js';
import { localDateOf } from '../../rota-core/dates.js';
import { isValidOn } from '../../rota-core/passport.js';
import { organisationById, teamById } from '../organisations/organisations.loaders.js';
import { Organisation, Team } from '../organisations/organisations.types.js';
import { skillById } from '../skills/skills.loaders.js';
import { Skill } from '../skills/skills.types.js';
import { staffById } from '../staff/staff.loaders.js';
import { StaffMember } from '../staff/staff.types.js';
import { acceptanceLinesByOrganisationId, credentialsByStaffId } from './passport.loaders.js';
import { PassportService, toAcceptance } from './passport.service.js';
import {
  Credential,
  CredentialStatus,
  PassportAcceptance,
  PassportAcceptanceInput,
  PassportGap,
  PassportReadiness,
  RecordCredentialInput,
} from './passport.types.js';
import { listOf } from '../../common/graphql/query-cost.js';

@Resolver(() => Credential)
export class CredentialResolver {
  constructor(private readonly service: PassportService) {}

  @Mutation(() => Credential, { description: 'Records a credential your organisation has verified.' })
  @Allow(Role.HR)
  recordCredential(@CurrentActor() actor: Actor, @Args('input') input: RecordCredentialInput) {
    return this.service.recordCredential(actor, input);
  }

  @Mutation(() => Credential, {
    description: 'Revokes a credential (kept, marked revoked, never counts again).',
  })
  @Allow(Role.HR)
  revokeCredential(@CurrentActor() actor: Actor, @IdArg() id: string, @Args('reason') reason: string) {
    return this.service.revokeCredential(actor, id, reason);
  }

  @ResolveField(() => Skill)
  skill(@Parent() c: Credential, @Context('loaders') loaders: Loaders) {
    return loaders.get(skillById).load(c.skillId);
  }

  @ResolveField(() => Organisation)
  verifiedBy(@Parent() c: Credential, @Context('loaders') loaders: Loaders) {
    return loaders.get(organisationById).load(c.verifiedByOrganisationId);
  }

  @ResolveField(() => CredentialStatus, { description: 'On `on` (default: today, UK time).' })
  status(@Parent() c: Credential, @Args('on', { type: () => LocalDate, nullable: true }) on?: string) {
    const date = on ?? localDateOf(new Date());
    if (c.revokedAt) return CredentialStatus.REVOKED;
    if (isValidOn({ ...c, revoked: false }, date)) return CredentialStatus.VALID;
    return date < c.obtainedOn ? CredentialStatus.NOT_YET_VALID : CredentialStatus.EXPIRED;
  }
}

@Resolver(() => StaffMember)
export class StaffPassportResolver {
  @ResolveField(() => [Credential], {
    complexity: listOf(25),
    description: 'Their skills passport, oldest first.',
  })
  async credentials(
    @CurrentActor() actor: Actor,
    @Parent() staff: StaffMember,
    @Context('loaders') loaders: Loaders,
    @Args('includeRevoked', { nullable: true, defaultValue: false }) includeRevoked: boolean,
  ) {
    if (!Access.viewsStaff(actor, staff)) return [];
    const all = await loaders.get(credentialsByStaffId).load(staff.id);
    return includeRevoked ? all : all.filter((c) => !c.revokedAt);
  }
}

@Resolver(() => PassportAcceptance)
export class PassportAcceptanceResolver {
  constructor(private readonly service: PassportService) {}

  @Mutation(() => PassportAcceptance, {
    description:
      'Replaces the skills and verifying organisations your organisation accepts from the other sector.',
  })
  @Allow(Role.HR)
  setPassportAcceptance(
    @CurrentActor() actor: Actor,
    @IdArg('organisationId') organisationId: string,
    @Args('input') input: PassportAcceptanceInput,
  ) {
    return this.service.setAcceptance(actor, organisationId, input);
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
  async passportAcceptance(@Parent() org: Organisation, @Context('loaders') loaders: Loaders) {
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
