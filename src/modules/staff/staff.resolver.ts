import { Args, Context, Info, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { selectedProperties } from '../../common/graphql/selected-properties.js';
import { Role, type Actor } from '../../common/auth/actor.js';
import { Allow, AUTHENTICATED } from '../../common/auth/allow.decorator.js';
import { CurrentActor } from '../../common/auth/current-actor.decorator.js';
import { IdArg } from '../../common/graphql/id-arg.js';
import type { Loaders } from '../../common/graphql/loaders.js';
import { listOf } from '../../common/graphql/query-cost.js';
import type { PlainResolvers } from '../../common/graphql/plain-resolvers.js';
import { organisationById, teamById } from '../organisations/organisations.loaders.js';
import { Organisation, Team } from '../organisations/organisations.types.js';
import { STAFF_DERIVED, staffById } from './staff.loaders.js';
import { prefetchCredentials } from '../passport/passport.loaders.js';
import type { StaffMemberEntity } from './staff-member.entity.js';
import { StaffService } from './staff.service.js';
import {
  CreateStaffMemberInput,
  Me,
  RuleLimits,
  StaffArgs,
  StaffMember,
  StaffMemberConnection,
  UpdateStaffMemberInput,
} from './staff.types.js';

/** Plain resolvers (see plain-resolvers.ts) for fields every list of people asks for. */
export const STAFF_READ_PATH: PlainResolvers = {
  'StaffMember.name': (staff: Pick<StaffMember, 'givenName' | 'familyName'>) =>
    `${staff.givenName} ${staff.familyName}`,
};

@Resolver(() => StaffMember)
export class StaffResolver {
  constructor(private readonly service: StaffService) {}

  @Query(() => StaffMemberConnection, {
    description:
      'The staff directory (your organisations), by family name, filtered by team, group, skill or name.',
  })
  @Allow(Role.HR, Role.MANAGER)
  async staff(
    @CurrentActor() actor: Actor,
    @Args() args: StaffArgs,
    @Context('loaders') loaders: Loaders,
    @Info() info: GraphQLResolveInfo,
  ) {
    const properties = selectedProperties(info, STAFF_DERIVED, ['edges', 'node']);
    const page = await this.service.list(actor, args, properties);
    // The rows just read are what staffById (or, pruned, its variant) would load: fields below (a credential's
    // owner) need not read them again.
    const loader = staffById.only(properties && [...properties, 'familyName', 'givenName']);
    for (const edge of page.edges) loaders.remember(loader, edge.node.id, edge.node);
    // Their passports in one batch, if asked for (each person's credentials then resolve without a promise).
    await prefetchCredentials(
      loaders,
      page.edges.map((e) => e.node.id),
      info,
      ['edges', 'node', 'credentials'],
    );
    return page;
  }

  @Query(() => StaffMember)
  @Allow(AUTHENTICATED)
  staffMember(@CurrentActor() actor: Actor, @IdArg() id: string) {
    return this.service.get(actor, id);
  }

  @Mutation(() => StaffMember)
  @Allow(Role.HR)
  createStaffMember(@CurrentActor() actor: Actor, @Args('input') input: CreateStaffMemberInput) {
    return this.service.create(actor, input);
  }

  @Mutation(() => StaffMember)
  @Allow(Role.HR)
  updateStaffMember(@CurrentActor() actor: Actor, @Args('input') input: UpdateStaffMemberInput) {
    return this.service.update(actor, input.staffId, input);
  }

  @ResolveField(() => String, { description: 'Given and family name.' })
  name(@Parent() staff: StaffMember) {
    return STAFF_READ_PATH['StaffMember.name']!(staff, {}, undefined as never, undefined as never);
  }

  @ResolveField(() => RuleLimits, { nullable: true, description: 'Personal limits for the pattern rules.' })
  ruleLimits(@Parent() staff: StaffMemberEntity): RuleLimits | null {
    const l = staff.ruleLimits;
    if (!l) return null;
    return {
      maxShiftsByType: Object.entries(l.maxShiftsByType ?? {}).map(([shiftTypeId, max]) => ({
        shiftTypeId,
        max,
      })),
      minTotalMinutes: l.minTotalMinutes ?? null,
      maxTotalMinutes: l.maxTotalMinutes ?? null,
      maxConsecutiveShifts: l.maxConsecutiveShifts ?? null,
      minConsecutiveShifts: l.minConsecutiveShifts ?? null,
      minConsecutiveDaysOff: l.minConsecutiveDaysOff ?? null,
      maxWeekends: l.maxWeekends ?? null,
    };
  }

  @ResolveField(() => Organisation)
  employer(@Parent() staff: StaffMember, @Context('loaders') loaders: Loaders) {
    return loaders.get(organisationById).load(staff.employerId);
  }

  @ResolveField(() => Team, { nullable: true })
  homeTeam(@Parent() staff: StaffMember, @Context('loaders') loaders: Loaders) {
    return staff.homeTeamId ? loaders.get(teamById).load(staff.homeTeamId) : null;
  }
}

@Resolver(() => Me)
export class MeResolver {
  @Query(() => Me, { description: 'Who the token says you are.' })
  @Allow(AUTHENTICATED)
  me(@CurrentActor() actor: Actor): Me {
    return {
      subject: actor.subject,
      name: actor.name ?? null,
      roles: [...actor.roles],
      organisationIds: [...actor.organisationIds],
      teamIds: [...actor.teamIds],
      staffId: actor.staffId ?? null,
    };
  }

  @ResolveField(() => StaffMember, { nullable: true, description: 'Your staff record, if you have one.' })
  staffMember(@Parent() me: Me, @Context('loaders') loaders: Loaders) {
    return me.staffId ? loaders.get(staffById).load(me.staffId) : null;
  }

  @ResolveField(() => [Team], { complexity: listOf(20), description: 'The teams you manage (teamIds).' })
  async teams(@Parent() me: Me, @Context('loaders') loaders: Loaders) {
    const teams = await loaders.get(teamById).loadMany(me.teamIds);
    return teams.filter((t) => t && !(t instanceof Error));
  }

  @ResolveField(() => [Organisation], {
    complexity: listOf(10),
    description: 'The organisations your roles apply to (organisationIds).',
  })
  async organisations(@Parent() me: Me, @Context('loaders') loaders: Loaders) {
    const organisations = await loaders.get(organisationById).loadMany(me.organisationIds);
    return organisations.filter((o) => o && !(o instanceof Error));
  }
}
