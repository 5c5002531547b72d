import { createHash } from 'node:crypto';
import { finding, type EvidenceRef, type Finding } from '../finding';
import { guidanceFor, ruleCatalogue } from '../risk/catalogue';

export type SignalCode = Extract<keyof typeof ruleCatalogue, `SIG_${string}`>;

/**
 * Builds a signal finding whose stage, severity, hard stop and citation come from the rule catalogue, so
 * the rule code and the case page cannot disagree about what a code means.
 */
export function signalFinding(code: SignalCode, message: string, evidence: EvidenceRef[], fact?: string, basis?: string): Finding {
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
    ...(basis && { basis }),
  });
}

/** The basis of a finding (Finding.basis): a digest of the keys of every fact it counts, in any order. */
export function basisOf(keys: Iterable<string>): string {
  return createHash('sha256')
    .update([...new Set(keys)].sort().join('\n'))
    .digest('base64url')
    .slice(0, 32);
}
