import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { codegen } from '@graphql-codegen/core';
import * as operationsPlugin from '@graphql-codegen/typescript-operations';
import { buildSchema, parse, validate } from 'graphql';
import ts from 'typescript';

const root = new URL('../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');

/** How the API's custom scalars arrive in JSON (the README's "API conventions" says the same). */
export const SCALARS = {
  DateTime: 'string',
  LocalDate: 'string',
  LocalTime: 'string',
  JSONObject: 'Record<string, unknown>',
};

/** Code a client writes against the generated types: it must compile under strict TypeScript. */
const USAGE = `
import type {
  AssignStaffMutation,
  AssignStaffMutationVariables,
  CheckRotaQuery,
  DecideAbsenceMutation,
  DecideAbsenceMutationVariables,
  MeasureUnit,
  RotaBoardQuery,
  StaffDirectoryQueryVariables,
  WhoAmIQuery,
} from './generated';

export function teamNames(me: WhoAmIQuery): string[] {
  return me.me.teams.map((t) => t.name);
}

export function peopleOnShifts(board: RotaBoardQuery): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const shift of board.rota.shifts) {
    const start: string = shift.startsAt; // DateTime arrives as an ISO string
    const date: string = shift.localDate;
    out.set(\`\${date} \${start}\`, shift.assignments.map((a) => a.staff.name));
  }
  return out;
}

export function minutesOver(check: CheckRotaQuery): number {
  const unit: MeasureUnit = 'MINUTES';
  return check.checkRota.violations
    .filter((v) => v.unit === unit && v.measured !== null && v.measured !== undefined)
    .reduce((sum, v) => sum + (v.measured! - (v.limit ?? 0)), 0);
}

export function outcome(result: AssignStaffMutation): string {
  const r = result.assignStaff;
  switch (r.__typename) {
    case 'RotaEdit':
      return \`version \${r.rota.version}, \${r.assignments.length} assignment(s), \${r.warnings.length} warning(s)\`;
    case 'RuleViolations':
      return \`refused: \${r.hardCount} (\${r.violations.map((v) => v.ruleCode).join(', ')})\`;
  }
}

export const assign: AssignStaffMutationVariables = {
  input: { shiftId: 's', staffId: 'p', expectedVersion: 3, override: { reason: 'Agreed', ruleCodes: ['DAILY_REST'] } },
};

export const page: StaffDirectoryQueryVariables = { first: 50, filter: { nameContains: 'Okafor' } };

export function decidedBy(result: DecideAbsenceMutation): string {
  const a = result.decideAbsence;
  // People are Users: a name always, a staff record when they have one, a decider once decided.
  const who = a.requestedBy.staffMember ? \`\${a.requestedBy.name} (staff)\` : a.requestedBy.name;
  return \`\${who}: \${a.status} by \${a.decidedBy?.name ?? 'nobody yet'}\`;
}

export const decide: DecideAbsenceMutationVariables = {
  input: { absenceId: 'a', decision: 'APPROVE', reason: 'Covered' },
};
`;

/** Compiles `usage` beside the generated types, in a scratch folder, under strict TypeScript: the diagnostics. */
function compile(generated: string, usage: string): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-client-'));
  try {
    writeFileSync(join(dir, 'generated.ts'), generated);
    writeFileSync(join(dir, 'usage.ts'), usage);
    const options: ts.CompilerOptions = {
      strict: true,
      noEmit: true,
      noUncheckedIndexedAccess: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ES2022,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      lib: ['lib.es2022.d.ts'],
      types: [],
    };
    const program = ts.createProgram([join(dir, 'usage.ts')], options);
    return ts
      .getPreEmitDiagnostics(program)
      .map(
        (d) =>
          `${d.file?.fileName.slice(dir.length + 1) ?? ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`,
      );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The types of tests/client/operations.graphql, generated from schema.gql. */
function generate(): Promise<string> {
  const schemaText = read('schema.gql');
  return codegen({
    filename: 'generated.ts',
    schema: parse(schemaText),
    documents: [{ document: parse(read('tests/client/operations.graphql')) }],
    config: { scalars: SCALARS, enumsAsTypes: true, strictScalars: true },
    // typescript-operations 6 writes the schema types the operations use (enums, inputs, scalars) itself.
    plugins: [{ typescriptOperations: {} }],
    pluginMap: { typescriptOperations: operationsPlugin },
  });
}

describe('a typed client generated from schema.gql', () => {
  it('validates realistic operations, generates their types and compiles code using them under strict TypeScript', async () => {
    const schema = buildSchema(read('schema.gql'));
    const document = parse(read('tests/client/operations.graphql'));
    expect(validate(schema, document).map((e) => e.message)).toEqual([]);
    const generated = await generate();
    expect(compile(generated, USAGE)).toEqual([]);
    // The types say what the operations ask for, with the scalars as the conventions say.
    expect(generated).toContain('export type WhoAmIQuery');
    expect(generated).toMatch(/startsAt: string/);
    expect(generated).toMatch(/export type RuleCode =\s*(\/\*\*[^*]*\*\/\s*)?\| 'AVERAGE_WEEKLY_HOURS'/);
  });

  it('fails to compile code that misuses the generated types (the check can fail)', async () => {
    const wrong = `import type { RotaBoardQuery } from './generated';
      export const n = (b: RotaBoardQuery): number => b.rota.shifts[0]!.startsAt;`;
    expect(compile(await generate(), wrong).join('\n')).toMatch(
      /Type 'string' is not assignable to type 'number'/,
    );
  });
});
