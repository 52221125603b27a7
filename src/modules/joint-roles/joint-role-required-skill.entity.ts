import { Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { SkillEntity } from '../skills/skill.entity.js';
import { JointRoleEntity } from './joint-role.entity.js';

@Entity({ name: 'joint_role_required_skill' })
export class JointRoleRequiredSkillEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_joint_role_required_skill' })
  jointRoleId: string;

  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_joint_role_required_skill' })
  skillId: string;

  @ManyToOne(() => JointRoleEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'joint_role_id', foreignKeyConstraintName: 'fk_joint_role_required_skill_role' })
  jointRole?: Relation<JointRoleEntity>;

  @ManyToOne(() => SkillEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'skill_id', foreignKeyConstraintName: 'fk_joint_role_required_skill_skill' })
  skill?: Relation<SkillEntity>;
}
