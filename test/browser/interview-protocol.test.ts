import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime';
import { PHRASE_WORDS } from '../../shared/domain/interview/protocol-phrase';
import { png } from '../fixtures/documents/specimen-files';
import { type BrowserSession, clickLinkInMail, explainAnswer, openMailInMailbox, recipientOf, screenshotPath, startBrowserSession, submitAndWait, visibleText } from '../support/browser';
import { goodInterview, loadRequest, postOnboarding, submitForm, waitForStatus } from '../support/local-runtime';

/** The parts of a DOM image read in the page (the tests compile without the DOM library). */
interface LoadedImage {
  complete: boolean;
  naturalWidth: number;
  src: string;
}

/**
 * Issue 18, item 2: the interviewer's form shows the intake document photo and selfie (real presigned GETs
 * against the local S3 endpoint) beside the protocol against stand-ins and face swaps; the interviewer reveals
 * the phrase, answers "face swap suspected" and submits; the reviewer finds it on the case page.
 */
describe('the interview protocol, clicked through in Chromium', () => {
  let rt: LocalRuntime & { apiKey: string };
  let page: Page;
  let session: BrowserSession | undefined;

  beforeAll(async () => {
    ({ rt, page } = session = await startBrowserSession());
  });
  afterAll(async () => {
    await session?.stop();
  });

  async function upload(kind: 'front' | 'selfie', bytes: Uint8Array): Promise<string> {
    const res = await fetch(`${rt.apiUrl}/uploads`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': rt.apiKey },
      body: JSON.stringify({ kind, contentType: 'image/png', sizeBytes: bytes.length }),
    });
    expect(res.status).toBe(201);
    const u = (await res.json()) as { key: string; uploadUrl: string; headers: Record<string, string> };
    expect((await fetch(u.uploadUrl, { method: 'PUT', headers: u.headers, body: bytes })).status).toBe(200);
    return u.key;
  }

  it('shows both photos and the protocol, reveals the phrase, and a face-swap-suspected answer reaches the reviewer', async () => {
    const front = await upload('front', png());
    const selfie = await upload('selfie', png({ Comment: 'selfie' }));
    const request = loadRequest((r) => {
      r.externalId = 'protocol-browser-1';
      r.contractor.email = 'protocol-browser-1@example.pl';
      r.document.files = [
        { kind: 'front', key: front },
        { kind: 'selfie', key: selfie },
      ];
    });
    const started = await postOnboarding(rt, request, 'protocol-browser-1');
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    const id = started.body.id as string;
    await waitForStatus(rt, id, 'awaiting-interview');

    // Contractor: told in advance what the call involves; no photo, no presigned URL, no foreign image origin.
    await openMailInMailbox(page, rt, request.contractor.email, /choose a time/i);
    const picker = await clickLinkInMail(page);
    expect(picker.status()).toBe(200);
    const pickerText = await visibleText(page);
    for (const item of [
      'What the call involves',
      'pass a hand slowly in front of your face',
      'turn your head fully to each side',
      'read aloud a short phrase',
      'the city where you live',
      'no virtual or blurred background',
    ])
      expect(pickerText).toContain(item);
    expect(await page.locator('img').count()).toBe(0);
    const pickerHtml = await page.content();
    for (const secret of ['X-Amz-Signature', front, selfie]) expect(pickerHtml).not.toContain(secret);
    expect((await picker.allHeaders())['content-security-policy']).toContain("img-src 'self';");
    await page.locator('input[type="radio"][name="choice"]:not([value="none"])').first().check();
    const picked = await submitAndWait(page, page.getByRole('button', { name: 'Confirm' }));
    expect(picked.status(), await explainAnswer(picked, page)).toBe(200);

    // Interviewer: the form with both photos loaded from the presigned URLs.
    const interviewer = await recipientOf(rt, /record the interview outcome/i);
    await openMailInMailbox(page, rt, interviewer, /record the interview outcome/i);
    const imageResponses: { url: string; status: number }[] = [];
    page.on('response', (r) => {
      if (r.request().resourceType() === 'image') imageResponses.push({ url: r.url(), status: r.status() });
    });
    const opened = await clickLinkInMail(page);
    expect(opened.status()).toBe(200);
    const formUrl = page.url();
    const images = page.locator('figure img');
    await expect.poll(() => images.count()).toBe(2);
    await expect.poll(() => images.evaluateAll((list) => list.map((i) => (i as unknown as LoadedImage).complete && (i as unknown as LoadedImage).naturalWidth > 0))).toEqual([true, true]);
    const [documentUrl, selfieUrl] = (await images.evaluateAll((list) => list.map((i) => (i as unknown as LoadedImage).src))) as [string, string];
    expect(new URL(documentUrl).pathname).toContain(front);
    expect(new URL(selfieUrl).pathname).toContain(selfie);
    for (const u of [documentUrl, selfieUrl]) {
      const q = new URL(u).searchParams;
      expect(q.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
      expect(q.get('X-Amz-Expires')).toBe('300');
      expect(imageResponses.find((r) => r.url === u)?.status).toBe(200);
    }
    // The page's CSP allows images from exactly that origin, and from nowhere else.
    const origin = new URL(documentUrl).origin;
    expect((await opened.allHeaders())['content-security-policy']).toContain(`img-src 'self' ${origin};`);
    // Expiry: the same object, presigned as the links function does but an hour ago for five minutes, is refused.
    const bucket = decodeURIComponent(new URL(documentUrl).pathname.split('/')[1]!);
    const s3 = new S3Client({ region: 'us-east-1', endpoint: origin, forcePathStyle: true, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    const sign = (at: Date) => getSignedUrl(s3, new GetObjectCommand({ Bucket: bucket, Key: front }), { expiresIn: 300, signingDate: at });
    expect((await fetch(await sign(new Date()))).status).toBe(200);
    const stale = await fetch(await sign(new Date(Date.now() - 60 * 60_000)));
    expect(stale.status).toBe(403);
    expect(await stale.text()).toContain('Request has expired');
    // The document photo's signature does not open the selfie, nor a longer expiry.
    const swapped = new URL(documentUrl);
    swapped.pathname = new URL(selfieUrl).pathname;
    expect((await fetch(swapped)).status).toBe(403);
    const longer = new URL(documentUrl);
    longer.searchParams.set('X-Amz-Expires', '604800');
    expect((await fetch(longer)).status).toBe(403);

    // The phrase: in a closed <details> until the interviewer opens it.
    const phrase = page.locator('#interview-phrase');
    expect(await phrase.isVisible()).toBe(false);
    await page.locator('details > summary', { hasText: 'Reveal the phrase' }).click();
    await expect.poll(() => phrase.isVisible()).toBe(true);
    const words = (await phrase.innerText()).trim().split(' ');
    expect(words).toHaveLength(4);
    for (const w of words) expect(PHRASE_WORDS).toContain(w);
    expect(await visibleText(page)).toContain('Claimed home city');
    await page.screenshot({ path: screenshotPath('interview-protocol-form'), fullPage: true });

    // A crafted POST with only the answers of before the protocol: 400, naming each missing protocol answer.
    const csrf = await page.locator('input[name="csrf"]').first().inputValue();
    const { livenessProfile: _p, phraseRead: _r, homeCityConvincing: _h, protocolRefused: _x, ...preProtocol } = goodInterview;
    const refused = await submitForm(formUrl, { csrf, ...preProtocol });
    expect(refused.status).toBe(400);
    for (const q of ['Profile: did they turn their head fully', 'Phrase: did they read the phrase', 'Home city: did they answer', 'Did the applicant refuse any part'])
      expect(refused.html).toContain(q);

    // The answers: everything fine except the hand in front of the face, where the face tore.
    for (const [name, value] of Object.entries({ ...goodInterview, livenessHandInFront: 'no', remarks: 'Face smeared over the hand for a moment.' })) {
      if (name === 'remarks') await page.locator('textarea[name="remarks"]').fill(value);
      else await page.locator(`input[type="radio"][name="${name}"][value="${value}"]`).check();
    }
    const recorded = await submitAndWait(page, page.getByRole('button', { name: 'Submit outcome' }));
    expect(recorded.status(), await explainAnswer(recorded, page)).toBe(200);

    // The photo links are never mailed: no mail carries a signed S3 URL or an upload key.
    for (const m of await rt.mailbox.list()) for (const secret of ['X-Amz-Signature', front, selfie]) expect(`${m.text}${m.html}`).not.toContain(secret);

    // Reviewer: the finding on the case page, with the question asked and the answer given.
    await waitForStatus(rt, id, 'awaiting-approval');
    await openMailInMailbox(page, rt, request.reviewers[0].email, /approval needed/i);
    expect((await clickLinkInMail(page)).status()).toBe(200);
    const interviewCard = page.locator('section.card', { has: page.locator('h3', { hasText: 'Video interview' }) });
    const finding = interviewCard.locator('ul.findings > li', { hasText: 'INT_FACE_SWAP_SUSPECTED' });
    expect(await finding.count()).toBe(1);
    const findingText = (await finding.innerText()).replace(/\s+/g, ' ');
    expect(findingText).toContain('Face swap suspected');
    expect(findingText).toContain('Hand in front of the face: when asked, did they pass a hand slowly in front of their face');
    expect(findingText).toMatch(/Answer no/);
    const text = await visibleText(page);
    expect(text).toContain(`yes (phrase: "${words.join(' ')}")`);
    expect(text).not.toContain('X-Amz-Signature');
    expect(await page.locator('img').count()).toBe(0);
    await page.screenshot({ path: screenshotPath('interview-protocol-case-page'), fullPage: true });
  }, 180_000);
});
