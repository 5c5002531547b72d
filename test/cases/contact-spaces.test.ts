import { describe, expect, it } from 'vitest';
import { findLinkedCases, type LinkedCase } from '../../shared/app/cases/linked-applicants';
import { linkFindings } from '../../shared/app/cases/link-findings';
import { checkBankAccount } from '../../shared/domain/bank/check-bank';
import { accountFingerprints, applicationFingerprints } from '../../shared/domain/cases/fingerprints';
import type { OnboardingRequest } from '../../shared/domain/schemas/onboarding';
import { loadRequest } from '../support/request';
import { fakeFingerprintIndex } from '../support/fake-fingerprint-index';

/**
 * Adversarial pass (second identities): a mailbox or phone keyed in one role met only the same role. A rejected
 * applicant's own mailbox given by the new identity as an employment reference (the reference's confirmation link
 * then goes to the rejected applicant, who answers it), their phone as the reference's phone, or their mailbox as
 * the new identity's PayPal account, linked to nothing; nor did one PayPal mailbox under "PayPal" and "paypal.com".
 */
const key = Buffer.alloc(32, 9);
const app = (externalId: string, change: (r: Record<string, any>) => void) =>
  loadRequest((r) => {
    // Applicants of their own unless the test says otherwise: their own reference, phone and payout account.
    r.externalId = externalId;
    r.contractor.email = `${externalId}@example.org`;
    r.contractor.phone = `+4860${String(Math.abs([...externalId].reduce((h, c) => h * 31 + c.charCodeAt(0), 7)) % 10_000_000).padStart(7, '0')}`;
    r.employment[0].reference.email = `${externalId}.ref@example-software.pl`;
    r.payment = { method: 'payment-platform', provider: 'Wise', accountEmail: `${externalId}.pay@example.org` };
    change(r);
  }) as OnboardingRequest;

const fakeRepo = fakeFingerprintIndex;
const kinds = (linked: readonly LinkedCase[]) => [...new Set(linked.map((l) => `${l.caseId}:${l.kind}`))].sort();
const self = { id: 'ob_new', clientId: 'c', externalId: 'ob_new' };

const first = app('first', (r) => {
  r.contractor.email = 'kim.farm@gmail.com';
  r.contractor.phone = '+12025550143';
});
const rejected = () => fakeRepo({ ob_first: applicationFingerprints(key, first) }, { ob_first: 'rejected' });

describe("another role's mailbox or phone is the same mailbox or phone", () => {
  it("the rejected applicant's own mailbox as the new identity's reference (another spelling of it too) is a shared reference, high", async () => {
    const second = app('second', (r) => {
      r.contractor.email = 'li.wei@example.cn';
      r.employment[0].reference.email = 'Kim.Farm+ref@googlemail.com';
    });
    const linked = await findLinkedCases(rejected(), self, applicationFingerprints(key, second));
    expect(kinds(linked)).toEqual(['ob_first:reference-email']);
    expect(linkFindings(linked)[0]).toMatchObject({ code: 'LINK_SHARED_REFERENCE', severity: 'high' });
  });

  it("the rejected applicant's phone as the reference's phone is a shared reference; and the other way round", async () => {
    const second = app('second', (r) => {
      r.contractor.phone = '+48601234999';
      r.employment[0].reference.phone = '+12025550143';
    });
    expect(kinds(await findLinkedCases(rejected(), self, applicationFingerprints(key, second)))).toEqual(['ob_first:reference-phone']);
    // An applicant whose own phone and mailbox an earlier (held) applicant gave as a reference.
    const voucher = app('voucher', (r) => {
      r.contractor.email = 'piotr.nowak@example-software.pl';
      r.contractor.phone = '+12025550143';
    });
    const earlier = app('earlier', (r) => (r.employment[0].reference = { name: 'Piotr Nowak', email: 'Piotr.Nowak@example-software.pl', phone: '+12025550143' }));
    const repo = fakeRepo({ ob_earlier: applicationFingerprints(key, earlier) }, { ob_earlier: 'compliance-hold' });
    expect(kinds(await findLinkedCases(repo, self, applicationFingerprints(key, voucher)))).toEqual(['ob_earlier:reference-email', 'ob_earlier:reference-phone']);
  });

  it("the new identity's PayPal account on the rejected applicant's mailbox is a shared payout account, critical at the bank stage", async () => {
    const second = app('second', (r) => {
      r.contractor.email = 'li.wei@example.cn';
      r.payment = { method: 'payment-platform', provider: 'PayPal', accountEmail: 'kimfarm@gmail.com' };
    });
    const linked = await findLinkedCases(rejected(), self, accountFingerprints(key, second.payment));
    expect(kinds(linked)).toEqual(['ob_first:bank-account']);
    const f = checkBankAccount({ request: second, linkedApplicants: linked.map((l) => ({ caseId: l.caseId, status: l.status })) });
    expect(f.find((x) => x.code === 'BANK_SHARED_ACCOUNT')).toMatchObject({ severity: 'critical' });
  });

  it("an applicant whose own email is where an earlier applicant's PayPal is paid is a contact link", async () => {
    const earlier = app('earlier', (r) => (r.payment = { method: 'payment-platform', provider: 'PayPal', accountEmail: 'kim.farm@gmail.com' }));
    const repo = fakeRepo({ ob_earlier: applicationFingerprints(key, earlier) }, { ob_earlier: 'expired-on-hold' });
    const linked = await findLinkedCases(
      repo,
      self,
      applicationFingerprints(
        key,
        app('second', (r) => (r.contractor.email = 'k.i.m.farm@gmail.com')),
      ),
    );
    expect(kinds(linked)).toEqual(['ob_earlier:email']);
    expect(linkFindings(linked)[0]).toMatchObject({ code: 'LINK_SHARED_CONTACT', severity: 'high' });
  });

  it('one PayPal mailbox whatever the provider is called', async () => {
    const earlier = app('earlier', (r) => (r.payment = { method: 'payment-platform', provider: 'PayPal', accountEmail: 'farm.payroll@gmail.com' }));
    const repo = fakeRepo({ ob_earlier: applicationFingerprints(key, earlier) }, { ob_earlier: 'compliance-hold' });
    const again = { method: 'payment-platform' as const, provider: 'paypal.com', accountEmail: 'farmpayroll@gmail.com' };
    expect(kinds(await findLinkedCases(repo, self, accountFingerprints(key, again)))).toEqual(['ob_earlier:bank-account']);
  });

  it('other mailboxes and phones in those roles link nothing', async () => {
    const other = app('other', (r) => {
      r.employment[0].reference.email = 'kim.farm@example.com';
      r.employment[0].reference.phone = '+12025550144';
      r.payment = { method: 'payment-platform', provider: 'PayPal', accountEmail: 'kim.farms@gmail.com' };
    });
    expect(await findLinkedCases(rejected(), self, applicationFingerprints(key, other))).toEqual([]);
  });
});
