import { describe, expect, it } from 'vitest';
import { linkFindings } from '../../shared/app/cases/link-findings';
import { backLinkFindings } from '../../shared/app/cases/propagate-links';
import { checkBankAccount } from '../../shared/domain/bank/check-bank';
import { sharedImageFindings } from '../../shared/domain/document/shared-images';
import type { OnboardingRequest } from '../../shared/domain/schemas/onboarding';
import { loadPolicy } from '../../shared/adapters/files/load-policy';
import { loadRequest } from '../support/request';
import { linkStatus } from '../../shared/domain/cases/link-standing';

/**
 * Adversarial pass: a hold that times out ends `expired`, and a link to an expired case weighed less than a link
 * to the same case while it was held. An expired hold (`expired-on-hold`, linkStatus) is an unresolved suspicion:
 * each link finding weighs it as held. A case that expired without ever being held (an interview invitation left
 * to lapse) is an ordinary link: an honest contractor onboarded again after that was a hard stop beside their own
 * earlier attempt.
 */
const policy = loadPolicy();
const request = loadRequest() as OnboardingRequest;
const weigh = (status: string) => ({
  contact: linkFindings([{ caseId: 'ob_other', status, kind: 'phone' }])[0],
  document: linkFindings([{ caseId: 'ob_other', status, kind: 'document' }])[0],
  account: checkBankAccount({ request, linkedApplicants: [{ caseId: 'ob_other', status }], policy: { holdOnAccountSharedWithHeldCase: true } }).find((f) => f.code === 'BANK_SHARED_ACCOUNT'),
  backAccount: backLinkFindings(policy, { id: 'ob_other', status: status as 'expired' }, ['bank-account']).find((f) => f.code === 'BANK_SHARED_ACCOUNT'),
  image: sharedImageFindings([{ caseId: 'ob_other', status }])[0],
});
const shape = (w: ReturnType<typeof weigh>) => Object.fromEntries(Object.entries(w).map(([k, f]) => [k, { severity: f?.severity, hardStop: f?.hardStop }]));

describe('a link to a case that expired on hold weighs as a link to a held one', () => {
  it('the status a link reads: expired-on-hold only where the expired case kept its hold', () => {
    expect(linkStatus({ status: 'expired', held: true })).toBe('expired-on-hold');
    expect(linkStatus({ status: 'expired', held: false })).toBe('expired');
    expect(linkStatus({ status: 'compliance-hold', held: true })).toBe('compliance-hold');
    expect(linkStatus({ status: 'approved', held: false })).toBe('approved');
  });

  it('every link finding: contact, document, payout account (both ways), document image', () => {
    expect(shape(weigh('expired-on-hold'))).toEqual(shape(weigh('compliance-hold')));
    expect(weigh('expired-on-hold').document).toMatchObject({ severity: 'critical', hardStop: true });
    expect(weigh('expired-on-hold').account).toMatchObject({ severity: 'critical', hardStop: true });
    expect(weigh('expired-on-hold').backAccount).toMatchObject({ severity: 'critical', hardStop: true });
    expect(weigh('expired-on-hold').contact?.severity).toBe('high');
    expect(weigh('expired-on-hold').image?.severity).toBe('critical');
  });

  it('says so in words a reviewer reads', () => {
    expect(weigh('expired-on-hold').account?.message).toContain('expired without being cleared');
    expect(weigh('expired-on-hold').contact?.message).toContain('expired without being cleared');
  });

  it('a case that expired never held weighs as one in good standing: a link, not a hard stop', () => {
    expect(shape(weigh('expired'))).toEqual(shape(weigh('approved')));
    expect(weigh('expired').document).toMatchObject({ severity: 'high', hardStop: false });
  });

  it('a case ended unanswered (info-not-provided) weighs as a rejected one: walking away from a question is no clean slate', () => {
    expect(shape(weigh('info-not-provided'))).toEqual(shape(weigh('rejected')));
    expect(weigh('info-not-provided').document).toMatchObject({ severity: 'critical', hardStop: true });
    expect(weigh('info-not-provided').account?.severity).toBe('critical');
    expect(weigh('info-not-provided').contact?.severity).toBe('high');
    // Said as it happened: not "rejected".
    expect(weigh('info-not-provided').account?.message).toContain("ended without answering a reviewer's question");
  });

  it('an approved case stays the lighter link', () => {
    expect(weigh('approved').document).toMatchObject({ severity: 'high', hardStop: false });
    expect(weigh('approved').account).toMatchObject({ severity: 'high', hardStop: false });
  });
});
