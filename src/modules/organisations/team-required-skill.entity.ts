import { Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { SkillEntity } from '../skills/skill.entity.js';
import { TeamEntity } from './team.entity.js';

/** A skill every worker on the team must hold (checked by readiness and the SKILL_REQUIRED rule). */
@Entity({ name: 'team_required_skill' })
export class TeamRequiredSkillEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_team_required_skill' })
  teamId: string;

  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_team_required_skill' })
  skillId: string;

  @ManyToOne(() => TeamEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'team_id', foreignKeyConstraintName: 'fk_team_required_skill_team' })
  team?: Relation<TeamEntity>;

  @ManyToOne(() => SkillEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'skill_id', foreignKeyConstraintName: 'fk_team_required_skill_skill' })
  skill?: Relation<SkillEntity>;
}
