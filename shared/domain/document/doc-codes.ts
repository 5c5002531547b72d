/** Finding codes of the identity-document stage; stable, so rules and dashboards can key on them. */
export const DOC_CODES = {
  // Uploaded files
  fileMissing: 'DOC_FILE_MISSING',
  fileTypeNotAllowed: 'DOC_FILE_TYPE_NOT_ALLOWED',
  fileTypeMismatch: 'DOC_FILE_TYPE_MISMATCH',
  fileTooLarge: 'DOC_FILE_TOO_LARGE',
  fileTooSmall: 'DOC_FILE_TOO_SMALL',
  fileUnreadable: 'DOC_FILE_UNREADABLE',
  editingSoftware: 'DOC_EDITING_SOFTWARE',
  metadataStripped: 'DOC_METADATA_STRIPPED',
  metadataContradictory: 'DOC_METADATA_CONTRADICTORY',
  createdAfterSubmission: 'DOC_CREATED_AFTER_SUBMISSION',
  duplicateFile: 'DOC_DUPLICATE_FILE',
  /** The same image (byte for byte) in another applicant's document files: a link between them. */
  imageSharedWithOtherApplicant: 'DOC_IMAGE_SHARED_WITH_OTHER_APPLICANT',
  /** The same picture saved again, converted or resized in another applicant's document files (perceptual hash). */
  imageResavedForOtherApplicant: 'DOC_IMAGE_RESAVED_FOR_OTHER_APPLICANT',
  // Machine-readable zone
  mrzMissing: 'DOC_MRZ_MISSING',
  mrzUnreadable: 'DOC_MRZ_UNREADABLE',
  mrzCheckDigit: 'DOC_MRZ_CHECK_DIGIT',
  mrzInvalidField: 'DOC_MRZ_INVALID_FIELD',
  mrzMismatch: 'DOC_MRZ_MISMATCH',
  specimenDocument: 'DOC_SPECIMEN_DOCUMENT',
  // Document data
  dprkDocument: 'DOC_DPRK_DOCUMENT',
  highRiskCountry: 'DOC_HIGH_RISK_COUNTRY',
  expired: 'DOC_EXPIRED',
  expiresDuringEngagement: 'DOC_EXPIRES_DURING_ENGAGEMENT',
  issueDateImplausible: 'DOC_ISSUE_DATE_IMPLAUSIBLE',
  agePlausibility: 'DOC_AGE_IMPLAUSIBLE',
  numberFormat: 'DOC_NUMBER_FORMAT',
  // Consistency across the application
  nameMismatchApplication: 'DOC_NAME_MISMATCH_APPLICATION',
  nameMismatchBankHolder: 'DOC_NAME_MISMATCH_BANK_HOLDER',
  birthDateMismatch: 'DOC_BIRTH_DATE_MISMATCH',
  nationalityMismatch: 'DOC_NATIONALITY_MISMATCH',
  phoneCountryMismatch: 'DOC_PHONE_COUNTRY_MISMATCH',
  bankCountryMismatch: 'DOC_BANK_COUNTRY_MISMATCH',
  timeZoneMismatch: 'DOC_TIME_ZONE_MISMATCH',
} as const;

export type DocFindingCode = (typeof DOC_CODES)[keyof typeof DOC_CODES];

export const ADVISORY_2022 = '2022 US Treasury/State/FBI advisory on DPRK IT workers';
export const FBI_2025 = 'FBI public service announcements on DPRK IT workers (2023-2025)';
export const ICAO_9303 = 'ICAO Doc 9303 (machine-readable travel documents)';
