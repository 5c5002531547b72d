import { GetObjectCommand, NoSuchKey, s3Client } from '../../shared/adapters/aws/s3';
import { documentImageFingerprints, nearImageFingerprints } from '../../shared/domain/cases/fingerprints';
import { findLinkedCases } from '../../shared/app/cases/linked-applicants';
import { recordStageResult } from '../../shared/app/cases/record-stage';
import { loadKeys } from '../../shared/config/secrets';
import { sharedImageFindings } from '../../shared/domain/document/shared-images';
import { requireSetting } from '../../shared/config/env';
import { activePolicy } from '../../shared/config/policy';
import { audit, env, repo } from '../../shared/config/services';
import { checkIdentityDocument } from '../../shared/domain/document/check-document';
import { engagementEnd } from '../../shared/domain/policy/policy-queries';
import { judgeIntakeProfile } from '../../shared/domain/risk/intake-profile';
import { inspectUploadedFile, missingUploadFinding, type FileInspection } from '../../shared/domain/document/inspect-file';
import { maskDocumentNumber } from '../../shared/domain/document/mask';
import type { Finding } from '../../shared/domain/finding';
import { stageTask } from '../../shared/adapters/lambda/stage-task';
import { stageInput } from '../../shared/adapters/lambda/task-input';
import { bornStatusClaim, deliverBornStatus, deliverClaimed } from '../../shared/config/notify';

/**
 * Identity-document check: each uploaded file read from S3 and inspected (real type, size, SHA-256,
 * metadata), then the declared document, its machine-readable zone and its consistency with the rest of
 * the application.
 *
 * The first task of the workflow, it also makes the prompt attempt of the status event the case was created
 * with (`checking`: the API writes it with the case but does not wait for the HRIS's webhook endpoint): claimed
 * in the transaction that records this check's result (no request of its own), then attempted. A re-run finds
 * it attempted already; a case changed since it was born, or a claim that fails, has it claimed by its key
 * instead (deliverBornStatus); the webhook sweep retries a failed attempt, and RecordFailure tells an
 * onboarding that fails before this check records anything, oldest event first.
 */
export const handler = stageTask('document-check', stageInput, async ({ onboardingId, runId }) => {
  const c = await repo.mustGetCase(onboardingId);
  const policy = activePolicy();
  const doc = c.application.document;
  const submittedAt = new Date(c.createdAt);
  const files: FileInspection[] = [];
  const fileFindings: Finding[] = [];
  for (const declared of doc.files) {
    const bytes = await readObject(declared.key);
    if (!bytes) {
      fileFindings.push(missingUploadFinding(declared));
      continue;
    }
    const inspected = await inspectUploadedFile(bytes, declared, { submittedAt });
    files.push(inspected);
    fileFindings.push(...inspected.findings);
  }
  // The images' content hashes meet other applicants' on the fingerprint index: written first, then looked
  // up, so of two applicants checked at the same moment at least the second sees the first.
  const keys = await loadKeys(env.SECRET_ARN);
  // The pictures' perceptual hashes by band too: the same picture saved again or resized, confirmed by distance.
  const imagePrints = [
    ...documentImageFingerprints(
      keys.fingerprintKey,
      files.map((f) => f.sha256),
      files.flatMap((f) => (f.contentSha256 ? [f.contentSha256] : [])),
    ),
    ...nearImageFingerprints(
      keys.fingerprintKey,
      files.flatMap((f) => (f.perceptualHash ? [f.perceptualHash] : [])),
    ),
  ];
  await repo.putFingerprints(onboardingId, imagePrints);
  const linked = await findLinkedCases(repo, c, imagePrints);
  const findings = [
    ...fileFindings,
    ...sharedImageFindings(linked),
    ...checkIdentityDocument({
      request: c.application,
      files,
      now: new Date(),
      policy: { highRiskCountries: [...policy.countries.highRisk], engagementEnd: engagementEnd(policy, c.application.engagement, submittedAt) },
    }),
    // The phone, email and countries given in the request, by the rules the platform signals use.
    ...judgeIntakeProfile(c.application, policy),
  ];
  // Taken now, just before the transaction it goes into (its condition wants half of the item's lease left).
  const born = await bornStatusClaim(c);
  let bornClaimed = false;
  const summary = await recordStageResult(repo, audit, {
    caseId: onboardingId,
    // Beside the other checks: the stage.completed event is the risk decision's to append (no race on the head).
    deferEvent: true,
    stage: 'document',
    runId,
    inputs: {
      type: doc.type,
      issuingCountry: doc.issuingCountry,
      number: maskDocumentNumber(doc.number),
      expiryDate: doc.expiryDate,
      mrzLines: doc.mrz?.length ?? 0,
      files: files.map((f) => ({
        kind: f.kind,
        sha256: f.sha256,
        contentSha256: f.contentSha256 ?? null,
        perceptualHash: f.perceptualHash ?? null,
        sizeBytes: f.sizeBytes,
        detectedType: f.detectedType?.mime ?? null,
      })),
    },
    findings,
    ...(born ? { outboxClaim: { update: born.update, taken: () => (bornClaimed = true) } } : {}),
  });
  if (born && bornClaimed) await deliverClaimed(born.claimed);
  else await deliverBornStatus(onboardingId);
  return summary;
});

async function readObject(key: string): Promise<Uint8Array | undefined> {
  try {
    const out = await s3Client().send(new GetObjectCommand({ Bucket: requireSetting(env, 'DOCUMENTS_BUCKET'), Key: key }));
    return out.Body ? await out.Body.transformToByteArray() : undefined;
  } catch (err) {
    if (err instanceof NoSuchKey || (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) return undefined;
    throw err;
  }
}
