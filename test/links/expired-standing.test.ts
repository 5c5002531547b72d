import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime';
import { distinctApplicant } from '../support/applicants';
import { postOnboarding, startTestRuntime, waitForStatus } from '../support/local-runtime';

/**
 * How an expired case weighs a link to it, on the real local runtime (the interview pick and the compliance review
 * deadlines shortened through the local engine):
 * - one that expired on compliance hold (nobody cleared the suspicion) weighs as held: a second identity with its
 *   passport is a hard stop;
 * - one that expired because the contractor let the interview invitation lapse, never held, is an ordinary link.
 *   Before, both weighed as held, and an honest contractor onboarded again after a lapsed invitation was a hard stop
 *   beside their own earlier attempt (the same passport).
 */
describe('an expired case as a linked applicant', { timeout: 240_000 }, () => {
  let rt: LocalRuntime & { apiKey: string };
  beforeAll(async () => {
    rt = await startTestRuntime({ callbackTimeouts: { ScheduleInterview: 3, ComplianceReview: 3 } });
  });
  afterAll(async () => {
    await rt?.stop();
  });

  const start = async (request: Record<string, any>, key: string) => {
    const res = await postOnboarding(rt, request, key);
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    return res.body.id as string;
  };

  it('expired on hold: a second identity with its passport is held (hard stop)', async () => {
    const held = distinctApplicant(0, 'expiry');
    held.contractor.nationality = 'KP';
    const heldId = await start(held, 'lapsed-hold-1');
    await waitForStatus(rt, heldId, 'compliance-hold', 180_000);
    await waitForStatus(rt, heldId, 'expired', 180_000);

    const second = distinctApplicant(1, 'expiry');
    second.document.number = held.document.number;
    const o = await waitForStatus(rt, await start(second, 'lapsed-hold-2'), ['compliance-hold', 'awaiting-interview'], 180_000);
    expect(o.status, JSON.stringify(o.findings)).toBe('compliance-hold');
    expect(o.findings.codes).toContain('LINK_SHARED_CONTACT');
  });

  it('expired with the interview invitation left to lapse, never held: the same passport again is a link for review, not a hold', async () => {
    const first = distinctApplicant(2, 'expiry');
    const firstId = await start(first, 'lapsed-invite-1');
    await waitForStatus(rt, firstId, 'awaiting-interview', 180_000);
    const expired = await waitForStatus(rt, firstId, 'expired', 180_000);
    expect(expired.decision.outcome).toBe('expired');

    // Onboarded again by the HRIS under a new external id: the same person, passport and all.
    const again = distinctApplicant(3, 'expiry');
    again.document.number = first.document.number;
    const o = await waitForStatus(rt, await start(again, 'lapsed-invite-2'), ['compliance-hold', 'awaiting-interview'], 180_000);
    expect(o.status, JSON.stringify(o.findings)).toBe('awaiting-interview');
    expect(o.findings.codes).toContain('LINK_SHARED_CONTACT');
  });
});
