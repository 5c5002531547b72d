import * as z from './schemas/zod';

/** Severity of a finding; `critical` findings with `hardStop` put the case on compliance hold. */
export const severitySchema = z.enum(['info', 'low', 'medium', 'high', 'critical']);
export type Severity = z.infer<typeof severitySchema>;

export const stageNameSchema = z.enum([
  'document',
  'screening',
  'bank',
  'interview',
  'approval',
  'signals',
  'references',
  'micro-deposits',
  /** A contractor's answer to a reviewer's request for more information. */
  'information',
  'links',
  'system',
]);
export type StageName = z.infer<typeof stageNameSchema>;

/**
 * A reference to the evidence a finding rests on: which check produced it and which input fields it
 * looked at. Values are summaries safe to show a reviewer (never full account or document numbers).
 */
export const evidenceRefSchema = z.object({
  kind: z.string().check(z.minLength(1), z.maxLength(64)),
  field: z.optional(z.string().check(z.maxLength(128))),
  detail: z.optional(z.record(z.string(), z.unknown())),
});
export type EvidenceRef = z.infer<typeof evidenceRefSchema>;

export const findingSchema = z.object({
  /** Stable machine code, SCREAMING_SNAKE, prefixed by stage: DOC_, SCR_, BANK_, INT_, SIG_, REF_, LINK_. */
  code: z.string().check(z.regex(/^[A-Z][A-Z0-9_]+$/)),
  stage: stageNameSchema,
  severity: severitySchema,
  /** Plain-language explanation a reviewer understands without reading code. */
  message: z.string().check(z.minLength(1), z.maxLength(2000)),
  /** A hard stop: compliance hold, no automatic clearing (strong sanctions match, DPRK document...). */
  hardStop: z._default(z.boolean(), false),
  evidence: z._default(z.array(evidenceRefSchema), []),
  /** Where the rule comes from (e.g. "2022 DPRK IT worker advisory"), shown to the reviewer. */
  guidance: z.optional(z.string().check(z.maxLength(500))),
  /**
   * The fact the finding is about (`bank.country`, `bank.holder`, `contact.phone`, `link:<caseId>`...).
   * Several checks may notice one fact (a bank in China is also a bank outside the residence); the risk
   * decision counts each fact once. Left out, it is derived from the code (shared/domain/risk/facts.ts).
   */
  fact: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
  /**
   * A digest of every fact the finding rests on (all the logins counted, not only the few listed as evidence).
   * A compliance clearance of the finding holds for as long as this stays the same (findingsInForce); a rule
   * that does not set it has its finding count again whenever it is recorded again after the clearance.
   */
  basis: z.optional(z.string().check(z.maxLength(100))),
});
export type Finding = z.infer<typeof findingSchema>;
export type FindingInput = z.input<typeof findingSchema>;

const severityRank: Record<Severity, number> = { info: 0, low: 1, medium: 2, high: 3, critical: 4 };

export function compareSeverity(a: Severity, b: Severity): number {
  return severityRank[a] - severityRank[b];
}

export function maxSeverity(findings: readonly Pick<Finding, 'severity'>[]): Severity | undefined {
  let best: Severity | undefined;
  for (const f of findings) if (best === undefined || compareSeverity(f.severity, best) > 0) best = f.severity;
  return best;
}

export function finding(input: FindingInput): Finding {
  return z.parse(findingSchema, input);
}
