import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime';
import { FIXTURE_DIR } from '../screening/fixture-dir';
import { getOnboarding, goodInterview, loadRequest, openLink, postOnboarding, startTestRuntime, submitForm, waitFor, waitForMail, waitForStatus } from '../support/local-runtime';

/**
 * Issue 18, item 2 on the local runtime: the interview protocol's phrase is derived, not stored, until the
 * outcome records it; a refused protocol holds the case (engagement.holdOnInterviewProtocolRefused, on by
 * default); the contractor's page never shows the photos.
 */
describe('the interview protocol on the local runtime', () => {
  let rt: LocalRuntime & { apiKey: string };
  beforeAll(async () => {
    rt = await startTestRuntime({ sanctionsDataDir: FIXTURE_DIR });
  });
  afterAll(async () => {
    await rt?.stop();
  });

  /** Starts an onboarding (no uploads) and books a slot; returns the interviewer's outcome link and the slot-pick page. */
  async function toOutcomeForm(key: string) {
    const request = loadRequest((r) => {
      r.externalId = key;
      r.contractor.email = `${key}@example.pl`;
      r.document.files = [];
    });
    const id = (await postOnboarding(rt, request, key)).body.id as string;
    await waitForStatus(rt, id, 'awaiting-interview');
    const { link: pick } = await waitForMail(rt, request.contractor.email, /choose a time/i);
    const pickRes = await fetch(pick);
    const pickPage = { html: await pickRes.text(), csp: pickRes.headers.get('content-security-policy') ?? '' };
    const slotPage = await openLink(pick);
    const slot = /name="choice" value="([^"]+)"/.exec(slotPage.html)![1]!;
    const picked = new Date().toISOString();
    expect((await submitForm(pick, { csrf: slotPage.csrf, choice: slot })).status).toBe(200);
    // Both tests book the fixture applicant: the outcome-form mail sent after this booking.
    const mail = await waitFor(
      'the outcome-form mail',
      async () => (await rt.mailbox.list()).find((m) => /record the interview outcome/i.test(m.subject) && m.at >= picked),
      (m) => m !== undefined,
    );
    const outcomeLink = /http:\/\/localhost:\d+\/links\/[A-Za-z0-9_-]{43}/.exec(mail!.text)![0];
    return { id, outcomeLink, pickPage };
  }

  const tableText = async () => {
    const db = DynamoDBDocumentClient.from(rt.dynamo.client);
    const items = (await db.send(new ScanCommand({ TableName: rt.tableName, ConsistentRead: true }))).Items ?? [];
    return JSON.stringify(items);
  };

  it('the phrase is the same on every opening, stored nowhere until the outcome records it; no photos are said plainly', async () => {
    const { id, outcomeLink, pickPage } = await toOutcomeForm('protocol-phrase');
    // The contractor's page: what the call involves, no image, no foreign image origin.
    expect(pickPage.html).toContain('What the call involves');
    expect(pickPage.html).not.toContain('<img');
    expect(pickPage.csp).toContain("img-src 'self';");

    const first = await openLink(outcomeLink);
    const again = await openLink(outcomeLink);
    const phrase = /id="interview-phrase">([a-z ]+)</.exec(first.html)![1]!;
    expect(phrase.split(' ')).toHaveLength(4);
    expect(/id="interview-phrase">([a-z ]+)</.exec(again.html)![1]).toBe(phrase);
    expect(first.html).toContain('No document photo was uploaded at intake.');
    expect(first.html).toContain('No selfie was uploaded at intake.');
    expect(first.headers.get('content-security-policy')).toContain("img-src 'self';");
    expect(await tableText()).not.toContain(phrase);

    const sent = await submitForm(outcomeLink, { csrf: first.csrf, ...goodInterview, phraseRead: 'unsure' });
    expect(sent.status).toBe(200);
    await waitForStatus(rt, id, ['awaiting-approval', 'compliance-hold']);
    const stored = await tableText();
    expect(stored).toContain(phrase);
    expect(stored).toContain('INT_PHRASE_NOT_READ');
  }, 120_000);

  it('refusing the protocol puts the case on compliance hold (the default policy)', async () => {
    const { id, outcomeLink } = await toOutcomeForm('protocol-refused');
    const form = await openLink(outcomeLink);
    const sent = await submitForm(outcomeLink, { csrf: form.csrf, ...goodInterview, livenessProfile: 'no', protocolRefused: 'yes', remarks: 'Would not turn the head or read the phrase.' });
    expect([200, 409]).toContain(sent.status);
    await waitForStatus(rt, id, 'compliance-hold');
    const onboarding = await getOnboarding(rt, id);
    expect(onboarding.findings.codes).toEqual(expect.arrayContaining(['INT_PROTOCOL_REFUSED', 'INT_FACE_SWAP_SUSPECTED']));
  }, 120_000);
});
