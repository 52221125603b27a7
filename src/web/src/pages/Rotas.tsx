import { useEffect, useState } from 'react';
import { request } from '../api/client';
import { type TeamRotasQuery, TeamRotasDocument } from '../api/generated';
import type { Me } from '../App';
import { ErrorSummary, Inset, Tag } from '../components/nhs';
import { Link } from '../router';

type Rota = TeamRotasQuery['rotas'][number];

export const formatDate = (d: string): string =>
  new Date(`${d}T12:00:00Z`).toLocaleDateString('en-GB', {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });

export function StatusTag({ status }: { status: string }) {
  return (
    <Tag colour={status === 'PUBLISHED' ? 'green' : 'grey'}>
      {status === 'PUBLISHED' ? 'Published' : 'Draft'}
    </Tag>
  );
}

export function RotasPage({ me }: { me: Me }) {
  const [rotas, setRotas] = useState<Record<string, Rota[]>>({});
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    document.title = 'Your teams’ rotas – Tandem';
    let live = true;
    Promise.all(
      me.teams.map(async (t) => [t.id, (await request(TeamRotasDocument, { teamId: t.id })).rotas] as const),
    )
      .then((pairs) => live && setRotas(Object.fromEntries(pairs)))
      .catch((e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [me]);

  return (
    <>
      <h1>Your teams’ rotas</h1>
      {error && <ErrorSummary errors={[{ message: error }]} />}
      {me.teams.length === 0 && (
        <Inset>
          <p>You do not manage a team, so there are no rotas to show here.</p>
        </Inset>
      )}
      {me.teams.map((team) => (
        <section key={team.id} aria-labelledby={`team-${team.id}`} className="nhsuk-u-margin-bottom-7">
          <h2 id={`team-${team.id}`}>
            {team.name} <span className="nhsuk-caption-m">{team.organisation.name}</span>
          </h2>
          <p>
            <Link className="nhsuk-link" href={`/teams/${team.id}/from-template`}>
              Build a week from a template<span className="nhsuk-u-visually-hidden"> for {team.name}</span>
            </Link>
          </p>
          {rotas[team.id] === undefined ? (
            <p>Loading rotas…</p>
          ) : rotas[team.id]!.length === 0 ? (
            <p>No rotas yet.</p>
          ) : (
            <table className="nhsuk-table">
              <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">Rotas of {team.name}</caption>
              <thead className="nhsuk-table__head">
                <tr className="nhsuk-table__row">
                  <th scope="col" className="nhsuk-table__header">
                    Rota
                  </th>
                  <th scope="col" className="nhsuk-table__header">
                    From
                  </th>
                  <th scope="col" className="nhsuk-table__header">
                    To
                  </th>
                  <th scope="col" className="nhsuk-table__header">
                    Status
                  </th>
                </tr>
              </thead>
              <tbody className="nhsuk-table__body">
                {rotas[team.id]!.map((r) => (
                  <tr key={r.id} className="nhsuk-table__row">
                    <td className="nhsuk-table__cell">
                      <Link className="nhsuk-link" href={`/rotas/${r.id}`}>
                        {r.name ?? `Rota from ${formatDate(r.startDate)}`}
                      </Link>
                    </td>
                    <td className="nhsuk-table__cell">{formatDate(r.startDate)}</td>
                    <td className="nhsuk-table__cell">{formatDate(r.endDate)}</td>
                    <td className="nhsuk-table__cell">
                      <StatusTag status={r.status} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      ))}
    </>
  );
}
