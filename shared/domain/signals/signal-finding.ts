import { finding, type EvidenceRef, type Finding } from '../finding';
import { guidanceFor, ruleCatalogue } from '../risk/catalogue';

export type SignalCode = Extract<keyof typeof ruleCatalogue, `SIG_${string}`>;

/**
 * Builds a signal finding whose stage, severity, hard stop and citation come from the rule catalogue, so
 * the rule code and the case page cannot disagree about what a code means.
 */
export function signalFinding(code: SignalCode, message: string, evidence: EvidenceRef[], fact?: string): Finding {
  const rule = ruleCatalogue[code];
  return finding({
    code,
    stage: 'signals',
    severity: rule.severity,
    hardStop: rule.hardStop,
    message,
    evidence,
    guidance: guidanceFor(code),
    ...(fact && { fact }),
  });
}
