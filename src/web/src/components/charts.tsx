import { useId } from 'react';
import './charts.css';

/**
 * Simple accessible bar charts in SVG: one row of bars per category (a bar per series), each bar labelled with its
 * value, a legend that does not rely on colour alone (the bars of a row are always in the legend's order), and the
 * same figures as a table for anyone who would rather read (or cannot see the chart).
 */

export interface ChartSeries {
  key: string;
  label: string;
}

export interface ChartRow {
  label: string;
  values: Record<string, number | null | undefined>;
}

/** NHS palette colours with at least 3:1 contrast against the white page (WCAG 1.4.11). */
export const CHART_COLOURS = ['#005eb8', '#007f3b', '#330072', '#d5281b', '#425563', '#7c2855'];

const WIDTH = 720;
const BAR = 20;
const BAR_GAP = 4;
const LABEL = 22;
const ROW_GAP = 14;
const VALUE_ROOM = 110;
/** About as many characters of a category's label as fit the chart's width (the table has it whole). */
const LABEL_CHARS = 84;
const fit = (label: string) => (label.length > LABEL_CHARS ? `${label.slice(0, LABEL_CHARS - 1)}…` : label);

export function BarChart({
  title,
  summary,
  rows,
  series,
  format = (n) => n.toLocaleString('en-GB'),
  unit,
  headerLabel = 'Category',
}: {
  /** What the chart shows (its caption and accessible name). */
  title: string;
  /** One sentence saying what it shows (its accessible description). */
  summary: string;
  rows: ChartRow[];
  series: ChartSeries[];
  format?: (n: number) => string;
  /** The unit of the values, for the table's header. */
  unit?: string;
  /** The table's first column header. */
  headerLabel?: string;
}) {
  const id = useId();
  if (rows.length === 0) {
    return (
      <figure className="tandem-chart">
        <figcaption className="nhsuk-heading-s">{title}</figcaption>
        <p>Nothing to show for this period.</p>
      </figure>
    );
  }
  const max = Math.max(1e-9, ...rows.flatMap((r) => series.map((s) => Math.abs(r.values[s.key] ?? 0))));
  const scale = (WIDTH - VALUE_ROOM) / max;
  const rowHeight = LABEL + series.length * (BAR + BAR_GAP) + ROW_GAP;
  const height = rows.length * rowHeight;
  return (
    <figure className="tandem-chart" aria-labelledby={`${id}-title`}>
      <figcaption className="nhsuk-heading-s" id={`${id}-title`}>
        {title}
      </figcaption>
      {series.length > 1 && (
        <ul className="tandem-chart__legend" aria-label="Key">
          {series.map((s, i) => (
            <li key={s.key}>
              <svg
                width="16"
                height="16"
                className="tandem-chart__swatch"
                aria-hidden="true"
                focusable="false"
              >
                <rect width="16" height="16" fill={CHART_COLOURS[i % CHART_COLOURS.length]} />
              </svg>
              {s.label}
              {i === 0 ? ' (top bar)' : i === series.length - 1 ? ' (bottom bar)' : ''}
            </li>
          ))}
        </ul>
      )}
      <svg
        viewBox={`0 0 ${WIDTH} ${height}`}
        width={WIDTH}
        height={height}
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        focusable="false"
      >
        <desc id={`${id}-desc`}>{summary} The figures are in the table below the chart.</desc>
        {rows.map((r, ri) => {
          const top = ri * rowHeight;
          return (
            <g key={`${r.label}-${ri}`} aria-hidden="true">
              <text x={0} y={top + 16} fontSize="15" fill="#212b32">
                {fit(r.label)}
              </text>
              {series.map((s, si) => {
                const v = r.values[s.key];
                const w = v == null ? 0 : Math.max(v === 0 ? 0 : 2, Math.abs(v) * scale);
                const y = top + LABEL + si * (BAR + BAR_GAP);
                return (
                  <g key={s.key}>
                    <rect
                      x={0}
                      y={y}
                      width={w}
                      height={BAR}
                      fill={CHART_COLOURS[si % CHART_COLOURS.length]}
                    />
                    <text x={w + 6} y={y + 15} fontSize="14" fill="#212b32">
                      {v == null ? 'none' : format(v)}
                    </text>
                  </g>
                );
              })}
            </g>
          );
        })}
        <line x1={0} y1={0} x2={0} y2={height - ROW_GAP} stroke="#425563" strokeWidth={1} />
      </svg>
      <details className="nhsuk-details">
        <summary className="nhsuk-details__summary">
          <span className="nhsuk-details__summary-text">Show the figures as a table</span>
        </summary>
        <div className="nhsuk-details__text">
          <ChartTable
            title={title}
            rows={rows}
            series={series}
            format={format}
            unit={unit}
            headerLabel={headerLabel}
          />
        </div>
      </details>
    </figure>
  );
}

/** The chart's figures as a design-system table. */
export function ChartTable({
  title,
  rows,
  series,
  format,
  unit,
  headerLabel,
}: {
  title: string;
  rows: ChartRow[];
  series: ChartSeries[];
  format: (n: number) => string;
  unit?: string;
  headerLabel: string;
}) {
  return (
    <table className="nhsuk-table">
      <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">{title}</caption>
      <thead className="nhsuk-table__head">
        <tr className="nhsuk-table__row">
          <th scope="col" className="nhsuk-table__header">
            {headerLabel}
          </th>
          {series.map((s) => (
            <th key={s.key} scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">
              {s.label}
              {unit ? ` (${unit})` : ''}
            </th>
          ))}
        </tr>
      </thead>
      <tbody className="nhsuk-table__body">
        {rows.map((r, i) => (
          <tr key={`${r.label}-${i}`} className="nhsuk-table__row">
            <th scope="row" className="nhsuk-table__header">
              {r.label}
            </th>
            {series.map((s) => {
              const v = r.values[s.key];
              return (
                <td key={s.key} className="nhsuk-table__cell nhsuk-table__cell--numeric">
                  {v == null ? '–' : format(v)}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
