import { policySchema } from './policy-schema';

/**
 * Every policy key and the code that reads it. A key no code reads is a promise the product does not
 * keep (a compliance team sets `allowCryptoPayment: false` and crypto payouts are approved anyway), so the
 * synth fails on one (infra/app.ts) and so does the test suite (test/policy/policy-readers.test.ts):
 * add a key here together with the code that reads it, or remove it from the schema.
 *
 * Paths are from the repository root. A reader must mention the key's last segment outside comments.
 */
export const policyKeyReaders: Readonly<Record<string, readonly string[]>> = {
  version: ['shared/domain/policy/policy-document.ts'],
  description: ['shared/domain/policy/policy-document.ts'],
  'thresholds.review': ['shared/domain/risk/decide.ts'],
  'thresholds.hold': ['shared/domain/risk/decide.ts'],
  'weights.bySeverity': ['shared/domain/risk/decide.ts'],
  'weights.byCode': ['shared/domain/risk/decide.ts'],
  'risk.factCombination': ['shared/domain/risk/decide.ts'],
  'risk.corroborationFraction': ['shared/domain/risk/decide.ts'],
  hardStopCodes: ['shared/domain/risk/decide.ts'],
  'countries.hardStop': ['shared/domain/policy/policy-queries.ts'],
  'countries.highRisk': ['shared/domain/policy/policy-queries.ts', 'functions/document-check/handler.ts'],
  'sanctions.potentialMatch': ['functions/public-record-check/handler.ts', 'functions/sanctions-refresh/handler.ts'],
  'sanctions.strongMatch': ['functions/public-record-check/handler.ts', 'functions/sanctions-refresh/handler.ts'],
  'sanctions.listMaxAgeDays': ['functions/public-record-check/handler.ts'],
  'sanctions.birthDateToleranceYears': ['functions/public-record-check/handler.ts'],
  'signals.loginWindowMinutes': ['shared/domain/signals/login-rules.ts'],
  'signals.maxDistinctIps': ['shared/domain/signals/login-rules.ts'],
  'signals.maxDistinctCountries': ['shared/domain/signals/login-rules.ts'],
  'signals.maxDistinctCountriesPerDay': ['shared/domain/signals/login-rules.ts'],
  'signals.maxAccounts': ['shared/domain/signals/login-rules.ts'],
  'signals.impossibleTravelKmh': ['shared/domain/signals/login-rules.ts'],
  'signals.impossibleTravelMinKm': ['shared/domain/signals/login-rules.ts'],
  'signals.sharedIpMinOtherApplicants': ['shared/domain/signals/login-rules.ts'],
  'signals.maxContactChanges': ['shared/domain/signals/contact-rules.ts'],
  'signals.contactChangeWindowDays': ['shared/domain/signals/contact-rules.ts'],
  'signals.maxPaymentChanges': ['shared/domain/signals/conduct-rules.ts'],
  'signals.shippingChangeWindowDays': ['shared/domain/signals/shipping-rules.ts'],
  'signals.maxPayoutChanges': ['shared/domain/bank/payout-change.ts'],
  'signals.payoutChangeWindowDays': ['shared/domain/bank/payout-change.ts'],
  'bank.microDeposits': ['shared/domain/policy/policy-queries.ts'],
  'bank.holdOnAccountSharedWithHeldCase': ['functions/bank-check/handler.ts'],
  'requiredStages.default': ['shared/domain/policy/policy-queries.ts'],
  'requiredStages.byCountry': ['shared/domain/policy/policy-queries.ts'],
  'requiredStages.byRole': ['shared/domain/policy/policy-queries.ts'],
  'fourEyes.whenScoreAtLeast': ['shared/domain/risk/decide.ts'],
  'fourEyes.whenCodes': ['shared/domain/risk/decide.ts'],
  'fourEyes.onHold': ['shared/domain/risk/decide.ts', 'functions/links/purposes/compliance-review.ts'],
  'fourEyes.ignorePlusTags': ['functions/links/purposes/review.ts', 'functions/links/purposes/compliance-review.ts'],
  'reviewerPools.escalation': ['functions/approval/handler.ts'],
  'reviewerPools.compliance': ['functions/approval/handler.ts', 'shared/domain/risk/approval-blockers.ts'],
  'timeouts.interviewPickHours': ['infra/app.ts'],
  'timeouts.interviewOutcomeHours': ['infra/app.ts'],
  'timeouts.approvalHours': ['infra/app.ts'],
  'timeouts.informationHours': ['infra/app.ts'],
  'timeouts.reminderBeforeDeadlineHours': ['shared/config/link-services.ts'],
  'timeouts.complianceReviewHours': ['infra/app.ts'],
  'timeouts.interviewOutcomeGraceMinutes': ['functions/links/purposes/interview-outcome.ts'],
  'engagement.durationDays': ['shared/domain/policy/policy-queries.ts'],
  'engagement.allowCryptoPayment': ['shared/domain/risk/approval-blockers.ts'],
  'engagement.requireCameraOnInterview': ['shared/domain/risk/approval-blockers.ts'],
  'engagement.holdOnInterviewProtocolRefused': ['functions/links/purposes/interview-outcome.ts'],
};

interface ZodLike {
  _zod: { def: { type: string; shape?: Record<string, ZodLike>; innerType?: ZodLike } };
}

/** The keys of the policy schema, sections expanded one level (records and unions are one key). */
export function policySchemaKeys(): string[] {
  const keys: string[] = [];
  const unwrap = (t: ZodLike): ZodLike => (t._zod.def.innerType ? unwrap(t._zod.def.innerType) : t);
  const walk = (shape: Record<string, ZodLike>, prefix: string) => {
    for (const [key, type] of Object.entries(shape)) {
      const inner = unwrap(type);
      // Sections are expanded one level; a section's object values (weights.bySeverity) are one key.
      if (prefix === '' && inner._zod.def.type === 'object' && inner._zod.def.shape) walk(inner._zod.def.shape, `${key}.`);
      else keys.push(`${prefix}${key}`);
    }
  };
  walk((policySchema as unknown as ZodLike)._zod.def.shape ?? {}, '');
  return keys;
}

/**
 * Problems with the table: schema keys without a reader, readers for keys the schema no longer has, and
 * readers that do not mention the key. `read` returns a file's text, undefined when it does not exist.
 */
export function policyReaderProblems(read: (path: string) => string | undefined): string[] {
  const problems: string[] = [];
  const schemaKeys = policySchemaKeys();
  for (const key of schemaKeys)
    if (!policyKeyReaders[key]?.length) problems.push(`policy key "${key}" is read by no code (add its reader to shared/domain/policy/policy-readers.ts or remove the key)`);
  for (const key of Object.keys(policyKeyReaders)) if (!schemaKeys.includes(key)) problems.push(`shared/domain/policy/policy-readers.ts lists "${key}", which the policy schema does not have`);
  const cache = new Map<string, string | undefined>();
  for (const [key, files] of Object.entries(policyKeyReaders)) {
    const leaf = key.slice(key.lastIndexOf('.') + 1);
    const mention = new RegExp(`(^|[^A-Za-z0-9_$])${leaf}([^A-Za-z0-9_$]|$)`);
    for (const file of files) {
      if (!cache.has(file)) cache.set(file, read(file));
      const text = cache.get(file);
      if (text === undefined) problems.push(`policy key "${key}": reader ${file} does not exist`);
      else if (!mention.test(withoutComments(text))) problems.push(`policy key "${key}": ${file} does not read "${leaf}"`);
    }
  }
  return problems;
}

function withoutComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}
