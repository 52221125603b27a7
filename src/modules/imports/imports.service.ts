import { Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { DataSource, type EntityManager } from 'typeorm';
import { Access } from '../../common/auth/access.js';
import type { Actor } from '../../common/auth/actor.js';
import { TransactionRunner, translateDatabaseError } from '../../common/database/transaction.js';
import { DomainError, ForbiddenError, NotFoundError } from '../../common/errors/domain-error.js';
import { requestScope } from '../../common/request-scope.js';
import { forbiddenText } from '../../common/validation/input-validation.pipe.js';
import { daysBetween, localDateOf } from '../../rota-core/dates.js';
import { shiftInstants } from '../../rota-core/time.js';
import { AbsenceKind, Decision } from '../absences/absence.enums.js';
import { ABSENCE_CONSTRAINTS, AbsencesService } from '../absences/absences.service.js';
import { RequestAbsenceInput } from '../absences/absences.types.js';
import { JointRoleEntity } from '../joint-roles/joint-role.entity.js';
import { JOINT_ROLE_CONSTRAINTS, JointRolesService } from '../joint-roles/joint-roles.service.js';
import { AppointToJointRoleInput } from '../joint-roles/joint-roles.types.js';
import { OrganisationEntity } from '../organisations/organisation.entity.js';
import { TeamEntity } from '../organisations/team.entity.js';
import { CREDENTIAL_CONSTRAINTS, PassportService } from '../passport/passport.service.js';
import { RecordCredentialInput } from '../passport/passport.types.js';
import { PlacementKind, PlacementSide } from '../placements/placement.enums.js';
import { PLACEMENT_CONSTRAINTS, PlacementsService } from '../placements/placements.service.js';
import { RequestPlacementInput } from '../placements/placements.types.js';
import { AssignmentEntity } from '../rotas/assignment.entity.js';
import { RotaEntity } from '../rotas/rota.entity.js';
import { AssignmentBasis, RotaStatus } from '../rotas/rota.enums.js';
import { ShiftTypeEntity } from '../rotas/shift-type.entity.js';
import { ShiftEntity } from '../rotas/shift.entity.js';
import { SkillEntity } from '../skills/skill.entity.js';
import { StaffMemberEntity } from '../staff/staff-member.entity.js';
import { PayFramework, RuleProfile, StaffGroup } from '../staff/staff.enums.js';
import { STAFF_CONSTRAINTS, StaffService } from '../staff/staff.service.js';
import { CreateStaffMemberInput } from '../staff/staff.types.js';
import { DataImportEntity, type StoredImportError } from './data-import.entity.js';
import { ImportKind, ImportStatus } from './import.enums.js';
import { type CsvRow, parseCsv, RowReader } from './imports.csv.js';
import { type ImportCsvInput, MAX_ROWS } from './imports.types.js';

/**
 * The time an import request may take in all (GRAPHQL_REQUEST_TIMEOUT_MS, if longer, applies instead): 2,000 staff
 * rows took 8–27 s on a loaded two-core machine (README, "Bulk import").
 */
export const IMPORT_TIMEOUT_MS = 120_000;

/** Errors kept on the import (and returned); `errorCount` counts them all. */
export const ERROR_CAP = 200;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const IMPORTED = 'Imported from the previous system';

/** Thrown inside the file's transaction to roll it back with the outcome (errors, or a dry run). */
class Rollback extends Error {
  constructor(readonly outcome: Outcome) {
    super('rollback');
  }
}

/** A row failed while the file was written without savepoints: start again, with them. */
class Restart extends Error {
  constructor() {
    super('restart');
  }
}

interface Outcome {
  rowsTotal: number;
  rowsValid: number;
  rowsWritten: number;
  errors: StoredImportError[];
}

/** What the rows of a file share while it is imported: the caller, the organisation, and lookups by natural key. */
interface Ctx {
  em: EntityManager;
  actor: Actor;
  organisation: OrganisationEntity;
  cache: Map<string, unknown>;
  /** Cache entries of rows written in this row (dropped if the row is rolled back to its savepoint). */
  added: string[];
}

/** A kind of file: its columns, how a row becomes an input (or problems), and how it is written. */
interface KindSpec {
  required: string[];
  optional: string[];
  /** Input field → CSV column, for errors the write path reports by field. */
  columns?: Record<string, string>;
  constraints?: Record<string, () => DomainError>;
  prepare(r: RowReader, ctx: Ctx): Promise<unknown>;
  write(ctx: Ctx, prepared: unknown): Promise<void>;
}

/** The GraphQL input class's own rules (class-validator), reported against the columns. */
async function checkInput<T extends object>(
  r: RowReader,
  cls: new () => T,
  plain: Record<string, unknown>,
  columns: Record<string, string> = {},
): Promise<T | undefined> {
  const input = plainToInstance(cls, plain);
  for (const e of await validate(input)) {
    const message = Object.values(e.constraints ?? {})
      .map((m) => (m.startsWith(`${e.property} `) ? m.slice(e.property.length + 1) : m))
      .join('; ');
    r.problem(columns[e.property] ?? e.property, 'INVALID_VALUE', message);
  }
  return r.errors.length ? undefined : input;
}

async function cached<T>(ctx: Ctx, key: string, load: () => Promise<T>): Promise<T> {
  if (!ctx.cache.has(key)) ctx.cache.set(key, await load());
  return ctx.cache.get(key) as T;
}

/**
 * A person by id, email or (within the organisation) employee number. `own`: they must be employed by the
 * organisation (whose HR is importing).
 */
async function staffRef(
  r: RowReader,
  ctx: Ctx,
  column: string,
  own: boolean,
): Promise<StaffMemberEntity | undefined> {
  const ref = r.text(column, true);
  if (ref === undefined) return undefined;
  const repo = ctx.em.getRepository(StaffMemberEntity);
  const staff = await cached(ctx, `staff:${ref.toLowerCase()}`, async () => {
    if (UUID.test(ref)) return repo.findBy({ id: ref });
    if (ref.includes('@'))
      return repo.createQueryBuilder('s').where('lower(s.email) = lower(:ref)', { ref }).getMany();
    return repo.findBy({ employerId: ctx.organisation.id, employeeNumber: ref });
  });
  if (staff.length === 0) {
    r.problem(column, 'NOT_FOUND', `no staff member with id, email or employee number "${ref}"`);
    return undefined;
  }
  const person = staff[0]!;
  if (own && person.employerId !== ctx.organisation.id) {
    r.problem(column, 'NOT_IN_ORGANISATION', `"${ref}" is not employed by ${ctx.organisation.name}`);
    return undefined;
  }
  return person;
}

/** A team by id, or by name: within the organisation (`own`), or anywhere when the name is unique. */
async function teamRef(
  r: RowReader,
  ctx: Ctx,
  column: string,
  own: boolean,
): Promise<TeamEntity | undefined> {
  const ref = r.text(column, true);
  if (ref === undefined) return undefined;
  const teams = await cached(ctx, `team:${own}:${ref.toLowerCase()}`, () => {
    const qb = ctx.em.getRepository(TeamEntity).createQueryBuilder('t');
    if (UUID.test(ref)) qb.where('t.id = :ref', { ref });
    else qb.where('lower(t.name) = lower(:ref)', { ref });
    if (own) qb.andWhere('t.organisation_id = :org', { org: ctx.organisation.id });
    return qb.getMany();
  });
  if (teams.length === 0) {
    r.problem(
      column,
      'NOT_FOUND',
      own ? `${ctx.organisation.name} has no team "${ref}"` : `no team with id or name "${ref}"`,
    );
    return undefined;
  }
  if (teams.length > 1) {
    r.problem(column, 'AMBIGUOUS', `${teams.length} teams are called "${ref}": give the team's id`);
    return undefined;
  }
  return teams[0];
}

async function byIdOr<T extends object>(
  r: RowReader,
  ctx: Ctx,
  column: string,
  what: string,
  entity: new () => T,
  natural: string,
  normalise: (v: string) => string = (v) => v,
): Promise<T | undefined> {
  const ref = r.text(column, true);
  if (ref === undefined) return undefined;
  const found = await cached(ctx, `${what}:${ref.toLowerCase()}`, () => {
    const qb = ctx.em.getRepository(entity).createQueryBuilder('x');
    return UUID.test(ref)
      ? qb.where('x.id = :ref', { ref }).getMany()
      : qb.where(`lower(x.${natural}) = lower(:ref)`, { ref: normalise(ref) }).getMany();
  });
  if (found.length === 0) {
    r.problem(column, 'NOT_FOUND', `no ${what} "${ref}"`);
    return undefined;
  }
  if (found.length > 1) {
    r.problem(column, 'AMBIGUOUS', `${found.length} of them match "${ref}": give the id`);
    return undefined;
  }
  return found[0];
}

@Injectable()
export class ImportsService {
  private readonly specs: Record<ImportKind, KindSpec>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    staff: StaffService,
    passport: PassportService,
    absences: AbsencesService,
    placements: PlacementsService,
    jointRoles: JointRolesService,
  ) {
    this.specs = {
      [ImportKind.STAFF]: {
        required: [
          'givenName',
          'familyName',
          'staffGroup',
          'jobTitle',
          'payFramework',
          'payGrade',
          'contractedHoursPerWeek',
        ],
        optional: [
          'email',
          'phone',
          'employeeNumber',
          'workingTimeOptOut',
          'optOutSignedOn',
          'dateOfBirth',
          'ruleProfile',
          'homeTeam',
        ],
        columns: { homeTeamId: 'homeTeam' },
        constraints: STAFF_CONSTRAINTS,
        prepare: async (r, ctx) => {
          const homeTeam = r.row.values.homeTeam ? await teamRef(r, ctx, 'homeTeam', true) : undefined;
          const plain = {
            employerId: ctx.organisation.id,
            givenName: r.text('givenName', true),
            familyName: r.text('familyName', true),
            email: r.text('email'),
            phone: r.text('phone'),
            employeeNumber: r.text('employeeNumber'),
            staffGroup: r.choice('staffGroup', StaffGroup, true),
            jobTitle: r.text('jobTitle', true),
            payFramework: r.choice('payFramework', PayFramework, true),
            payGrade: r.text('payGrade', true),
            contractedHoursPerWeek: r.number('contractedHoursPerWeek', true),
            workingTimeOptOut: r.boolean('workingTimeOptOut'),
            optOutSignedOn: r.date('optOutSignedOn'),
            dateOfBirth: r.date('dateOfBirth'),
            ruleProfile: r.choice('ruleProfile', RuleProfile),
            homeTeamId: homeTeam?.id,
          };
          if (r.errors.length) return undefined;
          return checkInput(r, CreateStaffMemberInput, plain, { homeTeamId: 'homeTeam' });
        },
        write: async (ctx, input) => {
          await staff.createIn(ctx.em, ctx.actor, input as CreateStaffMemberInput);
        },
      },

      [ImportKind.CREDENTIALS]: {
        required: ['staff', 'skill', 'obtainedOn'],
        optional: ['expiresOn', 'evidenceReference', 'verifiedBy', 'verifiedAt'],
        columns: {
          staffId: 'staff',
          skillId: 'skill',
          verifiedByOrganisationId: 'verifiedBy',
        },
        constraints: CREDENTIAL_CONSTRAINTS,
        prepare: async (r, ctx) => {
          const person = await staffRef(r, ctx, 'staff', true);
          const skill = await byIdOr(r, ctx, 'skill', 'skill', SkillEntity, 'code');
          const verifier = r.row.values.verifiedBy
            ? await byIdOr(r, ctx, 'verifiedBy', 'organisation', OrganisationEntity, 'name')
            : ctx.organisation;
          const plain = {
            staffId: person?.id,
            skillId: skill?.id,
            obtainedOn: r.date('obtainedOn', true),
            expiresOn: r.date('expiresOn'),
            evidenceReference: r.text('evidenceReference'),
            verifiedByOrganisationId: verifier?.id,
            verifiedAt: r.instant('verifiedAt'),
          };
          if (r.errors.length) return undefined;
          return checkInput(r, RecordCredentialInput, plain, this.specs.CREDENTIALS.columns);
        },
        write: async (ctx, input) => {
          await passport.recordCredentialIn(ctx.em, ctx.actor, input as RecordCredentialInput);
        },
      },

      [ImportKind.ABSENCES]: {
        required: ['staff', 'kind', 'startDate', 'endDate'],
        optional: ['note', 'status'],
        columns: { staffId: 'staff' },
        constraints: ABSENCE_CONSTRAINTS,
        prepare: async (r, ctx) => {
          const person = await staffRef(r, ctx, 'staff', true);
          const status = r.choice('status', { APPROVED: 'APPROVED', REQUESTED: 'REQUESTED' }) ?? 'APPROVED';
          const plain = {
            staffId: person?.id,
            kind: r.choice('kind', AbsenceKind, true),
            startDate: r.date('startDate', true),
            endDate: r.date('endDate', true),
            note: r.text('note'),
          };
          if (r.errors.length) return undefined;
          const input = await checkInput(r, RequestAbsenceInput, plain, { staffId: 'staff' });
          return input && { input, approve: status === 'APPROVED' };
        },
        write: async (ctx, prepared) => {
          const { input, approve } = prepared as { input: RequestAbsenceInput; approve: boolean };
          const absence = await absences.requestAbsenceIn(ctx.em, ctx.actor, input);
          if (approve)
            await absences.decideAbsenceIn(ctx.em, ctx.actor, absence.id, Decision.APPROVE, IMPORTED);
        },
      },

      [ImportKind.PLACEMENTS]: {
        required: ['staff', 'hostTeam', 'kind', 'startDate', 'endDate', 'hoursPerWeek'],
        optional: ['reason'],
        // An overlap with another placement is reported against `id` by the write path: the dates are at fault.
        columns: { staffId: 'staff', hostTeamId: 'hostTeam', id: 'startDate' },
        constraints: PLACEMENT_CONSTRAINTS,
        prepare: async (r, ctx) => {
          const person = await staffRef(r, ctx, 'staff', true);
          const team = await teamRef(r, ctx, 'hostTeam', false);
          const plain = {
            staffId: person?.id,
            hostTeamId: team?.id,
            kind: r.choice('kind', PlacementKind, true),
            startDate: r.date('startDate', true),
            endDate: r.date('endDate', true),
            hoursPerWeek: r.number('hoursPerWeek', true),
            reason: r.text('reason') ?? IMPORTED,
          };
          if (r.errors.length) return undefined;
          return checkInput(r, RequestPlacementInput, plain, this.specs.PLACEMENTS.columns);
        },
        // Requested through the one write path (with the historical allowance: past dates), then approved for
        // each side the importer answers for. A side they do not answer for still decides (consent).
        write: async (ctx, input) => {
          const requested = await placements.requestIn(ctx.em, ctx.actor, input as RequestPlacementInput, {
            historical: true,
          });
          for (const side of [PlacementSide.HOME, PlacementSide.HOST]) {
            if (await placements.decidesFor(ctx.em, ctx.actor, requested, side)) {
              await placements.decideIn(
                ctx.em,
                ctx.actor,
                requested.id,
                side,
                Decision.APPROVE,
                IMPORTED,
                side === PlacementSide.HOST,
              );
            }
          }
        },
      },

      [ImportKind.APPOINTMENTS]: {
        required: ['staff', 'jointRole', 'startDate'],
        optional: ['endDate', 'fte', 'overrideGapsReason'],
        columns: { staffId: 'staff', jointRoleId: 'jointRole' },
        constraints: JOINT_ROLE_CONSTRAINTS,
        prepare: async (r, ctx) => {
          const person = await staffRef(r, ctx, 'staff', true);
          const role = await byIdOr(r, ctx, 'jointRole', 'joint role', JointRoleEntity, 'title');
          const plain = {
            staffId: person?.id,
            jointRoleId: role?.id,
            startDate: r.date('startDate', true),
            endDate: r.date('endDate'),
            fte: r.number('fte'),
            // The CSV column keeps the name that says what it is for.
            overrideGaps: Boolean(r.text('overrideGapsReason')),
            reason: r.text('overrideGapsReason'),
          };
          if (r.errors.length) return undefined;
          return checkInput(r, AppointToJointRoleInput, plain, this.specs.APPOINTMENTS.columns);
        },
        write: async (ctx, input) => {
          await jointRoles.appointIn(ctx.em, ctx.actor, input as AppointToJointRoleInput);
        },
      },

      [ImportKind.ROTAS]: {
        required: ['team', 'rotaStart', 'rotaEnd', 'date', 'shiftType'],
        optional: ['rotaName', 'staff', 'minHeadcount'],
        prepare: (r, ctx) => this.prepareRotaRow(r, ctx),
        write: (ctx, prepared) => this.writeRotaRow(ctx, prepared as RotaRow),
      },
    };
  }

  columnsOf(kind: ImportKind): { required: string[]; optional: string[] } {
    return { required: this.specs[kind].required, optional: this.specs[kind].optional };
  }

  // ---- queries ----------------------------------------------------------------------------------------------

  async list(actor: Actor, organisationId: string, first = 20): Promise<DataImportEntity[]> {
    await this.authorise(actor, organisationId, 'organisationId');
    return this.dataSource
      .getRepository(DataImportEntity)
      .find({ where: { organisationId }, order: { createdAt: 'DESC', id: 'DESC' }, take: first });
  }

  async get(actor: Actor, id: string): Promise<DataImportEntity> {
    const row = await this.dataSource.getRepository(DataImportEntity).findOneBy({ id });
    if (!row) throw new NotFoundError('Import', id, 'id');
    Access.assert(Access.administersOrganisation(actor, row.organisationId), 'that import');
    return row;
  }

  private async authorise(actor: Actor, organisationId: string, field: string): Promise<OrganisationEntity> {
    const org = await this.dataSource.getRepository(OrganisationEntity).findOneBy({ id: organisationId });
    if (!org) throw new NotFoundError('Organisation', organisationId, field);
    if (!Access.administersOrganisation(actor, org.id))
      throw new ForbiddenError(`Not in your scope: importing data of ${org.name} (its HR, or ADMIN)`);
    return org;
  }

  // ---- the import -------------------------------------------------------------------------------------------

  /**
   * `importCsv`: parses the file, checks every row (formats, references, then the write path's own rules) and,
   * only if no row has an error and it is not a dry run, commits every row in one transaction. The import's row
   * (the progress report) is written first as RUNNING, and finished with the counts and errors.
   */
  async import(actor: Actor, input: ImportCsvInput): Promise<DataImportEntity> {
    const organisation = await this.authorise(actor, input.organisationId, 'input.organisationId');
    // A file of MAX_ROWS rows takes longer than most requests may: the import has IMPORT_TIMEOUT_MS in all.
    requestScope()?.deadline?.extendTo(IMPORT_TIMEOUT_MS);
    const spec = this.specs[input.kind];
    const dryRun = input.dryRun ?? false;
    const record = await this.tx.run(async (em) => {
      // An import whose request died (the service stopped) never finished: say so rather than RUNNING forever.
      await em
        .createQueryBuilder()
        .update(DataImportEntity)
        .set({
          status: ImportStatus.FAILED,
          finishedAt: () => 'now()',
          errorCount: 1,
          errors: [
            {
              line: 1,
              column: null,
              code: 'INTERRUPTED',
              message: 'the import stopped before it finished (the service restarted): nothing was written',
            },
          ],
        })
        .where('organisation_id = :org AND status = :running AND created_at < :before', {
          org: organisation.id,
          running: ImportStatus.RUNNING,
          before: new Date(Date.now() - 2 * IMPORT_TIMEOUT_MS),
        })
        .execute();
      return em.getRepository(DataImportEntity).save(
        em.getRepository(DataImportEntity).create({
          kind: input.kind,
          organisationId: organisation.id,
          dryRun,
          status: ImportStatus.RUNNING,
          requestedBy: actor.subject,
          errors: [],
          finishedAt: null,
        }),
      );
    });
    const finish = (em: EntityManager, outcome: Outcome, status: ImportStatus) =>
      em.getRepository(DataImportEntity).update(record.id, {
        status,
        rowsTotal: outcome.rowsTotal,
        rowsValid: outcome.rowsValid,
        rowsWritten: outcome.rowsWritten,
        errorCount: outcome.errors.length,
        errors: outcome.errors.slice(0, ERROR_CAP),
        finishedAt: new Date(),
      });

    const parsed = parseCsv(input.csv, spec.required, spec.optional);
    const rowsTotal = parsed.rows.length + parsed.errors.filter((e) => e.code === 'COLUMN_COUNT').length;
    let outcome: Outcome;
    if (parsed.errors.some((e) => e.code !== 'COLUMN_COUNT') || rowsTotal > MAX_ROWS) {
      const errors = [...parsed.errors];
      if (rowsTotal > MAX_ROWS)
        errors.push({
          line: 1,
          column: null,
          code: 'TOO_MANY_ROWS',
          message: `the file has ${rowsTotal} rows: at most ${MAX_ROWS} per file (split it)`,
        });
      outcome = { rowsTotal, rowsValid: 0, rowsWritten: 0, errors };
    } else {
      try {
        const attempt = (careful: boolean) =>
          this.tx.run(async (em) => {
            const result = await this.run(em, actor, organisation, spec, parsed.rows, parsed.errors, careful);
            const full = { ...result, rowsTotal };
            if (full.errors.length || dryRun) throw new Rollback(full);
            await finish(em, full, ImportStatus.SUCCEEDED);
            return full;
          });
        // Fast first (no savepoints); a row the write path refuses sends the file round again, each row under a
        // savepoint, so that every row's errors are found.
        await attempt(false).catch((e) => (e instanceof Restart ? attempt(true) : Promise.reject(e)));
        return (await this.dataSource.getRepository(DataImportEntity).findOneByOrFail({ id: record.id }))!;
      } catch (e) {
        if (!(e instanceof Rollback)) {
          await this.tx.run((em) =>
            finish(
              em,
              {
                rowsTotal,
                rowsValid: 0,
                rowsWritten: 0,
                errors: [
                  {
                    line: 1,
                    column: null,
                    code: e instanceof DomainError ? e.code : 'INTERNAL_SERVER_ERROR',
                    message: `the import stopped: nothing was written (${e instanceof DomainError ? e.message : 'unexpected error'})`,
                  },
                ],
              },
              ImportStatus.FAILED,
            ),
          );
          throw e;
        }
        outcome = e.outcome;
      }
    }
    const status = outcome.errors.length ? ImportStatus.REJECTED : ImportStatus.VALIDATED;
    await this.tx.run((em) => finish(em, { ...outcome, rowsWritten: 0 }, status));
    return this.dataSource.getRepository(DataImportEntity).findOneByOrFail({ id: record.id });
  }

  /**
   * Every row, in order, inside the file's transaction: checked, then written through the write path under a
   * savepoint, so that a row the write path refuses is reported and the next rows are still checked.
   */
  private async run(
    em: EntityManager,
    actor: Actor,
    organisation: OrganisationEntity,
    spec: KindSpec,
    rows: CsvRow[],
    fileErrors: StoredImportError[],
    careful: boolean,
  ): Promise<Omit<Outcome, 'rowsTotal'>> {
    const ctx: Ctx = { em, actor, organisation, cache: new Map(), added: [] };
    const errors: StoredImportError[] = [...fileErrors];
    let valid = 0;
    for (const row of rows) {
      const r = new RowReader(row);
      const bad = forbiddenText(row.values, '');
      if (bad)
        r.problem(
          bad.field,
          'INVALID_VALUE',
          `must not contain control, format or invisible characters (${bad.character})`,
        );
      const prepared = r.errors.length ? undefined : await spec.prepare(r, ctx);
      if (!r.errors.length && prepared !== undefined) {
        // Savepoints cost two statements a row: a file that has shown no error yet is written without them.
        const guarded = careful || errors.length > 0;
        if (guarded) await em.query('SAVEPOINT import_row');
        ctx.added = [];
        try {
          await spec.write(ctx, prepared);
          if (guarded) await em.query('RELEASE SAVEPOINT import_row');
        } catch (e) {
          if (!guarded) throw new Restart();
          await em.query('ROLLBACK TO SAVEPOINT import_row');
          for (const key of ctx.added) ctx.cache.delete(key);
          const error = translateDatabaseError(e, spec.constraints);
          if (!(error instanceof DomainError)) throw error;
          const field = typeof error.details.field === 'string' ? error.details.field : undefined;
          const property = field?.replace(/^input\./, '').split(/[.[]/)[0];
          const column = property
            ? (spec.columns?.[property] ??
              ([...spec.required, ...spec.optional].includes(property) ? property : null))
            : null;
          const message = field ? error.message.replace(`${field}: `, '') : error.message;
          r.problem(column, error.code, message);
        }
      }
      if (r.errors.length) errors.push(...r.errors);
      else valid++;
    }
    errors.sort((a, b) => a.line - b.line);
    return { rowsValid: valid, rowsWritten: errors.length ? 0 : valid, errors };
  }

  // ---- past rotas -------------------------------------------------------------------------------------------

  private async prepareRotaRow(r: RowReader, ctx: Ctx): Promise<RotaRow | undefined> {
    const team = await teamRef(r, ctx, 'team', true);
    const rotaStart = r.date('rotaStart', true);
    const rotaEnd = r.date('rotaEnd', true);
    const date = r.date('date', true);
    const code = r.text('shiftType', true);
    const min = r.number('minHeadcount');
    const person = r.row.values.staff ? await staffRef(r, ctx, 'staff', false) : undefined;
    if (min !== undefined && (!Number.isInteger(min) || min < 0 || min > 1000))
      r.problem('minHeadcount', 'INVALID_NUMBER', 'must be a whole number from 0 to 1000');
    if (!team || !rotaStart || !rotaEnd || !date || !code || r.errors.length) return undefined;
    if (rotaEnd < rotaStart)
      r.problem('rotaEnd', 'INVALID_DATE', `must not be before rotaStart (${rotaStart})`);
    else if (daysBetween(rotaStart, rotaEnd) >= 182)
      r.problem('rotaEnd', 'INVALID_DATE', 'a rota covers at most 26 weeks');
    if (rotaEnd >= localDateOf(new Date(), team.timeZone))
      r.problem(
        'rotaEnd',
        'NOT_PAST',
        'only rotas that ended before today are imported: plan current and future ones in the rota editor, where the rules judge them',
      );
    if (date < rotaStart || date > rotaEnd)
      r.problem('date', 'INVALID_DATE', `${date} is outside the rota (${rotaStart} to ${rotaEnd})`);
    const types = await cached(ctx, `types:${team.id}`, () =>
      ctx.em.getRepository(ShiftTypeEntity).findBy({ teamId: team.id }),
    );
    const type = types.find((t) => t.code === code.toUpperCase());
    if (!type) r.problem('shiftType', 'NOT_FOUND', `${team.name} has no shift type ${code}`);
    if (r.errors.length || !type) return undefined;
    return {
      line: r.row.line,
      team,
      rotaStart,
      rotaEnd,
      rotaName: r.text('rotaName') ?? null,
      date,
      type,
      min: min ?? 0,
      staff: person ?? null,
    };
  }

  /**
   * A past rota is a record of what was worked, not a plan: it is stored PUBLISHED as it was, without the rota
   * editor's judgement (history may break rules; refusing it would leave the look-back rules blind). Its
   * compliance is computed like any published rota's (the database marks it stale; it is checked when read).
   */
  private async writeRotaRow(ctx: Ctx, row: RotaRow): Promise<void> {
    const { em } = ctx;
    const rotaKey = `rota:${row.team.id}:${row.rotaStart}:${row.rotaEnd}`;
    let rota = ctx.cache.get(rotaKey) as RotaEntity | undefined;
    if (!rota) {
      const repo = em.getRepository(RotaEntity);
      rota = await repo.save(
        repo.create({
          teamId: row.team.id,
          name: row.rotaName ?? `Imported ${row.rotaStart} to ${row.rotaEnd}`,
          startDate: row.rotaStart,
          endDate: row.rotaEnd,
          status: RotaStatus.PUBLISHED,
          version: 1,
          publishedAt: new Date(),
          publishedBy: ctx.actor.subject,
        }),
      );
      // Checked (and its violations stored) when next read, like any published rota a change has touched.
      await em.query(
        `INSERT INTO compliance_refresh (rota_id, stale_since) VALUES ($1, now()) ON CONFLICT (rota_id) DO NOTHING`,
        [rota.id],
      );
      ctx.cache.set(rotaKey, rota);
      ctx.added.push(rotaKey);
    }
    const shiftKey = `shift:${rota.id}:${row.date}:${row.type.id}`;
    let shift = ctx.cache.get(shiftKey) as ShiftEntity | undefined;
    if (!shift) {
      const at = shiftInstants(row.date, row.type.startTime, row.type.durationMinutes, row.team.timeZone);
      if (!at.ok) throw new BadInput(at.message, 'date');
      const repo = em.getRepository(ShiftEntity);
      shift = await repo.save(
        repo.create({
          rotaId: rota.id,
          teamId: row.team.id,
          shiftTypeId: row.type.id,
          localDate: row.date,
          startTime: row.type.startTime,
          durationMinutes: row.type.durationMinutes,
          unpaidBreakMinutes: row.type.unpaidBreakMinutes,
          startsAt: at.startsAt,
          endsAt: at.endsAt,
          minHeadcount: row.min,
          targetHeadcount: row.min,
          maxHeadcount: null,
          cancelledAt: null,
        }),
      );
      ctx.cache.set(shiftKey, shift);
      ctx.added.push(shiftKey);
    }
    if (!row.staff) return;
    const basis = await this.basis(em, row.staff, row.team, row.date);
    if (!basis)
      throw new BadInput(
        `${row.staff.givenName} ${row.staff.familyName} had no basis to work at ${row.team.name} on ${row.date} (employment, an approved placement or a consented joint-role appointment): import those first`,
        'staff',
      );
    const repo = em.getRepository(AssignmentEntity);
    await repo.save(
      repo.create({
        shiftId: shift.id,
        staffId: row.staff.id,
        basis,
        startsAt: shift.startsAt,
        endsAt: shift.endsAt,
        createdBy: ctx.actor.subject,
        cancelledAt: null,
      }),
    );
  }

  private async basis(
    em: EntityManager,
    staff: StaffMemberEntity,
    team: TeamEntity,
    date: string,
  ): Promise<AssignmentBasis | null> {
    if (staff.employerId === team.organisationId) return AssignmentBasis.EMPLOYMENT;
    const [placed] = await em.query(
      `SELECT 1 FROM placement WHERE staff_id = $1 AND host_team_id = $2 AND status = 'APPROVED'
         AND start_date <= $3 AND end_date >= $3 LIMIT 1`,
      [staff.id, team.id, date],
    );
    if (placed) return AssignmentBasis.PLACEMENT;
    const [appointed] = await em.query(
      `SELECT 1 FROM joint_role_appointment a JOIN joint_role_partner p ON p.joint_role_id = a.joint_role_id
        WHERE a.staff_id = $1 AND a.status = 'CONSENTED' AND p.organisation_id = $2
          AND a.start_date <= $3 AND (a.end_date IS NULL OR a.end_date >= $3) LIMIT 1`,
      [staff.id, team.organisationId, date],
    );
    return appointed ? AssignmentBasis.JOINT_ROLE : null;
  }
}

interface RotaRow {
  line: number;
  team: TeamEntity;
  rotaStart: string;
  rotaEnd: string;
  rotaName: string | null;
  date: string;
  type: ShiftTypeEntity;
  min: number;
  staff: StaffMemberEntity | null;
}

/** A refusal of a rota row, naming its column. */
class BadInput extends DomainError {
  readonly code = 'BAD_USER_INPUT' as const;
  readonly httpStatus = 400;
  constructor(message: string, column: string) {
    super(message, { field: column });
  }
}
