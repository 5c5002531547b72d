import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime';
import { distinctApplicant } from '../support/applicants';
import { postOnboarding, postSignals, startTestRuntime, waitForStatus } from '../support/local-runtime';

/**
 * Tenth session's adversarial pass: an applicant held as North Korean, sent again by the HRIS under the same
 * external id with the same passport but a new email, phone and bank account, was linked to nothing and could
 * be approved (same external id: "the same onboarding"; the passport: no linking identifier). On the real
 * local runtime.
 */
describe('a second identity on the real local runtime', { timeout: 240_000 }, () => {
  let rt: LocalRuntime & { apiKey: string };
  beforeAll(async () => {
    rt = await startTestRuntime();
  });
  afterAll(async () => {
    await rt?.stop();
  });

  it('is linked to the held case through the passport and held too', async () => {
    const first = distinctApplicant(0, 'reapply');
    first.contractor.nationality = 'KP';
    const a = await postOnboarding(rt, first, 'reapply-first');
    expect(a.status, JSON.stringify(a.body)).toBe(202);
    await waitForStatus(rt, a.body.id, 'compliance-hold', 180_000);

    // New contacts and account, the same external id and passport, a harmless nationality.
    const again = distinctApplicant(1, 'reapply');
    again.externalId = first.externalId;
    again.document.number = first.document.number;
    const b = await postOnboarding(rt, again, 'reapply-second');
    expect(b.status, JSON.stringify(b.body)).toBe(202);
    expect(b.body.id).not.toBe(a.body.id);
    const o = await waitForStatus(rt, b.body.id, ['compliance-hold', 'awaiting-interview'], 180_000);
    expect(o.status, JSON.stringify(o.findings)).toBe('compliance-hold');
    expect(o.findings.codes).toContain('LINK_SHARED_CONTACT');

    // A third applicant in good standing changes, after intake, to the held applicant's phone written another way
    // (00 for +, spaced): the signals key it as intake does and link the two.
    const third = await postOnboarding(rt, distinctApplicant(2, 'reapply'), 'reapply-third');
    expect(third.status, JSON.stringify(third.body)).toBe(202);
    await waitForStatus(rt, third.body.id, ['awaiting-interview', 'compliance-hold'], 180_000);
    const heldPhone = String(first.contractor.phone).replace(/^\+48(\d{3})/, '0048 $1 ');
    const change = await postSignals(rt, third.body.id, { signals: [{ type: 'contact-change', time: '2026-11-25T10:00:00Z', field: 'phone', new: heldPhone }] });
    const body = (await change.json()) as { findings?: string[] };
    expect(change.status, JSON.stringify(body)).toBe(202);
    expect(body.findings).toContain('LINK_SHARED_CONTACT');
  });

  // December 2026's pass: the messaging field of a contact change was not keyed, so two applicants moving their
  // conversations to one Telegram handle were linked to nothing.
  it('two applicants moving to one Telegram handle are linked, however each writes it', async () => {
    const ids: string[] = [];
    for (const n of [3, 4]) {
      const res = await postOnboarding(rt, distinctApplicant(n, 'reapply'), `reapply-chat-${n}`);
      expect(res.status, JSON.stringify(res.body)).toBe(202);
      await waitForStatus(rt, res.body.id, ['awaiting-interview', 'compliance-hold'], 180_000);
      ids.push(res.body.id);
    }
    const say = async (id: string, handle: string) => {
      const res = await postSignals(rt, id, { signals: [{ type: 'contact-change', time: '2026-11-26T10:00:00Z', field: 'messaging', new: handle }] });
      const body = (await res.json()) as { findings?: string[] };
      expect(res.status, JSON.stringify(body)).toBe(202);
      return body.findings ?? [];
    };
    expect(await say(ids[0]!, 'Telegram: @kim_dev_team')).not.toContain('LINK_SHARED_CONTACT');
    expect(await say(ids[1]!, 'https://t.me/KIM_DEV_TEAM')).toContain('LINK_SHARED_CONTACT');
  });
});
