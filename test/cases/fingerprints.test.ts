import { describe, expect, it } from 'vitest';
import { applicationFingerprints, documentNumberKey, fingerprint, mailboxOf } from '../../shared/domain/cases/fingerprints';
import { accountLinkIdentifiers, normalizedAccountIdentifier } from '../../shared/domain/bank/account-identifier';
import { checkBankAccount } from '../../shared/domain/bank/check-bank';
import { phoneKey } from '../../shared/domain/phone/phone-key';
import type { OnboardingRequest } from '../../shared/domain/schemas/onboarding';
import { loadRequest } from '../support/request';
import { linkFindings } from '../../shared/app/cases/link-findings';

const key = Buffer.alloc(32, 7);
const prints = (mutate: (r: Record<string, any>) => void) => applicationFingerprints(key, loadRequest(mutate) as OnboardingRequest);
const hmacsOf = (kind: string, mutate: (r: Record<string, any>) => void) =>
  new Set(
    prints(mutate)
      .filter((p) => p.kind === kind)
      .map((p) => p.hmac),
  );
const meet = (a: Set<string>, b: Set<string>) => [...a].some((h) => b.has(h));

describe('one mailbox behind several addresses links the applicants (a second identity by sub-address)', () => {
  it('the mailbox: sub-address tags dropped everywhere, Gmail dots dropped at Gmail, case ignored', () => {
    expect(mailboxOf('Anna.Kowalska+farm2@Gmail.com')).toBe('annakowalska@gmail.com');
    expect(mailboxOf('a.n.n.a.kowalska@googlemail.com')).toBe('annakowalska@gmail.com');
    // Proton: dots, hyphens and underscores ignored, four domains one account.
    expect(mailboxOf('Anna_Kowal-ska.x+cv@protonmail.com')).toBe('annakowalskax@proton.me');
    expect(mailboxOf('annakowalskax@pm.me')).toBe('annakowalskax@proton.me');
    // iCloud's three domains, Yandex's domains and dot-as-hyphen, Yahoo's disposable and Fastmail's subdomain addresses.
    expect(mailboxOf('anna.k+cv@me.com')).toBe('anna.k@icloud.com');
    expect(mailboxOf('Anna.Kowalska@ya.ru')).toBe('anna-kowalska@yandex.ru');
    expect(mailboxOf('annak-farm3@yahoo.com')).toBe(mailboxOf('annak-farm4@yahoo.com'));
    expect(mailboxOf('jobs@annak.fastmail.com')).toBe('annak@fastmail.com');
    // Elsewhere dots count.
    expect(mailboxOf('anna.k@example.pl')).toBe('anna.k@example.pl');
    expect(mailboxOf('anna.kowalska+jobs@example.pl')).toBe('anna.kowalska@example.pl');
    // Dots mean something elsewhere; a leading plus is not a tag.
    expect(mailboxOf('anna.kowalska@example.pl')).toBe('anna.kowalska@example.pl');
    expect(mailboxOf('+anna@example.pl')).toBe('+anna@example.pl');
  });

  it("two applicants' addresses of one mailbox share an email print; the address as given keeps its own print too", () => {
    const tagged = hmacsOf('email', (r) => (r.contractor.email = 'anna.kowalska+farm1@gmail.com'));
    const other = hmacsOf('email', (r) => (r.contractor.email = 'AnnaKowalska+farm2@gmail.com'));
    const plain = hmacsOf('email', (r) => (r.contractor.email = 'annakowalska@gmail.com'));
    expect(meet(tagged, other)).toBe(true);
    expect(meet(tagged, plain)).toBe(true);
    expect(tagged.size).toBe(2);
    // An address that is its own mailbox gives one print, the one stored before mailboxes were fingerprinted.
    expect(plain.size).toBe(1);
    // A different mailbox does not meet.
    expect(
      meet(
        tagged,
        hmacsOf('email', (r) => (r.contractor.email = 'anna.kowalska@example.pl')),
      ),
    ).toBe(false);
  });

  it("a reference's mailbox links the same way", () => {
    const a = hmacsOf('reference-email', (r) => (r.employment[0].reference.email = 'piotr.nowak+a@example-software.pl'));
    const b = hmacsOf('reference-email', (r) => (r.employment[0].reference.email = 'Piotr.Nowak+b@example-software.pl'));
    expect(meet(a, b)).toBe(true);
  });
});

