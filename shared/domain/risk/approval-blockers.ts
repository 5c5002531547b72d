import type { CaseRecord, EvidenceRecord } from '../cases/case-model';
import { findingsInForce } from '../cases/latest-findings';
import { recordedPayoutVersions } from '../bank/payout-accounts';
import type { Policy } from '../policy/policy-schema';

/**
 * Hard conditions on approval, written in the policy or the law, that no score outweighs: while one holds,
 * a reviewer may reject or ask for information but not approve. Pure, so the review page shows exactly the
 * conditions the approval is refused for. Each line says what to do about it.
 *
 *  - A strong sanctions match: only compliance clears it, never from a reviewer's link. Once compliance has
 *    cleared it (two people, on the hold), it no longer blocks: it blocked for good before, and a cleared
 *    false positive could only be rejected or expire (adversarial pass, December 2026). A match recorded
 *    after the clearance blocks again.
 *  - engagement.allowCryptoPayment false and the payout (as requested, or as last changed on the platform)
 *    is crypto: ask for a bank account through the information round.
 *  - engagement.requireCameraOnInterview and the interview in force says the camera was off: a compliance
 *    officer (policy.reviewerPools.compliance) may approve it; other reviewers may not.
 */
export function approvalBlockers(
  c: Pick<CaseRecord, 'application' | 'risk' | 'clearances'>,
  evidence: readonly EvidenceRecord[],
  policy: Pick<Policy, 'engagement' | 'reviewerPools'>,
  viewer?: { email: string },
): string[] {
  const out: string[] = [];
  const findings = findingsInForce(evidence, c.clearances);
  if ((c.risk?.drivers ?? []).includes('SCR_STRONG_MATCH') || findings.some((f) => f.code === 'SCR_STRONG_MATCH'))
    out.push('A strong sanctions match cannot be approved from a link; compliance must clear it.');
  if (!policy.engagement.allowCryptoPayment && currentPayoutMethod(c, evidence) === 'crypto')
    out.push(
      'The payout is in cryptocurrency, which the policy does not allow (engagement.allowCryptoPayment is false). Ask the contractor for a bank account in their own name ("request information"); the case can be approved once the payout is a bank account.',
    );
  const isCompliance = viewer !== undefined && policy.reviewerPools.compliance.some((e) => e.toLowerCase() === viewer.email.toLowerCase());
  if (policy.engagement.requireCameraOnInterview && !isCompliance && cameraOff(evidence))
    out.push(
      'The interviewer recorded the camera as off, and the policy requires camera-on interviews (engagement.requireCameraOnInterview). Only a compliance officer may approve this case; otherwise ask for a new interview with the camera on or reject.',
    );
  return out;
}

/**
 * The payout method in force: the latest the platform reported, by the event's own time, whether as a
 * method change or as a new payout account (whose versions the payout change keeps, shared/domain/bank/payout-accounts.ts),
 * else the request's.
 */
export function currentPayoutMethod(c: Pick<CaseRecord, 'application'>, evidence: readonly EvidenceRecord[]): string {
  let latest: { time: string; method: string } | undefined;
  for (const v of recordedPayoutVersions(evidence)) if (!latest || Date.parse(v.changedAt) > Date.parse(latest.time)) latest = { time: v.changedAt, method: v.method };
  for (const e of evidence) {
    if (e.stage !== 'signals' || !Array.isArray(e.data?.batch)) continue;
    for (const s of e.data.batch as unknown[]) {
      if (!s || typeof s !== 'object') continue;
      const { type, time, method } = s as { type?: unknown; time?: unknown; method?: unknown };
      if (type === 'payment-method-change' && typeof time === 'string' && typeof method === 'string' && (!latest || Date.parse(time) > Date.parse(latest.time))) latest = { time, method };
    }
  }
  return latest?.method ?? c.application.payment.method;
}

/** The interview in force reports the camera off (a "not sure" is a finding, not a refusal). */
function cameraOff(evidence: readonly EvidenceRecord[]): boolean {
  const interview = evidence.filter((e) => e.stage === 'interview').sort((a, b) => (a.recordedAt < b.recordedAt ? 1 : -1))[0];
  return (interview?.findings ?? []).some((f) => f.code === 'INT_CAMERA_OFF' && f.severity === 'high');
}
