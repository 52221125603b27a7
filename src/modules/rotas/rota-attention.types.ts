import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { RuleCode, Violation } from '../checks/checks.types.js';

export enum AttentionKind {
  ON_LEAVE = 'ON_LEAVE',
  PLACED_ELSEWHERE = 'PLACED_ELSEWHERE',
  NOT_AUTHORISED = 'NOT_AUTHORISED',
  PASSPORT_GAP = 'PASSPORT_GAP',
  DOUBLE_BOOKED = 'DOUBLE_BOOKED',
  RULE_BREACH = 'RULE_BREACH',
}

export enum AttentionAction {
  /** Take them off the shifts (unassignStaff, bulkAssign). */
  UNASSIGN = 'UNASSIGN',
  /** Find someone else (eligibleStaff on each shift). */
  FIND_COVER = 'FIND_COVER',
  /** Keep them on, knowingly (an override with a reason, where the rule allows one). */
  OVERRIDE = 'OVERRIDE',
  /** Their employer renews or records the credential. */
  RENEW_CREDENTIAL = 'RENEW_CREDENTIAL',
}

registerEnumType(AttentionKind, {
  name: 'AttentionKind',
  valuesMap: {
    ON_LEAVE: { description: 'Approved leave covers the shift (ON_ABSENCE).' },
    PLACED_ELSEWHERE: { description: 'An approved placement takes them to another team on that day.' },
    NOT_AUTHORISED: {
      description: 'No longer employed, placed or appointed where the shift is (NOT_AUTHORISED_AT_TEAM).',
    },
    PASSPORT_GAP: {
      description: 'A required credential is missing, expired or not accepted (SKILL_REQUIRED).',
    },
    DOUBLE_BOOKED: { description: 'Also working an overlapping shift elsewhere.' },
    RULE_BREACH: { description: 'Another rule that judges every edit is broken (rest, hours…).' },
  },
});
registerEnumType(AttentionAction, { name: 'AttentionAction' });

@ObjectType({
  description:
    'Something on a rota a manager must act on: who, which assignments, why, and what to do. Derived from the rules each time it is asked for, so it is never stale.',
})
export class AttentionItem {
  @Field(() => AttentionKind)
  kind: AttentionKind;

  @Field(() => ID)
  rotaId: string;

  @Field(() => ID)
  staffId: string;

  @Field(() => [ID])
  assignmentIds: string[];

  @Field(() => [ID])
  shiftIds: string[];

  @Field(() => RuleCode, { nullable: true })
  ruleCode: string | null;

  @Field(() => Violation, { nullable: true, description: 'The breach behind it, when a rule says so.' })
  violation: Violation | null;

  @Field(() => ID, { nullable: true, description: 'The placement taking them elsewhere (PLACED_ELSEWHERE).' })
  placementId: string | null;

  @Field(() => [AttentionAction])
  actions: AttentionAction[];

  @Field({
    description: 'One line saying what is wrong (the violation explains more, to those who may see it).',
  })
  message: string;
}