describe('one identity document behind two applicants links them (tenth session: a rejected applicant back with new contacts)', () => {
  it('the same issuing country and number meet, however the number is written; another number does not', () => {
    const base = hmacsOf('document', (r) => (r.document.number = 'EN7736407'));
    expect(
      meet(
        base,
        hmacsOf('document', (r) => (r.document.number = 'en-773 6407')),
      ),
    ).toBe(true);
    expect(
      meet(
        base,
        hmacsOf('document', (r) => (r.document.number = 'EN77364O7')),
      ),
    ).toBe(true); // O for 0
    expect(
      meet(
        base,
        hmacsOf('document', (r) => ((r.document.number = 'EN7736407'), (r.contractor.email = 'someone.else@example.com'))),
      ),
    ).toBe(true);
    expect(
      meet(
        base,
        hmacsOf('document', (r) => (r.document.number = 'EN7736408')),
      ),
    ).toBe(false);
  });

  it('the same number under another claimed issuing country meets too (adversarial pass: it was linked to nothing)', () => {
    const base = hmacsOf('document', (r) => (r.document.number = 'EN7736407'));
    expect(
      meet(
        base,
        hmacsOf('document', (r) => ((r.document.number = 'en 773-64O7'), (r.document.issuingCountry = 'DE'))),
      ),
    ).toBe(true);
    // The country and number key stays (cases recorded before have only it), beside the number's own.
    expect(base).toEqual(new Set([fingerprint(key, 'document', 'PL|EN7736407').hmac, fingerprint(key, 'document', 'number|EN7736407').hmac]));
    // A number too short to mean one document is keyed only with its country.
    const short = (country: string) => hmacsOf('document', (r) => ((r.document.number = 'A1234'), (r.document.issuingCountry = country)));
    expect(short('PL').size).toBe(1);
    expect(meet(short('PL'), short('DE'))).toBe(false);
    expect(documentNumberKey({ number: '12-34-56-78' })).toBe('number|12345678');
    // Six digits (a national identity number) meet by chance too often across countries.
    expect(documentNumberKey({ number: '123456' })).toBeUndefined();
    expect(documentNumberKey({ number: '1234567' })).toBeUndefined();
  });

  it('a number shared under another country weighs as a shared document: high, a hard stop beside a held case', () => {
    const [f] = linkFindings([{ caseId: 'ob_other', status: 'approved', kind: 'document' }]);
    expect(f).toMatchObject({ code: 'LINK_SHARED_CONTACT', severity: 'high' });
    expect(linkFindings([{ caseId: 'ob_other', status: 'compliance-hold', kind: 'document' }])[0]).toMatchObject({ severity: 'critical', hardStop: true });
  });

  it('a document shared with a rejected or held applicant weighs as a hold; with one in good standing, high', () => {
    const sev = (status: string) => linkFindings([{ caseId: 'ob_other', status, kind: 'document' }])[0];
    expect(sev('rejected')).toMatchObject({ code: 'LINK_SHARED_CONTACT', severity: 'critical', hardStop: true });
    expect(sev('compliance-hold')?.severity).toBe('critical');
    expect(sev('approved')).toMatchObject({ severity: 'high', hardStop: false });
    expect(sev('approved')?.message).toContain('identity document');
  });
});

describe('a payment-platform account is its mailbox (adversarial pass: PayPal accounts were linked by the exact address)', () => {
  const paypal = (accountEmail: string) => (r: Record<string, any>) => (r.payment = { method: 'payment-platform', provider: 'PayPal', accountEmail });

  it('two spellings of one Gmail mailbox share a bank-account print; another mailbox does not', () => {
    const a = hmacsOf('bank-account', paypal('j.doe+x@gmail.com'));
    expect(meet(a, hmacsOf('bank-account', paypal('jdoe@googlemail.com')))).toBe(true);
    expect(meet(a, hmacsOf('bank-account', paypal('JDoe+farm2@Gmail.com')))).toBe(true);
    expect(meet(a, hmacsOf('bank-account', paypal('jdoe2@gmail.com')))).toBe(false);
  });

  it("the account's reference stays the address as given (deposits, payout history and prints stored before meet it), listed first", () => {
    const payment = { method: 'payment-platform' as const, provider: 'PayPal', accountEmail: 'j.doe+x@gmail.com' };
    expect(accountLinkIdentifiers(payment)).toEqual([normalizedAccountIdentifier(payment), 'platform:paypal:jdoe@gmail.com']);
    expect(prints(paypal('j.doe+x@gmail.com')).find((p) => p.kind === 'bank-account')?.hmac).toBe(fingerprint(key, 'bank-account', 'platform:paypal:j.doe+x@gmail.com').hmac);
    // An address that is its own mailbox keeps its one print beside the mailbox in the contact space (the email
    // label: another applicant's own email, another provider's name). The fixture's Polish IBAN: its reference, and
    // its key in the space its national spelling is keyed in too (acct-iban, test/bank/iban-national-link.test.ts).
    expect(hmacsOf('bank-account', paypal('jdoe@gmail.com')).size).toBe(2);
    expect(hmacsOf('bank-account', () => undefined).size).toBe(2);
  });

  it('one other applicant met under both prints is one linked applicant to the bank stage', () => {
    const [f] = checkBankAccount({
      request: loadRequest() as OnboardingRequest,
      linkedApplicants: [
        { caseId: 'ob_other', status: 'approved' },
        { caseId: 'ob_other', status: 'approved' },
      ],
    }).filter((x) => x.code === 'BANK_SHARED_ACCOUNT');
    expect(f?.message).toContain('used by 1 other applicant.');
    expect(f?.evidence[0]?.detail?.linkedCases).toEqual([{ caseId: 'ob_other', status: 'approved' }]);
  });
});

