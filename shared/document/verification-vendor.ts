import { finding, type Finding } from '../domain/finding';
import { DOC_CODES as C, FBI_2025 } from './doc-codes';

/**
 * Port for an identity-verification vendor (Onfido, Persona, Sumsub, Veriff...): document authenticity
 * (security features, tampering), liveness (a live person, not a replayed video or a deepfake) and face
 * match (selfie vs document photo). vetflow calls no vendor itself; an adapter implements this port and
 * its result feeds the findings below, so the risk decision treats every vendor the same way.
 */
export type VendorCheckStatus = 'pass' | 'fail' | 'inconclusive' | 'not-performed';

export interface VendorCheck {
  status: VendorCheckStatus;
  /** Vendor confidence 0..1 where available (shown to the reviewer, not used to decide). */
  score?: number;
  /** Vendor reason codes, e.g. "digital_tampering", "screen_replay", "face_not_matching". */
  reasons?: string[];
}

export interface IdentityVerificationRequest {
  caseId: string;
  documentType: 'passport' | 'national-id' | 'residence-permit';
  issuingCountry: string;
  /** S3 keys of the uploads (front, back, selfie) with their hashes, so the vendor result is tied to them. */
  files: { kind: 'front' | 'back' | 'selfie'; key: string; sha256: string }[];
}

export interface IdentityVerificationResult {
  vendor: string;
  /** Vendor's own reference for the check, for the audit trail. */
  reference?: string;
  completedAt: string;
  documentAuthenticity: VendorCheck;
  liveness: VendorCheck;
  faceMatch: VendorCheck;
}

export type IdentityVerificationOutcome =
  | { status: 'not-configured' }
  | { status: 'completed'; result: IdentityVerificationResult }
  | { status: 'error'; vendor: string; error: string };

export interface IdentityVerificationVendor {
  readonly name: string;
  verify(request: IdentityVerificationRequest): Promise<IdentityVerificationOutcome>;
}

/** The default adapter: no vendor configured. Calls nothing; the stage records that the checks were not done. */
export class NoVendor implements IdentityVerificationVendor {
  readonly name = 'none';
  async verify(_request: IdentityVerificationRequest): Promise<IdentityVerificationOutcome> {
    return { status: 'not-configured' };
  }
}

const stage = 'document' as const;

const CHECKS = {
  documentAuthenticity: {
    code: C.vendorDocumentNotAuthentic,
    label: 'document authenticity',
    failMessage: 'The identity-verification vendor found the document not authentic (tampering, missing security features or a digital forgery).',
  },
  liveness: {
    code: C.vendorLivenessFailed,
    label: 'liveness',
    failMessage: 'The liveness check failed: the selfie may be a photo of a screen, a replay or a deepfake. FBI notices report AI-altered photos and face-swapping by DPRK IT workers.',
  },
  faceMatch: {
    code: C.vendorFaceMismatch,
    label: 'face match',
    failMessage: 'The face in the selfie does not match the photo on the document: the document may belong to someone else.',
  },
} as const;

/** Maps a vendor outcome to findings: a failed check is high, an inconclusive one medium, a pass nothing. */
export function vendorFindings(outcome: IdentityVerificationOutcome): Finding[] {
  if (outcome.status === 'not-configured')
    return [
      finding({
        code: C.vendorNotConfigured,
        stage,
        severity: 'info',
        message: 'No identity-verification vendor is configured, so document authenticity, liveness and face match were not checked automatically. The reviewer must compare the selfie with the document and the video interview.',
        evidence: [{ kind: 'identity-vendor' }],
      }),
    ];
  if (outcome.status === 'error')
    return [
      finding({
        code: C.vendorError,
        stage,
        severity: 'medium',
        message: `The identity-verification vendor (${outcome.vendor}) could not complete the checks. Retry or verify manually.`,
        evidence: [{ kind: 'identity-vendor', detail: { vendor: outcome.vendor, error: outcome.error.slice(0, 200) } }],
      }),
    ];
  const r = outcome.result;
  const out: Finding[] = [];
  for (const key of Object.keys(CHECKS) as (keyof typeof CHECKS)[]) {
    const check = r[key];
    const spec = CHECKS[key];
    const evidence = [
      {
        kind: 'identity-vendor',
        field: key,
        detail: { vendor: r.vendor, reference: r.reference, status: check.status, score: check.score, reasons: check.reasons },
      },
    ];
    if (check.status === 'fail')
      out.push(finding({ code: spec.code, stage, severity: 'high', message: spec.failMessage, evidence, guidance: FBI_2025 }));
    else if (check.status === 'inconclusive' || check.status === 'not-performed')
      out.push(
        finding({
          code: C.vendorInconclusive,
          stage,
          severity: check.status === 'inconclusive' ? 'medium' : 'low',
          message: `The vendor's ${spec.label} check was ${check.status === 'inconclusive' ? 'inconclusive' : 'not performed'}; verify it manually.`,
          evidence,
        }),
      );
  }
  return out;
}
