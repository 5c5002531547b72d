import type { EvidenceRecord } from '../cases/case-model';
import type { Finding } from '../finding';
import { basisOf, signalFinding } from '../signals/signal-finding';

/**
 * Where a former employer's answer came from, as the signals compare it: the keyed prints of the address the
 * reference's form was posted from (ipFingerprints: the address, its one spelling, an IPv6 home network). The
 * address itself is never kept.
 */
export interface ReferenceAnswerPrints {
  /** The reference evidence's run (one per reference asked). */
  runId: string;
  employer: string;
  prints: string[];
}

/** The reference answers recorded on a case that came with an address (a public one; see reference-check.ts). */
export function referenceAnswerPrints(evidence: readonly EvidenceRecord[]): ReferenceAnswerPrints[] {
  const out: ReferenceAnswerPrints[] = [];
  for (const e of evidence) {
    if (e.stage !== 'references') continue;
    const prints = e.data?.answeredFrom;
    if (!Array.isArray(prints) || !prints.length) continue;
    const employer = typeof e.inputs?.employer === 'string' ? e.inputs.employer : 'a former employer';
    out.push({ runId: e.runId, employer, prints: prints.filter((p): p is string => typeof p === 'string') });
  }
  return out.sort((a, b) => a.runId.localeCompare(b.runId));
}

/**
 * A reference who answers from the contractor's own address or home network is, most likely, the contractor
 * (or whoever runs their identity): the confirmation of their past job is their own. From an address another
 * applicant used, the reference is part of a set of identities run from one place (a laptop farm answering its
 * own references). `applicantPrints`: the prints of every address the contractor was seen at (platform logins,
 * their own link visits); `otherApplicants`: by answer run, the other cases seen at its address.
 */
export function referenceNetworkFindings(answers: readonly ReferenceAnswerPrints[], applicantPrints: ReadonlySet<string>, otherApplicants: ReadonlyMap<string, readonly string[]>): Finding[] {
  const out: Finding[] = [];
  for (const a of answers) {
    const shared = a.prints.filter((p) => applicantPrints.has(p));
    if (shared.length)
      out.push(
        signalFinding(
          'SIG_REFERENCE_FROM_APPLICANT_NETWORK',
          `The reference at ${a.employer} answered from the same internet address (or home network) the contractor uses: the confirmation of the past job may be the contractor's own. Verify the employment with the employer through a contact found independently.`,
          [{ kind: 'reference-answer', detail: { employer: a.employer, run: a.runId } }],
          undefined,
          basisOf([a.runId, ...shared]),
        ),
      );
    const others = otherApplicants.get(a.runId) ?? [];
    if (others.length)
      out.push(
        signalFinding(
          'SIG_REFERENCE_FROM_OTHER_APPLICANT_NETWORK',
          `The reference at ${a.employer} answered from an internet address another applicant used (${others.length === 1 ? 'onboarding' : 'onboardings'} ${others.join(', ')}): several identities and their references may be run from one place.`,
          [{ kind: 'reference-answer', detail: { employer: a.employer, run: a.runId, otherApplicants: others } }],
          undefined,
          basisOf([a.runId, ...others]),
        ),
      );
  }
  return out;
}