describe('a phone number is keyed by E.164, not by its digits (adversarial pass: a trunk 0 after the country code made another number)', () => {
  it('one UK mobile in three writings meets; another number does not', () => {
    const a = hmacsOf('phone', (r) => (r.contractor.phone = '+4407911123456'));
    expect(
      meet(
        a,
        hmacsOf('phone', (r) => (r.contractor.phone = '+447911123456')),
      ),
    ).toBe(true);
    expect(
      meet(
        a,
        hmacsOf('phone', (r) => (r.contractor.phone = '+447911123457')),
      ),
    ).toBe(false);
    expect(phoneKey('+44 07911 123456')).toBe('447911123456');
    expect(phoneKey('00447911123456')).toBe('447911123456');
    expect(phoneKey('+44 (0)7911-123456')).toBe('447911123456');
    // Written without a country code: read in the country given, else its digits.
    expect(phoneKey('07911 123456', 'GB')).toBe('447911123456');
    expect(phoneKey('07911 123456')).toBe('07911123456');
    // Where the national number keeps its 0 (Italy), it is kept.
    expect(phoneKey('+39 06 1234 5678')).toBe('390612345678');
  });

  // Each of these was keyed by its digits and met nobody (adversarial pass, December 2026): the international prefix of
  // the applicant's own country, where it is not 00 (and a Korean 001 the 00 rule read as +1).
  it.each([
    ['US', '011 44 7911 123456'],
    ['CA', '011-44-7911-123456'],
    ['AU', '0011 44 7911 123456'],
    ['KR', '001 44 7911 123456'],
    ['KR', '002-44-7911-123456'],
    ['RU', '8 10 44 7911 123456'],
    ['KR', '0044 7911 123456'],
  ])('dialled from %s with its international prefix (%s) is the E.164 number', (country, phone) => {
    expect(phoneKey(phone, country)).toBe('447911123456');
    const plus = hmacsOf('phone', (r) => (r.contractor.phone = '+44 7911 123456'));
    expect(
      meet(
        plus,
        hmacsOf('phone', (r) => ((r.contractor.phone = phone), (r.contractor.residenceCountry = country))),
      ),
    ).toBe(true);
  });

  it("a national number stays the country's own, whatever prefix it starts with (Leeds 0113 is no international call)", () => {
    expect(phoneKey('0113 496 0000', 'GB')).toBe('441134960000');
    expect(phoneKey('(415) 555-2671', 'US')).toBe('14155552671');
  });

  it("a reference's phone the same way", () => {
    const ref = (phone: string) => (r: Record<string, any>) => (r.employment[0].reference.phone = phone);
    expect(meet(hmacsOf('reference-phone', ref('+4407911123456')), hmacsOf('reference-phone', ref('+447911123456')))).toBe(true);
  });

  it('a number already in E.164 keeps its one print, the one stored before; a trunk-0 writing keeps its digits print too', () => {
    expect(hmacsOf('phone', () => undefined)).toEqual(new Set([fingerprint(key, 'phone', '48601234567').hmac]));
    expect(hmacsOf('phone', (r) => (r.contractor.phone = '+4407911123456'))).toEqual(new Set([fingerprint(key, 'phone', '4407911123456').hmac, fingerprint(key, 'phone', '447911123456').hmac]));
  });
});
