import type { IsoDate, RuleProfile, RuleSetSpec, Severity } from './model.js';
import { presetVersion } from './presets/presets.js';
import type { Rule, RuleConfig } from './rule.js';

/**
 * A team's rule set = WTR_1998, then its preset, then (for a person whose rule profile is DOCTOR_IN_TRAINING)
 * the doctors' preset, then the team's overrides. Each preset contributes the version in force on `on` (the
 * rota's first day). A rule runs unless its severity is OFF or one of its required parameters is unset.
 */
export function resolveRules(
  catalogue: readonly Rule[],
  spec: RuleSetSpec,
  on: IsoDate,
  profile: RuleProfile = 'STANDARD',
): Map<string, RuleConfig> {
  const severity = new Map<string, Severity | 'OFF'>(catalogue.map((r) => [r.code, r.defaultSeverity]));
  const params = new Map<string, Record<string, number | null>>(catalogue.map((r) => [r.code, {}]));
  const apply = (
    rules: Record<string, { severity?: Severity | 'OFF'; params?: Record<string, number | null> }>,
  ) => {
    for (const [code, change] of Object.entries(rules)) {
      if (!params.has(code)) continue;
      if (change.severity) severity.set(code, change.severity);
      if (change.params) params.set(code, { ...params.get(code), ...change.params });
    }
  };
  const layers = ['WTR_1998' as const, spec.preset];
  if (profile === 'DOCTOR_IN_TRAINING') layers.push('NHS_DOCTORS_2016');
  for (const name of new Set(layers)) {
    const version = presetVersion(name, on);
    if (version) apply(version.rules);
  }
  if (spec.overrides) apply(spec.overrides as Parameters<typeof apply>[0]);

  const resolved = new Map<string, RuleConfig>();
  for (const rule of catalogue) {
    const sev = severity.get(rule.code)!;
    const p = params.get(rule.code)!;
    if (sev === 'OFF') continue;
    if (rule.requiredParams.some((name) => p[name] === null || p[name] === undefined)) continue;
    resolved.set(rule.code, { code: rule.code, severity: sev, params: p });
  }
  return resolved;
}
