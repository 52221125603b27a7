import type { Violation as CoreViolation } from '../../rota-core/model.js';
import { unitOf } from '../../rota-core/index.js';
import { MeasureUnit, type Violation, ViolationSeverity } from './checks.types.js';

/** rota-core violations carry epoch milliseconds; the API carries DateTimes. */
export function toViolation(v: CoreViolation): Violation {
  return {
    ruleCode: v.ruleCode,
    severity: v.severity === 'HARD' ? ViolationSeverity.HARD : ViolationSeverity.SOFT,
    penalty: v.penalty,
    staffId: v.staffId,
    shiftIds: v.shiftIds,
    windowStart: new Date(v.windowStart),
    windowEnd: new Date(v.windowEnd),
    measured: v.measured,
    limit: v.limit,
    unit: MeasureUnit[unitOf(v)],
    message: v.message,
  };
}
