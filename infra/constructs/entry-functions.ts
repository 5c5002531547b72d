import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { IFSC_DIRECTORY_FILE } from '../../shared/domain/bank/ifsc-directory';
import { UK_MODULUS_PACKAGE } from '../../shared/domain/bank/uk-modulus';
import { IP_DATA_BUNDLE_DIR, ipDataBundleFiles } from '../ip-data-files';
import type { DataStores } from './data-stores';
import { bicDirectory, countryData, type FunctionFactory, hanjaReadings, listsSnapshot, phoneMetadata } from './function-factory';
import { LAMBDA_TASK_ROOT, type VetflowFunction } from './vetflow-function';
import { PHONE_KEY_METADATA } from '../../shared/domain/phone/phone-key';
import { grantCaseTable } from './data-stores';

// The functions behind the API's routes, which people and the HRIS call (the stage functions are the workflow's).

/** The HRIS API: start and read onboardings, redrive a failed one, presigned uploads. */
export function hrisApiFunction(factory: FunctionFactory, data: DataStores, stateMachine: sfn.StateMachine): VetflowFunction {
  const { table, secret, documents } = data;
  // The tables intake validation checks bank details against ship beside its bundle, not in it: the RBI IFSC
  // directory (about 1 MB) and the UK modulus-check package with its weight table (shared/domain/bank/).
  const api = factory.fn(
    'api',
    'HRIS API: start and read onboardings, presigned document uploads',
    { STATE_MACHINE_ARN: stateMachine.stateMachineArn, DOCUMENTS_BUCKET: documents.bucketName },
    undefined,
    {
      '.': [`node_modules/ifsc/src/${IFSC_DIRECTORY_FILE}`],
      [`node_modules/${UK_MODULUS_PACKAGE}`]: [`node_modules/${UK_MODULUS_PACKAGE}/package.json`, `node_modules/${UK_MODULUS_PACKAGE}/dist`],
      // The applicant's fingerprints key phones by E.164 (shared/domain/phone/phone-key.ts), an IBAN by its SWIFT form.
      ...phoneMetadata(PHONE_KEY_METADATA),
      ...bicDirectory,
    },
  );
  // Presigned uploads are signed with the API function's own permissions: PUT into uploads/ only.
  documents.grantPut(api, 'uploads/*');
  grantCaseTable(table, api);
  secret.grantRead(api);
  stateMachine.grantStartExecution(api);
  // POST /onboardings/{id}/redrive: a failed onboarding's own execution resumes from the failed stage.
  stateMachine.grantExecution(api, 'states:RedriveExecution');
  return api;
}

/** The pages people open from their email: slot picking, interview outcome, approval, references, deposits. */
export function linkPagesFunction(factory: FunctionFactory, data: DataStores, stateMachine: sfn.StateMachine, baseUrlEnv: Record<string, string>): VetflowFunction {
  const { table, secret, documents, mailIdentity } = data;
  // The contractor's footprint from their links (shared/domain/signals/footprint-rules.ts) is judged where it is
  // seen, by the signals rules: the links bundle carries the same IP data and numbering plans as the
  // signals function (loaded on the first contractor visit only; staff pages never touch them).
  const links = factory.fn(
    'links',
    'Pages people open from their email: slot picking, interview outcome, approval',
    { STATE_MACHINE_ARN: stateMachine.stateMachineArn, DOCUMENTS_BUCKET: documents.bucketName, IP_DATA_DIR: `${LAMBDA_TASK_ROOT}/${IP_DATA_BUNDLE_DIR}`, ...baseUrlEnv },
    512,
    // The country names too: a contact change's free-text address is read against them (free-text-address.ts).
    { ...ipDataBundleFiles(), ...phoneMetadata('max'), ...countryData },
  );
  grantCaseTable(table, links);
  // The interviewer's form shows the document photo and the selfie through presigned GETs of a few minutes
  // (shared/config/photo-urls.ts); a presigned URL carries the signer's rights, so read of uploads/ only.
  documents.grantRead(links, 'uploads/*');
  secret.grantRead(links);
  stateMachine.grantTaskResponse(links);
  // A contractor's link visit may hold the case (DPRK address space...): the hold tells the HRIS (the
  // event below) and starts an approved contractor's compliance review.
  stateMachine.grantStartExecution(links);
  mailIdentity.grantSendEmail(links);
  return links;
}

/**
 * Platform signals: their own function, since IP intelligence data is large and only needed here. The
 * ip-location-db data ships inside its bundle as one compact file built at synth (about 16 MB unpacked,
 * read in tens of milliseconds; see ipDataBundleFiles), so the country and network rules (DPRK address
 * space, hosting, VPN) work on AWS as they do locally.
 */
export function signalsFunction(factory: FunctionFactory, data: DataStores, stateMachine: sfn.StateMachine, baseUrlEnv: Record<string, string>): VetflowFunction {
  const { table, secret, lists } = data;
  const signals = factory.fn(
    'signals',
    'Platform signals: logins, contact and payment changes; re-runs the risk decision',
    // SANCTIONS_BUCKET and the snapshot: a new payout account is screened as the bank stage screens (issue 18).
    // PUBLIC_BASE_URL: a finding that voids a reviewer's first approval sends its giver a fresh link (shared/app/links/voided-approvals.ts).
    { STATE_MACHINE_ARN: stateMachine.stateMachineArn, IP_DATA_DIR: `${LAMBDA_TASK_ROOT}/${IP_DATA_BUNDLE_DIR}`, SANCTIONS_BUCKET: lists.bucketName, ...listsSnapshot.environment, ...baseUrlEnv },
    // The compact IP file adds about 16 MB once loaded; 1,536 MB was for the CSVs it replaced.
    512,
    // bicDirectory: a new payout account is keyed as intake keys it (an IBAN by its SWIFT form too); hanjaReadings: its
    // new holder's name is screened with the matcher's readings.
    { ...ipDataBundleFiles(), ...phoneMetadata('max'), ...countryData, ...listsSnapshot.bundleFiles, ...bicDirectory, ...hanjaReadings },
    undefined,
    listsSnapshot.afterBundling,
  );
  grantCaseTable(table, signals);
  secret.grantRead(signals);
  lists.grantRead(signals);
  stateMachine.grantTaskResponse(signals);
  // A hold raised by signals tells the applicants linked to the case (shared/app/cases/hold-links.ts): an approved
  // one may be held (its compliance review is an execution of its own) or its compliance pool mailed.
  stateMachine.grantStartExecution(signals);
  return signals;
}
