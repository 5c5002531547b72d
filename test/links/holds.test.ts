import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBDocumentClient, GetCommand, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime';
import { FIXTURE_DIR } from '../screening/fixture-dir';
import {
  getOnboarding,
  goodInterview,
  loadRequest,
  openLink,
  postOnboarding,
  postSignals,
  startTestRuntime,
  startToApproval,
  submitForm,
  waitFor,
  waitForMail,
  waitForStatus,
} from '../support/local-runtime';

/**
 * Issue 12 (checklist 31, 21, 32): a hold raised by any path while a person step waits ends that step (its
 * links say the case is on hold and decide nothing), the hold gets an owner (the compliance review, by email
 * link), and only two different people can clear it; one confirmation ends the case rejected. On the real
 * local runtime, with the hand-written fixture lists (no real data needed).
 */
describe('compliance holds that nothing can bypass', () => {
  let rt: LocalRuntime & { apiKey: string };
  let refresh: string;
  let designated: string;
  beforeAll(async () => {
    rt = await startTestRuntime({ sanctionsDataDir: FIXTURE_DIR });
    refresh = [...rt.lambdas.functions.keys()].find((k) => k.startsWith('SanctionsRefreshFunction'))!;
    // The next list version designates the fixture applicant (same name and birth date).
    designated = await mkdtemp(join(tmpdir(), 'vetflow-lists-'));
    await cp(FIXTURE_DIR, designated, { recursive: true });
    const sdn = join(designated, 'ofac', 'sdn.csv');
    const body = (await readFile(sdn, 'latin1')).replace(/\x1a$/, '');
    await writeFile(sdn, `${body}9001,"KOWALSKA, Anna Maria","individual","DPRK3",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 12 Apr 1990; nationality Poland; Gender Female."\r\n\x1a`, 'latin1');
  });
  afterAll(async () => {
    await rt?.stop();
  });

  // The test policy's compliance team (reviewerPools.compliance).
  const ines = 'ines.compliance@example.com';
  const jonas = 'jonas.compliance@example.com';
  const complianceLink = async (to: string, after = 0) => (await waitForMail(rt, to, /compliance hold/i, after)).link;
  /** A new onboarding at the interview, held by a login from DPRK address space; `login` sends another. */
  const heldByDprkLogin = async (key: string) => {
    const request = loadRequest((r) => {
      r.externalId = key;
      r.contractor.email = `${key}@example.pl`;
    });
    const id = (await postOnboarding(rt, request, key)).body.id as string;
    await waitForStatus(rt, id, 'awaiting-interview');
    const heldAt = Date.now();
    const login = (time: string, ip: string) => postSignals(rt, id, { signals: [{ type: 'login', time, ip, accountId: `acct-${key}` }] });
    expect((await login('2026-11-25T10:05:00Z', '175.45.176.10')).status).toBe(202);
    await waitForStatus(rt, id, 'compliance-hold');
    return { id, heldAt, login };
  };
  const decide = async (link: string, action: 'confirm-hold' | 'clear-hold', reason: string) => {
    const page = await openLink(link);
    expect(page.status).toBe(200);
    return submitForm(link, { csrf: page.csrf, action, reason, reasonsSeen: page.reasonsSeen });
  };

  it('a re-screening hit while reviewers wait: the old link says on hold and cannot approve; two compliance reviewers clear it and the reviewers decide again', async () => {
    const { id, reviewerLinks } = await startToApproval(rt, 'hold-rescreen');
    const before = await openLink(reviewerLinks[0]);
    expect(before.status).toBe(200);

    const heldAt = Date.now();
    await rt.lambdas.get(refresh).invoke({ listsDir: designated });
    expect((await getOnboarding(rt, id)).status).toBe('compliance-hold');

    // The link mailed before the hold: on hold, never "No screening hits"; a POST approve decides nothing.
    const opened = await openLink(reviewerLinks[0]);
    expect(opened.status).toBe(409);
    expect(opened.html).toMatch(/on compliance hold/i);
    const approve = await submitForm(reviewerLinks[0], { csrf: before.csrf, view: before.view, action: 'approve', reason: 'Looks fine to me.' });
    expect(approve.status).toBe(409);
    expect((await getOnboarding(rt, id)).status).toBe('compliance-hold');

    // The hold has an owner: the compliance review mails the compliance team the (test) policy names.
    const rita = await complianceLink(ines, heldAt);
    const omar = await complianceLink(jonas, heldAt);
    const ritaPage = await openLink(rita);
    expect(ritaPage.html).toMatch(/Why this case is on hold/);
    expect(ritaPage.html).toMatch(/sanctions re-screening/);
    expect(ritaPage.html).toMatch(/Listed entry/);

    // One reviewer alone does not clear it.
    const first = await decide(rita, 'clear-hold', 'Different person: the birth place and document differ from the entry.');
    expect(first.status).toBe(200);
    expect(first.html).toMatch(/second, different compliance reviewer/);
    expect((await getOnboarding(rt, id)).status).toBe('compliance-hold');

    const mailsBefore = Date.now();
    const second = await decide(omar, 'clear-hold', 'Agree: a namesake, the listed person is older and lives in Pyongyang.');
    expect(second.status).toBe(200);
    // Cleared: back to the reviewers' step, with fresh links (the old one stays closed).
    await waitForStatus(rt, id, 'awaiting-approval');
    const { link: fresh } = await waitForMail(rt, 'rita+hold-rescreen@example.com', /approval needed/i, mailsBefore);
    expect(fresh).not.toBe(reviewerLinks[0]);
    expect((await openLink(reviewerLinks[0])).status).toBe(410);
    const o = await getOnboarding(rt, id);
    expect(o.status).toBe('awaiting-approval');
  });

  it('a hold raised by platform signals while the interview waits: the slot link says on hold; one compliance reviewer confirms and the case ends rejected', async () => {
    const request = loadRequest((r) => {
      r.externalId = 'hold-signals';
      r.contractor.email = 'hold-signals@example.pl';
      r.reviewers = [
        { name: 'Rita Reviewer', email: 'rita+hold-signals@example.com' },
        { name: 'Omar Officer', email: 'omar+hold-signals@example.com' },
      ];
    });
    const id = (await postOnboarding(rt, request, 'hold-signals')).body.id as string;
    await waitForStatus(rt, id, 'awaiting-interview');
    const { link: pick } = await waitForMail(rt, request.contractor.email, /choose a time/i);
    const heldAt = Date.now();
    const signals = await postSignals(rt, id, { signals: [{ type: 'login', time: '2026-11-25T10:05:00Z', ip: '175.45.176.10', accountId: 'acct-1' }] });
    expect(signals.status).toBe(202);
    expect((await getOnboarding(rt, id)).status).toBe('compliance-hold');
    const page = await openLink(pick);
    expect(page.status).toBe(409);
    expect(page.html).toMatch(/on compliance hold/i);

    const confirm = await decide(await complianceLink(jonas, heldAt), 'confirm-hold', 'The contractor logs in from DPRK address space: a true hard stop.');
    expect(confirm.status).toBe(200);
    const done = await waitForStatus(rt, id, 'rejected');
    expect(done.decision.outcome).toBe('rejected');
    // Recorded as compliance's decision, with the reviewer and the reason (the case file; the HRIS view has the outcome).
    const file = await import('../../shared/app/records/case-file');
    const { CaseRepository } = await import('../../shared/adapters/dynamodb/case-repository');
    const { DynamoDBDocumentClient } = await import('@aws-sdk/lib-dynamodb');
    const pack = (await file.buildCaseFile(new CaseRepository(DynamoDBDocumentClient.from(rt.dynamo.client), rt.tableName), id)).compliancePack;
    expect(pack).toMatchObject({ outcome: 'confirmed', decision: { outcome: 'rejected', via: 'compliance-review' }, ipAddresses: ['175.45.176.10'] });
    expect(pack?.hold?.votes?.[0]).toMatchObject({ by: jonas, outcome: 'confirm' });
  });

  it('two compliance reviewers clear at the same moment while signal batches write the case: no vote is lost, and a busy case is a 409 to submit again, never a 5xx', async () => {
    const request = loadRequest((r) => {
      r.externalId = 'hold-race';
      r.contractor.email = 'hold-race@example.pl';
    });
    const id = (await postOnboarding(rt, request, 'hold-race')).body.id as string;
    await waitForStatus(rt, id, 'awaiting-interview');
    const heldAt = Date.now();
    const signalsOf = (body: unknown) => postSignals(rt, id, body);
    expect((await signalsOf({ signals: [{ type: 'login', time: '2026-11-25T10:05:00Z', ip: '175.45.176.10', accountId: 'acct-race' }] })).status).toBe(202);
    expect((await getOnboarding(rt, id)).status).toBe('compliance-hold');
    const votes = await Promise.all(
      [ines, jonas].map(async (to) => {
        const link = await complianceLink(to, heldAt);
        const page = await openLink(link);
        expect(page.status).toBe(200);
        return { link, csrf: page.csrf, reasonsSeen: page.reasonsSeen, reason: `${to}: the login is a test address range, not the contractor.` };
      }),
    );
    // Both votes and ten batches of logins, all at once: every write races for the case.
    // (Logins of the same account from home a day later: no finding the hold has not got already, so the review
    // goes on. A new finding would start it again, see the next tests; so would another login from DPRK address
    // space, evidence the clearers did not see.)
    const batches = Array.from({ length: 10 }, (_, i) => ({ signals: [{ type: 'login', time: `2026-11-26T1${i}:30:00Z`, ip: '83.0.0.1', accountId: 'acct-race' }] }));
    const [answers] = await Promise.all([
      Promise.all(votes.map((v) => submitForm(v.link, { csrf: v.csrf, action: 'clear-hold', reason: v.reason, reasonsSeen: v.reasonsSeen }))),
      Promise.all(batches.map((b) => signalsOf(b))),
    ]);
    for (const [i, a] of answers.entries()) {
      expect([200, 409], a.html.slice(0, 300)).toContain(a.status);
      if (a.status === 409) {
        // Busy, not decided: the page says to submit again, and the same link does.
        expect(a.html).toMatch(/submit the form again/);
        expect(a.headers.get('retry-after')).toBeTruthy();
        const again = await submitForm(votes[i]!.link, { csrf: votes[i]!.csrf, action: 'clear-hold', reason: votes[i]!.reason, reasonsSeen: votes[i]!.reasonsSeen });
        expect(again.status).toBe(200);
      }
    }
    // Two different people cleared: the hold is lifted.
    const { CaseRepository } = await import('../../shared/adapters/dynamodb/case-repository');
    const repo = new CaseRepository(DynamoDBDocumentClient.from(rt.dynamo.client), rt.tableName);
    const audit = await waitFor(
      'the hold cleared',
      () => repo.listAudit(id),
      (events) => events.some((e) => e.action === 'hold.cleared'),
    );
    const recorded = audit
      .filter((e) => e.action === 'hold.voted')
      .map((e) => String(e.actor))
      .sort();
    expect(recorded).toEqual([`compliance:${ines}`, `compliance:${jonas}`]);
    console.log(`[hold-race] first answers: ${answers.map((a) => a.status).join(', ')}`);
  });

  it('a cleared login from DPRK address space stays cleared: a harmless login after the clearance does not hold the case again; a login from another DPRK address does', async () => {
    const { id, heldAt, login } = await heldByDprkLogin('hold-cleared-ip');
    for (const who of [ines, jonas]) expect((await decide(await complianceLink(who, heldAt), 'clear-hold', `${who}: a test address range, not the contractor.`)).status).toBe(200);
    await waitForStatus(rt, id, 'awaiting-interview');

    // The next batch evaluates every signal again, the cleared login with it: the same finding, unchanged.
    const harmless = await login('2026-11-26T09:00:00Z', '83.0.0.1');
    expect(harmless.status).toBe(202);
    expect(((await harmless.json()) as { risk: { outcome: string } }).risk.outcome).not.toBe('hold');
    expect((await getOnboarding(rt, id)).status).toBe('awaiting-interview');

    // A login from another address in DPRK space is new evidence: held again, with a review of its own.
    const again = Date.now();
    expect((await login('2026-11-26T10:00:00Z', '175.45.178.20')).status).toBe(202);
    await waitForStatus(rt, id, 'compliance-hold');
    expect((await waitForMail(rt, ines, /compliance hold/i, again)).link).toMatch(/\/links\//);
  });

  it('a finding added while the hold is reviewed: the clearance given before it stops counting, a page opened before it cannot clear, and the team is mailed again with every reason', async () => {
    const request = loadRequest((r) => {
      r.externalId = 'hold-new-finding';
      r.contractor.email = 'hold-new-finding@example.pl';
    });
    const id = (await postOnboarding(rt, request, 'hold-new-finding')).body.id as string;
    await waitForStatus(rt, id, 'awaiting-interview');
    const signalsOf = (body: unknown) => postSignals(rt, id, body);
    const heldAt = Date.now();
    expect((await signalsOf({ signals: [{ type: 'login', time: '2026-11-25T10:05:00Z', ip: '175.45.176.10', accountId: 'acct-nf' }] })).status).toBe(202);
    expect((await getOnboarding(rt, id)).status).toBe('compliance-hold');
    // Ines clears having seen the DPRK login; Jonas opens his page but has not decided yet.
    expect((await decide(await complianceLink(ines, heldAt), 'clear-hold', 'The address range is our own test network.')).status).toBe(200);
    const jonasOld = await complianceLink(jonas, heldAt);
    const jonasPage = await openLink(jonasOld);
    expect(jonasPage.reasonsSeen).toBe('1');

    // Then a finding the hold has not got: logins from Poland five minutes after the DPRK one (impossible travel),
    // on many accounts.
    const addedAt = Date.now();
    const more = Array.from({ length: 4 }, (_, i) => ({ type: 'login', time: `2026-11-25T10:1${i}:00Z`, ip: '83.0.0.1', accountId: `acct-nf-${i}` }));
    expect((await signalsOf({ signals: more })).status).toBe(202);
    const held = await getOnboarding(rt, id);
    expect(held.status).toBe('compliance-hold');

    // Jonas's page from before the finding cannot clear it: nothing is recorded.
    const stale = await submitForm(jonasOld, { csrf: jonasPage.csrf, action: 'clear-hold', reason: 'The address range is our own test network.', reasonsSeen: jonasPage.reasonsSeen });
    expect(stale.status).not.toBe(200);
    expect((await getOnboarding(rt, id)).status).toBe('compliance-hold');

    // The review starts again: both are mailed, the page lists both reasons, and Ines's earlier clearance does not count.
    const inesNew = await complianceLink(ines, addedAt);
    const jonasNew = await complianceLink(jonas, addedAt);
    const inesPage = await openLink(inesNew);
    expect(inesPage.status).toBe(200);
    expect(Number(inesPage.reasonsSeen)).toBeGreaterThanOrEqual(2);
    expect(inesPage.html).toMatch(/value="clear-hold"/);
    // A clear form that does not say which reasons it showed (made by hand) clears nothing and keeps the link.
    const unsaid = await submitForm(inesNew, { csrf: inesPage.csrf, action: 'clear-hold', reason: 'Cleared without the page.' });
    expect(unsaid.status).toBe(409);
    expect(unsaid.html).toMatch(/did not say which reasons/);
    expect((await decide(jonasNew, 'clear-hold', 'Both logins are the test network and its VPN exit.')).status).toBe(200);
    // One standing clearance is not two: still on hold until Ines clears again, having seen the new finding.
    expect((await getOnboarding(rt, id)).status).toBe('compliance-hold');
    expect((await decide(inesNew, 'clear-hold', 'Seen the impossible travel too: the VPN exit is in Warsaw.')).status).toBe(200);
    await waitForStatus(rt, id, 'awaiting-interview');
  });

  it('a clearance that went stale between the deciding click and ComplianceDecision clears nothing: the step sends the hold back to review', async () => {
    const request = loadRequest((r) => {
      r.externalId = 'hold-stale-decision';
      r.contractor.email = 'hold-stale-decision@example.pl';
    });
    const id = (await postOnboarding(rt, request, 'hold-stale-decision')).body.id as string;
    await waitForStatus(rt, id, 'awaiting-interview');
    const signals = await postSignals(rt, id, { signals: [{ type: 'login', time: '2026-11-25T10:05:00Z', ip: '175.45.176.10', accountId: 'acct-sd' }] });
    expect(signals.status).toBe(202);
    // The votes as ComplianceDecision would find them if a new finding landed just after the second click.
    const db = DynamoDBDocumentClient.from(rt.dynamo.client);
    const votes = [ines, jonas].map((by) => ({ by, name: by, at: '2026-11-25T11:00:00Z', outcome: 'clear', reason: 'A namesake of the test network.', reasonsSeen: 1 }));
    const newSource = { source: 'rescreen', at: '2026-11-25T11:00:01Z', reason: 'A new list entry names the contractor.', findings: ['SCR_STRONG_MATCH'] };
    await db.send(
      new UpdateCommand({
        TableName: rt.tableName,
        Key: { PK: `CASE#${id}`, SK: 'CASE' },
        UpdateExpression: 'SET #h.votes = :v, #h.sources = list_append(#h.sources, :s)',
        ExpressionAttributeNames: { '#h': 'hold' },
        ExpressionAttributeValues: { ':v': votes, ':s': [newSource] },
      }),
    );
    const finalize = [...rt.lambdas.functions.keys()].find((k) => k.startsWith('FinalizeFunction'))!;
    const out = (await rt.lambdas.get(finalize).invoke({ onboardingId: id, compliance: { outcome: 'cleared', votes: votes.map(({ by, at, reason }) => ({ by, at, reason })) } })) as {
      reviewAgain?: boolean;
      status: string;
    };
    expect(out).toMatchObject({ reviewAgain: true, status: 'compliance-hold' });
    expect((await getOnboarding(rt, id)).status).toBe('compliance-hold');
  });

  it('a second login from DPRK address space while the hold is reviewed (the same code, on new facts): the review starts again at once, and the clearance voted before it clears nothing', async () => {
    const { id, heldAt, login } = await heldByDprkLogin('hold-second-dprk');
    const inesLink = await complianceLink(ines, heldAt);
    const jonasLink = await complianceLink(jonas, heldAt);
    const jonasPage = await openLink(jonasLink);
    expect((await decide(inesLink, 'clear-hold', 'The first address is our own test network.')).status).toBe(200);
    // Then a login from another DPRK address: the same code, but on a fact the team has not seen (the finding's
    // basis). Before, the review went on and only the votes' application sent it back; now it starts again at once.
    const secondAt = Date.now();
    expect((await login('2026-11-25T11:05:00Z', '175.45.178.20')).status).toBe(202);
    expect((await getOnboarding(rt, id)).status).toBe('compliance-hold');
    const { CaseRepository } = await import('../../shared/adapters/dynamodb/case-repository');
    const repo = new CaseRepository(DynamoDBDocumentClient.from(rt.dynamo.client), rt.tableName);
    const sources = (await repo.mustGetCase(id)).hold!.sources;
    expect(sources.at(-1)).toMatchObject({ source: 'signals', findings: expect.arrayContaining(['SIG_DPRK_IP']) });
    expect(sources.at(-1)!.bases!.some((b) => !sources[0]!.bases?.includes(b))).toBe(true);
    // Jonas's page from before the second login records nothing: its review has ended.
    const stale = await submitForm(jonasLink, { csrf: jonasPage.csrf, action: 'clear-hold', reason: 'The first address is our own test network.', reasonsSeen: jonasPage.reasonsSeen });
    expect(stale.status).not.toBe(200);
    expect((await getOnboarding(rt, id)).status).toBe('compliance-hold');
    // Both are mailed again; having seen both logins, both clear, and then a harmless login holds nothing.
    for (const who of [ines, jonas]) expect((await decide(await complianceLink(who, secondAt), 'clear-hold', `${who}: both addresses are the test network.`)).status).toBe(200);
    await waitForStatus(rt, id, 'awaiting-interview');
    expect((await repo.listAudit(id)).some((e) => e.action === 'hold.votes-voided')).toBe(false);
    expect((await login('2026-11-26T09:00:00Z', '83.0.0.1')).status).toBe(202);
    expect((await getOnboarding(rt, id)).status).toBe('awaiting-interview');
  });

  it('a clear form claiming more reasons than any page of its link showed (made by hand) clears nothing', async () => {
    const { id, heldAt } = await heldByDprkLogin('hold-forged-seen');
    const link = await complianceLink(ines, heldAt);
    const shown = await openLink(link);
    expect(shown.reasonsSeen).toBe('1');
    // A reason with a finding of its own lands on the hold, and the review waiting has not restarted yet (the
    // moment between the two writes): the link still works.
    const db = DynamoDBDocumentClient.from(rt.dynamo.client);
    const newSource = { source: 'rescreen', at: new Date().toISOString(), reason: 'A new list entry names the contractor.', findings: ['SCR_STRONG_MATCH'] };
    await db.send(
      new UpdateCommand({
        TableName: rt.tableName,
        Key: { PK: `CASE#${id}`, SK: 'CASE' },
        UpdateExpression: 'SET #h.sources = list_append(#h.sources, :s)',
        ExpressionAttributeNames: { '#h': 'hold' },
        ExpressionAttributeValues: { ':s': [newSource] },
      }),
    );
    // The insider posts, by hand, that their page showed nine reasons: it showed one, and nothing is recorded.
    const forged = await submitForm(link, { csrf: shown.csrf, action: 'clear-hold', reason: 'Cleared, claiming to have read it all.', reasonsSeen: '9' });
    expect(forged.status).toBe(409);
    expect(forged.html).toMatch(/New reasons were added/);
    const c = (await db.send(new GetCommand({ TableName: rt.tableName, Key: { PK: `CASE#${id}`, SK: 'CASE' } }))).Item as { hold: { votes?: unknown[] } };
    expect(c.hold.votes ?? []).toEqual([]);
    // The page that answered showed both reasons: from it, the same link clears (one vote of two).
    const again = await openLink(link);
    expect(again.reasonsSeen).toBe('2');
    expect((await submitForm(link, { csrf: again.csrf, action: 'clear-hold', reason: 'Seen both: the entry is a namesake.', reasonsSeen: again.reasonsSeen })).status).toBe(200);
  });

  it('a hold raised at the reassessment: one person cannot clear it twice, and a link that may only confirm cannot clear', async () => {
    const request = loadRequest((r) => {
      r.externalId = 'hold-reassess';
      r.contractor.email = 'hold-reassess@example.pl';
      // The HRIS names one person twice, in two spellings: never owners of the hold, whatever the spelling.
      r.reviewers = [
        { name: 'Rita Reviewer', email: 'rita+hold-reassess@example.com' },
        { name: 'Rita R.', email: 'RITA+hold-reassess@EXAMPLE.com' },
      ];
    });
    const id = (await postOnboarding(rt, request, 'hold-reassess')).body.id as string;
    await waitForStatus(rt, id, 'awaiting-interview');
    const { link: pick } = await waitForMail(rt, request.contractor.email, /choose a time/i);
    const slotPage = await openLink(pick);
    const slot = /name="choice" value="([^"]+)"/.exec(slotPage.html)![1]!;
    const picked = new Date().toISOString();
    expect((await submitForm(pick, { csrf: slotPage.csrf, choice: slot })).status).toBe(200);
    const outcomeMail = await waitFor(
      'the outcome-form mail',
      async () => (await rt.mailbox.list()).find((m) => /record the interview outcome/i.test(m.subject) && m.at >= picked),
      (m) => m !== undefined,
    );
    const outcomeLink = /http:\/\/localhost:\d+\/links\/[A-Za-z0-9_-]{43}/.exec(outcomeMail!.text)![0];
    // Another person at the call than on the document, camera off, somewhere else: the reassessment holds.
    const form = await openLink(outcomeLink);
    const recorded = await submitForm(outcomeLink, { csrf: form.csrf, ...goodInterview, cameraOnThroughout: 'no', faceMatchesDocument: 'no', locationConsistent: 'no', readingAnswers: 'yes' });
    expect([200, 409]).toContain(recorded.status);
    const heldAt = Date.parse(picked);
    await waitForStatus(rt, id, 'compliance-hold');
    // The hold went to the compliance team, not to the reviewers the HRIS named.
    expect((await rt.mailbox.list()).some((m) => /compliance hold/i.test(m.subject) && m.to.some((t) => /hold-reassess/i.test(t)))).toBe(false);
    const first = await complianceLink(ines, heldAt);
    const firstPage = await openLink(first);
    expect(
      (await submitForm(first, { csrf: firstPage.csrf, action: 'clear-hold', reason: 'The interviewer misread the lighting; the face matches.', reasonsSeen: firstPage.reasonsSeen })).status,
    ).toBe(200);
    // The same person again (a second window on the same page, a replayed form): recorded once, not twice.
    const twice = await submitForm(first, { csrf: firstPage.csrf, action: 'clear-hold', reason: 'Clearing again.', reasonsSeen: firstPage.reasonsSeen });
    expect(twice.status).not.toBe(200);
    const db = DynamoDBDocumentClient.from(rt.dynamo.client);
    const held = (await db.send(new GetCommand({ TableName: rt.tableName, Key: { PK: `CASE#${id}`, SK: 'CASE' }, ConsistentRead: true }))).Item!;
    expect(held.hold.votes).toHaveLength(1);
    expect((await getOnboarding(rt, id)).status).toBe('compliance-hold');

    // A compliance link that may only confirm (as issued when no compliance team is named and the hold goes to
    // the HRIS's reviewers, functions/approval complianceOwners): the page offers confirm only, and a forged
    // clear-hold POST is refused without using the link or voting.
    const second = await complianceLink(jonas, heldAt);
    const secondPage = await openLink(second);
    expect(secondPage.html).toMatch(/value="clear-hold"/);
    const stored =
      (
        await db.send(
          new ScanCommand({
            TableName: rt.tableName,
            FilterExpression: 'caseId = :c AND purpose = :p AND recipient.email = :e',
            ExpressionAttributeValues: { ':c': id, ':p': 'compliance-review', ':e': jonas },
            ConsistentRead: true,
          }),
        )
      ).Items ?? [];
    expect(stored).toHaveLength(1);
    await db.send(
      new UpdateCommand({ TableName: rt.tableName, Key: { PK: stored[0]!.PK, SK: stored[0]!.SK }, UpdateExpression: 'SET actions = :a', ExpressionAttributeValues: { ':a': ['confirm-hold'] } }),
    );
    const confirmOnly = await openLink(second);
    expect(confirmOnly.status).toBe(200);
    expect(confirmOnly.html).not.toMatch(/value="clear-hold"/);
    expect(confirmOnly.html).toMatch(/Only the compliance team can clear a hold/);
    const forged = await submitForm(second, { csrf: confirmOnly.csrf, action: 'clear-hold', reason: 'A namesake; clearing it.' });
    expect(forged.status).toBe(403);
    expect((await getOnboarding(rt, id)).status).toBe('compliance-hold');
    // The link is still usable for what it may do.
    expect((await submitForm(second, { csrf: confirmOnly.csrf, action: 'confirm-hold', reason: 'Held: a stand-in at the interview.' })).status).toBe(200);
    await waitForStatus(rt, id, 'rejected');
  });

  it('an interview outcome before the booked slot starts is refused with the slot time shown, and the link still works afterwards', async () => {
    const request = loadRequest((r) => {
      r.externalId = 'too-early';
      r.contractor.email = 'too-early@example.pl';
    });
    const id = (await postOnboarding(rt, request, 'too-early')).body.id as string;
    await waitForStatus(rt, id, 'awaiting-interview');
    const { link: pick } = await waitForMail(rt, request.contractor.email, /choose a time/i);
    const slotPage = await openLink(pick);
    const slot = /name="choice" value="([^"]+)"/.exec(slotPage.html)![1]!;
    const picked = new Date().toISOString();
    expect((await submitForm(pick, { csrf: slotPage.csrf, choice: slot })).status).toBe(200);
    // The booking's AwaitInterviewOutcome takes the interview's callback item over and mails the interviewer.
    const interviewer = (await waitFor(
      'the outcome-form mail',
      async () => (await rt.mailbox.list()).find((m) => /record the interview outcome/i.test(m.subject) && m.text.includes('Kowalska') && m.at >= picked),
      (m) => m !== undefined,
    ))!;
    // The test policy lets outcomes in up to 14 days early (the suite records them right after booking):
    // move this booking three weeks out, beyond that grace.
    const db = DynamoDBDocumentClient.from(rt.dynamo.client);
    const key = { PK: `CASE#${id}`, SK: 'CALLBACK#interview' };
    const pc = (await db.send(new GetCommand({ TableName: rt.tableName, Key: key, ConsistentRead: true }))).Item!;
    const start = new Date(Date.now() + 21 * 86_400_000);
    start.setUTCHours(9, 0, 0, 0);
    const booked = { ...pc.progress.booked, slot: { ...pc.progress.booked.slot, start: start.toISOString(), end: new Date(start.getTime() + 45 * 60_000).toISOString() } };
    await db.send(new UpdateCommand({ TableName: rt.tableName, Key: key, UpdateExpression: 'SET progress.booked = :b', ExpressionAttributeValues: { ':b': booked } }));

    const outcomeLink = /http:\/\/localhost:\d+\/links\/[A-Za-z0-9_-]{43}/.exec(interviewer.text)![0];
    const form = await openLink(outcomeLink);
    const early = await submitForm(outcomeLink, { csrf: form.csrf, ...goodInterview });
    expect(early.status).toBe(409);
    expect(early.html).toMatch(/Its outcome can be recorded once it has started/);
    expect(early.html).toContain(String(start.getUTCFullYear()));
    expect((await getOnboarding(rt, id)).status).toBe('awaiting-interview');
    // Nothing was used up: the same link opens again.
    expect((await openLink(outcomeLink)).status).toBe(200);
  });
});
