import { compareSeverity, type Severity } from '../finding';
import { redactIdentifiers } from '../pages/format';

export interface FindingSummary {
  severity: Severity;
  message: string;
}

/**
 * The few findings a reviewer sees in an email: most severe first, messages only (no evidence, codes or
 * identifiers), with any account or document number a stage may have written into a message masked.
 */
export function topFindings(findings: readonly FindingSummary[], limit = 5): FindingSummary[] {
  return [...findings]
    .filter((f) => f.severity !== 'info')
    .sort((a, b) => compareSeverity(b.severity, a.severity))
    .slice(0, limit)
    .map((f) => ({ severity: f.severity, message: redactIdentifiers(f.message) }));
}

export const RISK_LABEL: Record<Severity, string> = {
  info: 'minimal',
  low: 'low',
  medium: 'medium',
  high: 'high',
  critical: 'critical',
};
