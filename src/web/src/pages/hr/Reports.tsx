import type { ReactNode } from 'react';
import { Link } from '../../router';
import { useTitle } from '../staff/useLoad';

export const REPORTS = [
  {
    href: '/reports/joint-roles',
    title: 'Joint roles',
    text: 'Joint roles and appointments in a period: count, FTE and cost by partner and sector, and how rostered time splits against what the partners agreed.',
  },
  {
    href: '/reports/placements',
    title: 'Placements',
    text: 'Cross-sector moves in a period by direction, kind, status and phase, and how long decisions take.',
  },
  {
    href: '/reports/compliance',
    title: 'Compliance',
    text: 'Rules broken on published rotas by rule and team, month by month, and the overrides managers made.',
  },
  {
    href: '/reports/credentials',
    title: 'Expiring credentials',
    text: 'Credentials in your staff’s skills passports that have expired or expire soon, by team.',
  },
];

/** The HR dashboard: the four reports. */
export function ReportsPage() {
  useTitle('Reports');
  return (
    <>
      <h1>Reports</h1>
      <p>Each report covers the organisations you report on, and each downloads as a spreadsheet (CSV).</p>
      <ul className="nhsuk-grid-row nhsuk-card-group">
        {REPORTS.map((r) => (
          <li key={r.href} className="nhsuk-grid-column-one-half nhsuk-card-group__item">
            <div className="nhsuk-card nhsuk-card--clickable">
              <div className="nhsuk-card__content">
                <h2 className="nhsuk-card__heading nhsuk-heading-m">
                  <Link className="nhsuk-card__link" href={r.href}>
                    {r.title}
                  </Link>
                </h2>
                <p className="nhsuk-card__description">{r.text}</p>
              </div>
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}

/** The back link to the dashboard, above each report. */
export function BackToReports() {
  return (
    <Link className="nhsuk-back-link" href="/reports">
      Back to reports
    </Link>
  );
}

/** A report's CSV downloads, as a list of links. */
export function Downloads({ children }: { children: ReactNode }) {
  return (
    <section aria-labelledby="downloads" className="nhsuk-u-margin-bottom-6">
      <h2 id="downloads" className="nhsuk-heading-s">
        Download as a spreadsheet (CSV)
      </h2>
      <ul className="nhsuk-list">{children}</ul>
    </section>
  );
}
