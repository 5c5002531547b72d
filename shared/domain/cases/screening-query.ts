import { normalizeWalletAddress } from '../bank/account-identifier';
import { accountHolderOf, bicOf } from '../bank/bank-country';
import type { ScreeningQuery } from '../screening/query';
import type { OnboardingRequest } from '../schemas/onboarding';
import { mrzName } from '../screening/mrz-name';

/** Every name an applicant gives, labelled for the reviewer: each is screened with their birth date and nationality. */
export interface NameForm {
  label: string;
  field: string;
  name: string;
}

export function applicantNameForms(app: OnboardingRequest): NameForm[] {
  const forms: NameForm[] = [
    { label: 'legal name', field: 'contractor.legalName', name: `${app.contractor.legalName.givenNames} ${app.contractor.legalName.surname}` },
    ...app.contractor.otherNames.map((name, i) => ({ label: 'other name', field: `contractor.otherNames.${i}`, name })),
    { label: 'name printed on the document', field: 'document', name: `${app.document.givenNames} ${app.document.surname}` },
  ];
  const mrz = app.document.mrz ? mrzName(app.document.mrz) : undefined;
  if (mrz) forms.push({ label: 'name in the machine-readable zone', field: 'document.mrz', name: `${mrz.givenNames} ${mrz.surname}`.trim() });
  const holder = accountHolderOf(app.payment);
  if (holder) forms.push({ label: 'bank account holder', field: 'payment.accountHolder', name: holder });
  return forms;
}

/** The applicant as the screening engine sees them: every name, birth date, nationality and identifier. */
export function applicantQuery(app: OnboardingRequest): ScreeningQuery {
  const bic = bicOf(app.payment);
  const [first, ...rest] = applicantNameForms(app);
  // Same name twice (document = legal name, the usual case) is screened once.
  const others = [...new Set(rest.map((f) => f.name))].filter((n) => n !== first!.name).slice(0, 20);
  return {
    name: first!.name,
    otherNames: others,
    dob: app.contractor.birthDate,
    nationality: app.contractor.nationality,
    documentCountry: app.document.issuingCountry,
    documentNumbers: [app.document.number],
    emails: [app.contractor.email],
    phones: [app.contractor.phone],
    ...(app.payment.method === 'crypto' ? { wallets: [normalizeWalletAddress(app.payment.walletAddress)] } : {}),
    ...(bic ? { bics: [bic] } : {}),
    type: 'person',
  };
}
