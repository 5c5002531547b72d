import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime';
import { CaseRepository } from '../../shared/adapters/dynamodb/case-repository';
import { CaseItems } from '../../shared/adapters/dynamodb/case-items';
import { eraseCase } from '../../shared/app/records/erase-case';
import { getOnboarding, goodInterview, loadRequest, postOnboarding, startTestRuntime, submitForm, waitFor, waitForMail, waitForStatus } from '../support/local-runtime';

/**
 * Issue 18 item 1, done when: on the local runtime, a contractor opening the slot link with
 * `Accept-Language: ko-KR` while claiming Polish origin, from an address the IP data places in another
 * country than the residence, produces those findings on the case, and the reviewer's case page explains them.
 *
 * The local API stands in for API Gateway's source IP: it believes X-Forwarded-For from 127.0.0.1 here
 * (VETFLOW_TRUSTED_PROXIES), as it would from a reverse proxy in front of it. Addresses are placed by the
 * real ip-location-db data the synth bundles: 24.1.2.3 is Comcast (US), 2003::1 Deutsche Telekom (DE).
 */
describe('the contractor footprint from the links they open', () => {
  let rt: LocalRuntime & { apiKey: string };
  const db = () => DynamoDBDocumentClient.from(rt.dynamo.client);
  const signalsEvidence = async (id: string) =>
    (
      await db().send(
        new QueryCommand({ TableName: rt.tableName, KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sk)', ExpressionAttributeValues: { ':pk': `CASE#${id}`, ':sk': 'EVIDENCE#signals#' } }),
      )
    ).Items ?? [];
  const codesOf = async (id: string) => ((await getOnboarding(rt, id)).findings.codes as string[]).filter((c) => c.startsWith('SIG_LINK_'));

  const open = async (url: string, headers: Record<string, string>) => {
    const res = await fetch(url, { headers });
    const html = await res.text();
    return { status: res.status, html, csp: res.headers.get('content-security-policy') ?? '', csrf: /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? '' };
  };
  const start = async (key: string) => {
    const request = loadRequest((r) => {
      r.externalId = key;
      r.contractor.email = `${key}@example.pl`;
      r.reviewers = [{ name: 'Rita Reviewer', email: `rita+${key}@example.com` }];
    });
    const started = await postOnboarding(rt, request, key);
    expect(started.status).toBe(202);
    const id = started.body.id as string;
    await waitForStatus(rt, id, 'awaiting-interview');
    const { link } = await waitForMail(rt, request.contractor.email, /choose a time/i);
    return { id, request, pick: link };
  };

  beforeAll(async () => {
    rt = await startTestRuntime({ trustedProxies: ['127.0.0.1'] });
  }, 180_000);
  afterAll(async () => {
    await rt?.stop();
  });

  it('a Korean browser abroad: findings on the case, explained on the reviewer case page, addresses masked', async () => {
    const { id, request, pick } = await start('footprint-ko-1');
    expect(request.contractor.nationality).toBe('PL');
    expect(request.contractor.residenceCountry).toBe('PL');
    const abroad = { 'accept-language': 'ko-KR', 'x-forwarded-for': '24.1.2.3' };

    const page = await open(pick, abroad);
    expect(page.status).toBe(200);
    // The visible question, the hidden field, and the one script the CSP allows by its hash.
    expect(page.html).toContain('name="utcOffset"');
    expect(page.html).toContain('<input type="hidden" name="tz" value="">');
    expect(page.csp).toMatch(/script-src 'sha256-[A-Za-z0-9+/]{43}='/);
    expect(page.csp).toContain("default-src 'none'");
    expect(await codesOf(id)).toEqual(['SIG_LINK_FOREIGN_COUNTRY', 'SIG_LINK_KOREAN_LANGUAGE']);
    expect((await getOnboarding(rt, id)).risk.outcome).toBe('review');

    // Opening it again and again (reloads, a second tab) is one footprint: the evidence does not grow.
    const recorded = (await signalsEvidence(id)).length;
    for (let i = 0; i < 5; i++) expect((await open(pick, abroad)).status).toBe(200);
    expect((await signalsEvidence(id)).length).toBe(recorded);

    // The pick itself, with the browser's clock in Warsaw: a new footprint (its time zone), nothing new to find.
    const slot = /name="choice" value="([^"]+)"/.exec(page.html)![1]!;
    const picked = await submitForm(pick, { csrf: page.csrf, choice: slot, tz: 'Europe/Warsaw', utcOffset: '+01:00' }, abroad);
    expect(picked.status).toBe(200);
    expect(await codesOf(id)).toEqual(['SIG_LINK_FOREIGN_COUNTRY', 'SIG_LINK_KOREAN_LANGUAGE']);

    // The interviewer records the call; the reviewer opens the case page.
    const fullName = `${request.contractor.legalName.givenNames} ${request.contractor.legalName.surname}`;
    const outcomeMail = await waitFor(
      'the outcome-form mail',
      async () => (await rt.mailbox.list()).find((m) => /record|outcome/i.test(m.subject) && m.text.includes(fullName) && m.text.includes('/links/')),
      (m) => m !== undefined,
    );
    const outcomeLink = /http:\/\/localhost:\d+\/links\/[A-Za-z0-9_-]{43}/.exec(outcomeMail!.text)![0];
    const form = await open(outcomeLink, {});
    // A staff link: no footprint, no script.
    expect(form.csp).not.toContain('script-src');
    expect((await submitForm(outcomeLink, { csrf: form.csrf, ...goodInterview })).status).toBe(200);
    await waitForStatus(rt, id, 'awaiting-approval');
    const { link: review } = await waitForMail(rt, 'rita+footprint-ko-1@example.com', /approval needed/i);
    const casePage = (await open(review, {})).html;
    expect(casePage).toContain('Opened the slot link from an address in US, while claiming residence in PL.');
    expect(casePage).toContain('Browser prefers Korean (ko-KR) while claiming nationality PL and residence in PL.');
    expect(casePage).toContain('24.1.2.x');
    expect(casePage).not.toContain('24.1.2.3');
  }, 180_000);

  it('Korean listed low is not a preference; IPv6 addresses are placed and masked; one address links two applicants both ways', async () => {
    const first = await start('footprint-v6-1');
    const second = await start('footprint-v6-2');
    const fromGermany = { 'accept-language': 'pl-PL,pl;q=0.9,en;q=0.8,ko;q=0.1', 'x-forwarded-for': '2003::1' };
    expect((await open(first.pick, fromGermany)).status).toBe(200);
    expect(await codesOf(first.id)).toEqual(['SIG_LINK_FOREIGN_COUNTRY']);
    // The later applicant: the address (50, a laptop farm's sign) on top of the fixture's own findings
    // (missing document images, stale lists) holds the case, and the page it came to says so.
    const second_ = await open(second.pick, fromGermany);
    expect(second_.status).toBe(409);
    expect(second_.html).toContain('on hold');
    expect(await codesOf(second.id)).toEqual(['SIG_LINK_FOREIGN_COUNTRY', 'SIG_LINK_SHARED_IP']);
    expect((await getOnboarding(rt, second.id)).status).toBe('compliance-hold');
    // The earlier applicant is told too (evidence of its links stage naming the later case and the address).
    const backLinks = async () =>
      (
        await db().send(
          new QueryCommand({
            TableName: rt.tableName,
            KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sk)',
            ExpressionAttributeValues: { ':pk': `CASE#${first.id}`, ':sk': 'EVIDENCE#links#signals-' },
          }),
        )
      ).Items ?? [];
    const back = await waitFor('the back link on the earlier case', backLinks, (l) => l.length > 0);
    expect(back[0]!.inputs).toMatchObject({ laterCase: second.id, shared: ['ip'], foundBy: 'signals' });
    expect((back[0]!.findings as { code: string }[]).map((f) => f.code)).toEqual(['LINK_SHARED_CONTACT']);
    const items = await signalsEvidence(second.id);
    const shared = items.flatMap((e) => (e.findings as { code: string; evidence: { detail: Record<string, unknown> }[] }[]).filter((f) => f.code === 'SIG_LINK_SHARED_IP'));
    expect(shared[0]!.evidence[0]!.detail).toMatchObject({ ip: '2003:0:0::/48', otherApplicants: [first.id] });

    // Erasure (the held case may be erased): the address goes from the visits and the findings, masked or
    // not, and its keyed fingerprint is deleted; the codes and readings stay as the legal-hold record.
    const repo = new CaseRepository(db(), rt.tableName);
    const partition = async () =>
      (await db().send(new QueryCommand({ TableName: rt.tableName, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': `CASE#${second.id}` } }))).Items ?? [];
    expect(JSON.stringify(await partition())).toContain('2003::1');
    await eraseCase(repo, new CaseItems(db(), rt.tableName), second.id, { reason: 'Erasure request (ticket 18)', actor: 'operator:dpo' });
    const erased = await partition();
    expect(JSON.stringify(erased)).not.toMatch(/2003:/);
    expect(erased.filter((i) => i.type === 'fingerprint' || String(i.SK).startsWith('FP#'))).toEqual([]);
    expect((await signalsEvidence(second.id)).flatMap((e) => (e.findings as { code: string }[]).map((f) => f.code))).toContain('SIG_LINK_SHARED_IP');
  }, 180_000);

  it('loopback and garbage proxy headers record nothing; a Korean browser clock sent with the pick is read for the reviewer', async () => {
    const { id, pick } = await start('footprint-plain-1');
    // No proxy header from the trusted peer: the peer itself, 127.0.0.1, which places no one (and would link
    // every local applicant): not recorded, the page as usual.
    expect((await open(pick, { 'accept-language': 'ko' })).status).toBe(200);
    // A garbage proxy header: the peer's address again.
    const page = await open(pick, { 'x-forwarded-for': 'not-an-address, <script>', 'accept-language': 'ko' });
    expect(page.status).toBe(200);
    expect(await signalsEvidence(id)).toEqual([]);
    // From home in Poland, but the browser prefers Korean and its clock is in Seoul.
    const slot = /name="choice" value="([^"]+)"/.exec(page.html)![1]!;
    const home = { 'accept-language': 'ko', 'x-forwarded-for': '83.10.0.1' };
    expect((await submitForm(pick, { csrf: page.csrf, choice: slot, tz: 'Asia/Seoul', utcOffset: '' }, home)).status).toBe(200);
    expect(await codesOf(id)).toEqual(['SIG_LINK_KOREAN_LANGUAGE', 'SIG_LINK_TIME_ZONE_MISMATCH']);
    const items = await signalsEvidence(id);
    const zone = items.flatMap((e) => (e.findings as { code: string; message: string }[]).filter((f) => f.code === 'SIG_LINK_TIME_ZONE_MISMATCH'));
    expect(zone.at(-1)!.message).toBe("The browser's clock is set to Asia/Seoul (UTC+09:00, KR): not a time of PL, the claimed residence (UTC+01:00, UTC+02:00).");
  }, 180_000);

  it('fifty harmless footprints first (the languages varied) do not keep a visit from DPRK address space off the record: the case is held', async () => {
    const { id, pick } = await start('footprint-flood-1');
    // Each q value makes a footprint of its own; the case keeps fifty and drops later new ones.
    for (let i = 1; i <= 50; i++) {
      // An address of its own: one another test's applicant used would link the two.
      const page = await open(pick, { 'accept-language': `pl-PL,pl;q=0.${String(i).padStart(2, '0')}`, 'x-forwarded-for': '83.10.20.77' });
      expect(
        page.status,
        `visit ${i}: ${page.html
          .replace(/<[^>]+>/g, ' ')
          .replace(/\s+/g, ' ')
          .slice(0, 300)}`,
      ).toBe(200);
    }
    expect((await getOnboarding(rt, id)).status).toBe('awaiting-interview');
    // A Korean browser past the cap is recorded too (a review, not a hold: the reviewers must see it).
    expect(await codesOf(id)).not.toContain('SIG_LINK_KOREAN_LANGUAGE');
    await open(pick, { 'accept-language': 'ko-KP', 'x-forwarded-for': '83.10.20.77' });
    expect(await codesOf(id)).toContain('SIG_LINK_KOREAN_LANGUAGE');
    await open(pick, { 'accept-language': 'pl-PL', 'x-forwarded-for': '175.45.176.10' });
    await waitForStatus(rt, id, 'compliance-hold');
  }, 180_000);
});
