const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

/**
 * A duration as written in configuration and on the command line: a whole number and a unit, `90s`, `30m`,
 * `12h`, `7d` (a leading `-` for the past: `-1m`). Seconds, or undefined when it is not one.
 */
export function parseDuration(text: string): number | undefined {
  const match = /^(-?)(\d{1,9})([smhd])$/.exec(text.trim());
  if (!match) return undefined;
  const seconds = Number(match[2]) * UNITS[match[3]!]!;
  return match[1] ? -seconds : seconds;
}

/** The shortest exact spelling of a number of seconds: 43200 → `12h`, 5400 → `90m`. */
export function formatDuration(seconds: number): string {
  for (const unit of ['d', 'h', 'm'] as const) {
    const size = UNITS[unit]!;
    if (seconds !== 0 && seconds % size === 0) return `${seconds / size}${unit}`;
  }
  return `${seconds}s`;
}
