import type { DataStores } from './data-stores';
import { bicDirectory, countryData, type FunctionFactory, hanjaReadings, listsSnapshot, phoneMetadata } from './function-factory';
import type { VetflowFunction } from './vetflow-function';
import { PHONE_KEY_METADATA } from '../../shared/domain/phone/phone-key';
import { grantCaseTable } from './data-stores';

/** The functions the onboarding workflow's stages run, and RecordFailure (the failed-execution rule's target). */
export interface StageFunctions {
  documentCheck: VetflowFunction;
  publicRecordCheck: VetflowFunction;
  bankCheck: VetflowFunction;
  riskDecision: VetflowFunction;
  interview: VetflowFunction;
  approval: VetflowFunction;
  finalize: VetflowFunction;
  recordFailure: VetflowFunction;
}

/** The stage functions with their data files and grants: each reads and writes the cases, and what else it needs. */
export function stageFunctions(factory: FunctionFactory, data: DataStores, baseUrlEnv: Record<string, string>): StageFunctions {
  const fn = factory.fn.bind(factory);
  const { table, secret, documents, lists, mailIdentity } = data;
  const fns: StageFunctions = {
    // 1024 MB: the perceptual hash decodes each uploaded JPEG whole (jpeg-js: a 12 MP photo takes some 370 MB while
    // it decodes, up to 16 MP is hashed), and twice the memory is twice the CPU for a decode of seconds.
    documentCheck: fn('document-check', 'Identity-document check', { DOCUMENTS_BUCKET: documents.bucketName }, 1024, { ...phoneMetadata('max'), ...countryData }),
    // The lists come from the bucket the daily refresh fills; until it has (or if it cannot), from the snapshot
    // committed in the repository (listsSnapshot), and every screening against it says so.
    publicRecordCheck: fn(
      'public-record-check',
      'Sanctions screening, links between applicants, employment references',
      { SANCTIONS_BUCKET: lists.bucketName, ...listsSnapshot.environment, ...baseUrlEnv },
      1024,
      // The numbering plans: the applicant's phones are keyed by E.164 for links (shared/domain/phone/phone-key.ts).
      // hanjaReadings: a name in Han characters is read as Korean (shared/domain/screening/hanja-korean.ts).
      { ...countryData, ...listsSnapshot.bundleFiles, ...phoneMetadata(PHONE_KEY_METADATA), ...bicDirectory, ...hanjaReadings },
      undefined,
      listsSnapshot.afterBundling,
    ),
    // The payee's BIC and wallet are screened against the same lists, with the same fallback.
    bankCheck: fn(
      'bank-check',
      'Bank-account verification (payee BIC and wallet screened against the lists); sends micro-deposits and emails the contractor a link to confirm them',
      { SANCTIONS_BUCKET: lists.bucketName, ...listsSnapshot.environment, ...baseUrlEnv },
      1024,
      // bicDirectory: the account's keys (an IBAN by its SWIFT form too, shared/domain/bank/bic-directory.ts).
      // hanjaReadings: a new holder's name is screened with the matcher's readings.
      { ...countryData, ...listsSnapshot.bundleFiles, ...bicDirectory, ...hanjaReadings },
      undefined,
      listsSnapshot.afterBundling,
    ),
    // PUBLIC_BASE_URL (here and in finalize): a link they find to an earlier applicant may void a first approval there,
    // whose giver is sent a fresh link (shared/app/links/voided-approvals.ts).
    riskDecision: fn('risk-decision', 'Explainable risk decision over all findings', baseUrlEnv),
    interview: fn('interview', 'Proposes interview slots and emails the contractor a link', baseUrlEnv),
    approval: fn('approval', 'Emails reviewers their approval links', baseUrlEnv),
    finalize: fn('finalize', 'Records the outcome and tells the HRIS', baseUrlEnv),
    recordFailure: fn('record-failure', 'Records a permanent stage failure on the case'),
  };
  for (const f of Object.values(fns)) {
    grantCaseTable(table, f);
    secret.grantRead(f);
  }
  documents.grantRead(fns.documentCheck);
  lists.grantRead(fns.publicRecordCheck);
  lists.grantRead(fns.bankCheck);
  for (const f of [fns.interview, fns.approval, fns.finalize, fns.publicRecordCheck, fns.bankCheck]) mailIdentity.grantSendEmail(f);
  return fns;
}
