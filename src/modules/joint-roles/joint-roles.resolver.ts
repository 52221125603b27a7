import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Role, type Actor } from '../../common/auth/actor.js';
import { Allow, AUTHENTICATED } from '../../common/auth/allow.decorator.js';
import { CurrentActor } from '../../common/auth/current-actor.decorator.js';
import { IdArg } from '../../common/graphql/id-arg.js';
import type { Loaders } from '../../common/graphql/loaders.js';
import { organisationById } from '../organisations/organisations.loaders.js';
import { Organisation } from '../organisations/organisations.types.js';
import { skillById } from '../skills/skills.loaders.js';
import { Skill } from '../skills/skills.types.js';
import { staffById } from '../staff/staff.loaders.js';
import { StaffMember } from '../staff/staff.types.js';
import {
  appointmentsByJointRoleId,
  appointmentsByStaffId,
  partnersByJointRoleId,
  skillsByJointRoleId,
} from './joint-roles.loaders.js';
import { JointRolesService } from './joint-roles.service.js';
import {
  AppointToJointRoleInput,
  CreateJointRoleInput,
  JointRole,
  JointRoleAppointment,
  JointRoleConnection,
  JointRolePartner,
  JointRolesArgs,
  OrganisationGap,
  UpdateJointRoleInput,
  AcceptJointRoleShareInput,
  ConsentToJointRoleAppointmentInput,
  DeclineJointRoleAppointmentInput,
  DeclineJointRoleShareInput,
  EndJointRoleAppointmentInput,
} from './joint-roles.types.js';
import { listOf } from '../../common/graphql/query-cost.js';

@Resolver(() => JointRole)
export class JointRolesResolver {
  constructor(private readonly service: JointRolesService) {}

  @Query(() => JointRoleConnection, {
    description: 'Joint roles your organisations are partners in (or you hold).',
  })
  @Allow(AUTHENTICATED)
  jointRoles(@CurrentActor() actor: Actor, @Args() args: JointRolesArgs) {
    return this.service.list(actor, args);
  }

  @Query(() => JointRole)
  @Allow(AUTHENTICATED)
  jointRole(@CurrentActor() actor: Actor, @IdArg() id: string) {
    return this.service.get(actor, id);
  }

  @Mutation(() => JointRole, {
    description:
      'Sets up a joint role (HR of a partner). Your own organisations’ shares are accepted; it stays DRAFT until every other partner’s HR accepts theirs.',
  })
  @Allow(Role.HR)
  createJointRole(@CurrentActor() actor: Actor, @Args('input') input: CreateJointRoleInput) {
    return this.service.create(actor, input);
  }

  @Mutation(() => JointRole, {
    description:
      'Changes a joint role. Partners whose shares or terms change must accept again (an ACTIVE role goes back to DRAFT until they do).',
  })
  @Allow(Role.HR)
  updateJointRole(@CurrentActor() actor: Actor, @Args('input') input: UpdateJointRoleInput) {
    return this.service.update(actor, input.jointRoleId, input);
  }

  @Mutation(() => JointRole, {
    description:
      'HR of a partner accepts its funding and time share (and the role’s terms at termsVersion); the last acceptance makes the role ACTIVE.',
  })
  @Allow(Role.HR)
  acceptJointRoleShare(@CurrentActor() actor: Actor, @Args('input') input: AcceptJointRoleShareInput) {
    return this.service.acceptShare(actor, input.jointRoleId, input.organisationId, input.termsVersion);
  }

  @Mutation(() => JointRole, {
    description:
      'HR of a partner declines its share, with a reason; the role stays DRAFT until the terms change.',
  })
  @Allow(Role.HR)
  declineJointRoleShare(@CurrentActor() actor: Actor, @Args('input') input: DeclineJointRoleShareInput) {
    const { jointRoleId, organisationId, termsVersion, reason } = input;
    return this.service.declineShare(actor, jointRoleId, organisationId, termsVersion, reason);
  }

  @Mutation(() => JointRoleAppointment, {
    description:
      'Appoints someone employed by a partner to an ACTIVE joint role: CONSENTED when you are HR of their employer, else PROPOSED until the employer consents.',
  })
  @Allow(Role.HR)
  appointToJointRole(@CurrentActor() actor: Actor, @Args('input') input: AppointToJointRoleInput) {
    return this.service.appoint(actor, input);
  }

