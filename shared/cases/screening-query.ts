import { normalizeWalletAddress } from '../bank/account-identifier';
import { bicOf } from '../bank/bank-country';
import type { ScreeningQuery } from '../screening/query';
import type { OnboardingRequest } from '../schemas/onboarding';

/** The applicant as the screening engine sees them: every name, birth date, nationality and identifier. */
export function applicantQuery(app: OnboardingRequest): ScreeningQuery {
  const bic = bicOf(app.payment);
  return {
    name: `${app.contractor.legalName.givenNames} ${app.contractor.legalName.surname}`,
    otherNames: [...app.contractor.otherNames, `${app.document.givenNames} ${app.document.surname}`],
    dob: app.contractor.birthDate,
    nationality: app.contractor.nationality,
    documentNumbers: [app.document.number],
    emails: [app.contractor.email],
    phones: [app.contractor.phone],
    ...(app.payment.method === 'crypto' ? { wallets: [normalizeWalletAddress(app.payment.walletAddress)] } : {}),
    ...(bic ? { bics: [bic] } : {}),
    type: 'person',
  };
}
