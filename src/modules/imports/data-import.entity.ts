import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { OrganisationEntity } from '../organisations/organisation.entity.js';
import { ImportKind, ImportStatus } from './import.enums.js';

/** One problem with one line of an imported file (line 1 is the header). */
export interface StoredImportError {
  line: number;
  column: string | null;
  code: string;
  message: string;
}

/** One CSV file imported (or dry-run): who, when, what, and how it went — the progress report. */
@Entity({ name: 'data_import' })
@Index('ix_data_import_organisation_created', ['organisationId', 'createdAt'])
@Check(
  'ck_data_import_counts',
  `rows_valid <= rows_total AND rows_written <= rows_valid AND error_count >= 0`,
)
export class DataImportEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_data_import' })
  id: string;

  @Column({ type: 'enum', enum: ImportKind, enumName: 'import_kind' })
  kind: ImportKind;

  /** The organisation whose people (or teams, for rotas) the file is about. */
  @Column('uuid')
  organisationId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'fk_data_import_organisation' })
  organisation?: Relation<OrganisationEntity>;

  @Column('boolean', { default: false })
  dryRun: boolean;

  @Column({ type: 'enum', enum: ImportStatus, enumName: 'import_status', default: ImportStatus.RUNNING })
  status: ImportStatus;

  /** The token subject of whoever imported it. */
  @Column('text')
  requestedBy: string;

  @Column('int', { default: 0 })
  rowsTotal: number;

  @Column('int', { default: 0 })
  rowsValid: number;

  @Column('int', { default: 0 })
  rowsWritten: number;

  /** Every problem found (how many), though only the first ERROR_CAP are kept in `errors`. */
  @Column('int', { default: 0 })
  errorCount: number;

  @Column('jsonb', { default: () => `'[]'` })
  errors: StoredImportError[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz', { nullable: true })
  finishedAt: Date | null;
}