  @Mutation(() => JointRoleAppointment, {
    description:
      'HR of the appointee’s employer consents to a PROPOSED appointment: from now on it authorises work.',
  })
  @Allow(Role.HR)
  consentToJointRoleAppointment(
    @CurrentActor() actor: Actor,
    @Args('input') input: ConsentToJointRoleAppointmentInput,
  ) {
    return this.service.consentToAppointment(actor, input.appointmentId);
  }

  @Mutation(() => JointRoleAppointment, {
    description: 'HR of the appointee’s employer declines a PROPOSED appointment, with a reason.',
  })
  @Allow(Role.HR)
  declineJointRoleAppointment(
    @CurrentActor() actor: Actor,
    @Args('input') input: DeclineJointRoleAppointmentInput,
  ) {
    return this.service.declineAppointment(actor, input.appointmentId, input.reason);
  }

  @Mutation(() => JointRoleAppointment)
  @Allow(Role.HR)
  endJointRoleAppointment(@CurrentActor() actor: Actor, @Args('input') input: EndJointRoleAppointmentInput) {
    return this.service.endAppointment(actor, input.appointmentId, input.endDate, input.reason);
  }

  @ResolveField(() => [JointRolePartner], { complexity: listOf(4) })
  partners(@Parent() role: JointRole, @Context('loaders') loaders: Loaders) {
    return loaders.get(partnersByJointRoleId).load(role.id);
  }

  @ResolveField(() => [Skill], { complexity: listOf(15) })
  async requiredSkills(@Parent() role: JointRole, @Context('loaders') loaders: Loaders) {
    const rows = await loaders.get(skillsByJointRoleId).load(role.id);
    return loaders.get(skillById).loadMany(rows.map((r) => r.skillId));
  }

  @ResolveField(() => [JointRoleAppointment], { complexity: listOf(10) })
  appointments(@Parent() role: JointRole, @Context('loaders') loaders: Loaders) {
    return loaders.get(appointmentsByJointRoleId).load(role.id);
  }

  @ResolveField(() => Organisation)
  employingPartner(@Parent() role: JointRole, @Context('loaders') loaders: Loaders) {
    return loaders.get(organisationById).load(role.employingPartnerId);
  }

  @ResolveField(() => Organisation)
  lineManagementPartner(@Parent() role: JointRole, @Context('loaders') loaders: Loaders) {
    return loaders.get(organisationById).load(role.lineManagementPartnerId);
  }

  @ResolveField(() => Organisation)
  supervisionPartner(@Parent() role: JointRole, @Context('loaders') loaders: Loaders) {
    return loaders.get(organisationById).load(role.supervisionPartnerId);
  }
}

@Resolver(() => JointRolePartner)
export class JointRolePartnerResolver {
  @ResolveField(() => Organisation)
  organisation(@Parent() p: JointRolePartner, @Context('loaders') loaders: Loaders) {
    return loaders.get(organisationById).load(p.organisationId);
  }
}

@Resolver(() => JointRoleAppointment)
export class JointRoleAppointmentResolver {
  @ResolveField(() => StaffMember)
  staff(@Parent() a: JointRoleAppointment, @Context('loaders') loaders: Loaders) {
    return loaders.get(staffById).load(a.staffId);
  }
}

@Resolver(() => OrganisationGap)
export class OrganisationGapResolver {
  @ResolveField(() => Skill)
  skill(@Parent() g: OrganisationGap, @Context('loaders') loaders: Loaders) {
    return loaders.get(skillById).load(g.skillId);
  }

  @ResolveField(() => Organisation)
  organisation(@Parent() g: OrganisationGap, @Context('loaders') loaders: Loaders) {
    return loaders.get(organisationById).load(g.organisationId);
  }
}

@Resolver(() => StaffMember)
export class StaffJointRolesResolver {
  @ResolveField(() => [JointRoleAppointment], {
    complexity: listOf(3),
    description: 'Their joint-role appointments.',
  })
  jointRoleAppointments(@Parent() staff: StaffMember, @Context('loaders') loaders: Loaders) {
    return loaders.get(appointmentsByStaffId).load(staff.id);
  }
}
