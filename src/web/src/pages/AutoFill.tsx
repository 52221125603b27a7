import { useEffect, useRef, useState } from 'react';
import { request } from '../api/client';
import {
  ApplySolveDocument,
  DiscardSolveDocument,
  type RuleCode,
  SolveDocument,
  type SolveRunFieldsFragment,
  SolveRunStatusDocument,
} from '../api/generated';
import { ErrorSummary, TextField } from '../components/nhs';
import { hardRules, OverrideDialog, type Violation, ViolationList } from '../components/violations';
import type { Rota } from './Board';
import { formatDate } from './Rotas';

const FINISHED = new Set(['SUCCEEDED', 'CANCELLED', 'FAILED', 'APPLIED', 'DISCARDED']);

/**
 * Auto-fill: asks the solver for a proposal, follows its progress about once a second, then shows what it would
 * change (assignments added and removed, problems it ends and brings) to apply or discard.
 */
export function AutoFill({ rota, onApplied }: { rota: Rota; onApplied: () => Promise<void> }) {
  const [seconds, setSeconds] = useState('10');
  const [run, setRun] = useState<SolveRunFieldsFragment | null>(null);
  const [error, setError] = useState<{ field?: string; message: string } | null>(null);
  const [refusal, setRefusal] = useState<{ message: string; violations: Violation[] } | null>(null);
  const timer = useRef<number | undefined>(undefined);

  useEffect(() => () => window.clearTimeout(timer.current), []);

  const poll = (id: string) => {
    timer.current = window.setTimeout(() => {
      request(SolveRunStatusDocument, { id })
        .then(({ solveRun }) => {
          setRun(solveRun);
          if (!FINISHED.has(solveRun.status)) poll(id);
        })
        .catch((e: Error) => setError({ message: e.message }));
    }, 1000);
  };

  const start = async () => {
    const s = Number(seconds);
    if (!Number.isInteger(s) || s < 1 || s > 600) {
      setError({ field: 'solve-seconds', message: 'Enter how long the solver may search, 1 to 600 seconds' });
      return;
    }
    setError(null);
    try {
      const { solveRota } = await request(SolveDocument, { input: { rotaId: rota.id, seconds: s } });
      setRun(solveRota);
      poll(solveRota.id);
    } catch (e) {
      setError({ message: (e as Error).message });
    }
  };

  const apply = async (override: { reason: string; ruleCodes: RuleCode[] } | null = null) => {
    if (!run) return;
    try {
      const { applySolveRun } = await request(ApplySolveDocument, {
        input: { id: run.id, expectedVersion: rota.version, override },
      });
      if (applySolveRun.__typename === 'RuleViolations') {
        setRefusal({ message: applySolveRun.message, violations: applySolveRun.violations });
        return;
      }
      setRefusal(null);
      setRun(null);
      await onApplied();
    } catch (e) {
      setRefusal(null);
      setError({ message: (e as Error).message });
    }
  };

  const discard = async () => {
    if (!run) return;
    try {
      await request(DiscardSolveDocument, { input: { id: run.id } });
      setRun(null);
    } catch (e) {
      setError({ message: (e as Error).message });
    }
  };

  const assignments = new Map(
    rota.shifts.flatMap((s) => s.assignments.map((a) => [a.id, { a, s }] as const)),
  );
  const progress = run?.progress;
  const proposal = run?.proposal;
  return (
    <section aria-labelledby="autofill-heading" className="nhsuk-u-margin-top-7">
      <h2 id="autofill-heading">Auto-fill</h2>
      <ErrorSummary errors={error ? [error] : []} />
      {!run && (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void start();
          }}
        >
          <TextField
            id="solve-seconds"
            label="How long the solver may search (seconds)"
            width={3}
            value={seconds}
            onChange={setSeconds}
            error={error?.field ? error.message : undefined}
          />
          <button type="submit" className="nhsuk-button nhsuk-button--secondary">
            Auto-fill the rota
          </button>
        </form>
      )}
      {run && !FINISHED.has(run.status) && (
        <div role="status">
          <p>
            The solver is {run.status === 'QUEUED' ? 'waiting to start' : 'searching'}
            {progress &&
              `: ${Math.round(progress.elapsedSeconds)} of ${run.options.seconds} seconds, ${progress.hardCount} hard breaches, soft penalty ${Math.round(progress.softPenalty)}`}
            .
          </p>
          <progress
            max={run.options.seconds}
            value={progress?.elapsedSeconds ?? 0}
            aria-label="Solver progress"
          />
        </div>
      )}
      {run?.status === 'FAILED' && (
        <ErrorSummary errors={[{ message: `The solver failed: ${run.error ?? 'no reason given'}` }]} />
      )}
      {proposal && (run?.status === 'SUCCEEDED' || run?.status === 'CANCELLED') && (
        <div className="tandem-proposal">
          <h3>The proposal</h3>
          <p>
            {proposal.diff.added.length} added, {proposal.diff.removedAssignmentIds.length} removed,{' '}
            {proposal.diff.unchanged} unchanged; {proposal.hardCount} hard breaches left.
            {run.stale && ' The rota has changed since the solver started: applying it would be refused.'}
          </p>
          <div className="tandem-diff">
            <div>
              <h4>Added</h4>
              <ul className="nhsuk-list tandem-diff__added">
                {proposal.diff.added.map((a) => (
                  <li key={`${a.shiftId}-${a.staffId}`}>
                    + {a.staff.name}: {a.shift.shiftType.code} {formatDate(a.shift.localDate)}{' '}
                    {a.shift.startTime.slice(0, 5)}
                  </li>
                ))}
              </ul>
            </div>
            <div>
              <h4>Removed</h4>
              <ul className="nhsuk-list tandem-diff__removed">
                {proposal.diff.removedAssignmentIds.map((id) => {
                  const x = assignments.get(id);
                  return (
                    <li key={id}>
                      − {x ? `${x.a.staff.name}: ${x.s.shiftType.code} ${formatDate(x.s.localDate)}` : id}
                    </li>
                  );
                })}
              </ul>
            </div>
          </div>
          <h4>Problems it ends ({proposal.diff.violationsResolved.length})</h4>
          <ViolationList violations={proposal.diff.violationsResolved} />
          <h4>Problems it brings ({proposal.diff.violationsIntroduced.length})</h4>
          <ViolationList violations={proposal.diff.violationsIntroduced} />
          <div className="tandem-actions">
            <button type="button" className="nhsuk-button" onClick={() => void apply()}>
              Apply the proposal
            </button>
            <button
              type="button"
              className="nhsuk-button nhsuk-button--secondary"
              onClick={() => void discard()}
            >
              Discard it
            </button>
          </div>
        </div>
      )}
      {refusal && (
        <OverrideDialog
          message={refusal.message}
          violations={refusal.violations}
          onCancel={() => setRefusal(null)}
          onConfirm={(reason) => apply({ reason, ruleCodes: hardRules(refusal.violations) })}
        />
      )}
    </section>
  );
}
