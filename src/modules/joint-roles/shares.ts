import { BadUserInputError } from '../../common/errors/domain-error.js';

/**
 * Percent with at most two decimals → integer hundredths (12.5 → 1250). Comparing sums in integers avoids
 * floating-point drift (0.1 + 0.2 ≠ 0.3): 33.33 × 3 is 9999, not 100.
 */
export function toHundredths(value: number, field: string): number {
  const scaled = value * 100;
  const rounded = Math.round(scaled);
  if (!Number.isFinite(value) || Math.abs(scaled - rounded) > 1e-6) {
    throw new BadUserInputError('must have at most two decimals', field);
  }
  return rounded;
}

export interface ShareInput {
  organisationId: string;
  fundingSharePercent: number;
  timeSharePercent: number;
}

/** Checks both sets of shares sum to exactly 100 and no partner appears twice; BAD_USER_INPUT naming the field. */
export function checkShares(partners: readonly ShareInput[], field: string): void {
  if (partners.length < 2) throw new BadUserInputError('a joint role needs at least two partners', field);
  const seen = new Set<string>();
  let funding = 0;
  let time = 0;
  partners.forEach((p, i) => {
    if (seen.has(p.organisationId))
      throw new BadUserInputError('lists a partner twice', `${field}[${i}].organisationId`);
    seen.add(p.organisationId);
    const f = toHundredths(p.fundingSharePercent, `${field}[${i}].fundingSharePercent`);
    const t = toHundredths(p.timeSharePercent, `${field}[${i}].timeSharePercent`);
    if (f < 0 || f > 10000)
      throw new BadUserInputError('must be between 0 and 100', `${field}[${i}].fundingSharePercent`);
    if (t < 0 || t > 10000)
      throw new BadUserInputError('must be between 0 and 100', `${field}[${i}].timeSharePercent`);
    if (f === 0 && t === 0)
      throw new BadUserInputError('a partner with no funding and no time is not a partner', `${field}[${i}]`);
    funding += f;
    time += t;
  });
  if (funding !== 10000) {
    throw new BadUserInputError(
      `funding shares must sum to exactly 100 (they sum to ${funding / 100})`,
      field,
    );
  }
  if (time !== 10000)
    throw new BadUserInputError(`time shares must sum to exactly 100 (they sum to ${time / 100})`, field);
}
