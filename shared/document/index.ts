/** Public API of the identity-document stage (pure domain; the lead wires it into handlers). */
export { inspectUploadedFile, missingUploadFinding, type FileInspection, type MetadataSummary, type DeclaredFile, type InspectOptions } from './inspect-file';
export { checkMrz, normalizeMrzLines, type MrzCheckResult, type MrzFields, type DeclaredDocument } from './mrz-check';
export { checkIdentityDocument, type CheckDocumentInput, type DocumentPolicy } from './check-document';
export { NoVendor, vendorFindings, type IdentityVerificationVendor, type IdentityVerificationRequest, type IdentityVerificationResult, type IdentityVerificationOutcome, type VendorCheck } from './verification-vendor';
export { compareNames, normalizeName, nameTokens, type NameComparison } from './name-compare';
export { maskDocumentNumber } from './mask';
export { countriesOfTimeZone } from './time-zone-country';
export { DOC_CODES, type DocFindingCode } from './doc-codes';
