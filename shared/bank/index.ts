/** Public API of the bank-account stage (pure domain; the lead wires it into handlers). */
export { paymentDetailsSchema, type PaymentDetails } from './payment-schema';
export { checkBankAccount, screeningIdentifiers, type CheckBankInput, type BankPolicy, type ScreenFn, type ScreeningIdentifier, type ScreeningHit, type LinkedApplicant } from './check-bank';
export { bankCountryOf, bicOf, accountHolderOf } from './bank-country';
export { normalizedAccountIdentifier, maskAccount } from './account-identifier';
export { paymentChangeOf, countAccountChanges, type PaymentDetailsChange } from './payment-history';
export {
  LocalMicroDepositSender,
  generateMicroDepositAmounts,
  startMicroDepositVerification,
  verifyMicroDeposits,
  parseMicroDepositAmount,
  MAX_MICRO_DEPOSIT_ATTEMPTS,
  type MicroDepositSender,
  type MicroDepositChallenge,
  type MicroDepositVerification,
} from './micro-deposits';
export { isValidAbaRouting } from './aba-routing';
export { BANK_CODES, type BankFindingCode } from './bank-codes';
