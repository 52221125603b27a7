import { applyDecorators } from '@nestjs/common';
import { IsInt, Max, Min } from 'class-validator';

/**
 * The limits of a shift's inputs, in one place: every input that sets a length, a break or a headcount (a shift
 * type, a shift, a pattern line, a template line, an edit) validates it with these.
 */

/** A wall-clock length: 1 minute to 24 hours. */
export const ShiftLength = () =>
  applyDecorators(
    IsInt(),
    Min(1, { message: 'must be at least 1 minute' }),
    Max(1440, { message: 'must be at most 24 hours' }),
  );

/** An unpaid break: none to 12 hours. */
export const UnpaidBreak = () => applyDecorators(IsInt(), Min(0), Max(720));

/** A minimum or target headcount: 0–1000 people (a cap, `maxHeadcount`, starts at 1). */
export const Headcount = (least = 0) => applyDecorators(IsInt(), Min(least), Max(1000));
