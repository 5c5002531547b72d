import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime';
import { CaseRepository } from '../../shared/adapters/dynamodb/case-repository';
import { statusChangeEventSchema } from '../../shared/domain/schemas/api-responses';
import { openLink, postSignals, startTestRuntime, startToApproval, submitForm, waitFor, waitForStatus } from '../support/local-runtime';

/**
 * A hired contractor stays watched. An adversarial pass approved a contractor, then sent the platform's
 * signals of a North Korean worker: a login from DPRK address space, the payout moved to a listed bank. Each
 * was refused (409, "already ended") and recorded nowhere; the contractor stayed approved. Now the signals
 * are taken, and a hold after approval starts a compliance review of its own: the hold has an owner.
 */
describe('signals about an approved contractor (local runtime)', { timeout: 240_000 }, () => {
  let rt: LocalRuntime & { apiKey: string };
  beforeAll(async () => {
    rt = await startTestRuntime();
  });
  afterAll(async () => {
    await rt?.stop();
  });

  const approve = async (key: string) => {
    const a = await startToApproval(rt, key);
    for (const link of a.reviewerLinks) {
      const page = await openLink(link);
      if (page.status === 200) await submitForm(link, { csrf: page.csrf, view: page.view, action: 'approve', reason: 'Documents and interview consistent.' });
    }
    await waitForStatus(rt, a.id, 'approved');
    return a;
  };

  it('a login from DPRK address space after approval holds the contractor, and the compliance review starts', async () => {
    const a = await approve('after-approval-ip');
    const since = new Date().toISOString();
    const res = await postSignals(rt, a.id, { signals: [{ type: 'login', time: since, ip: '175.45.176.10', accountId: 'acct-after' }] });
    expect(res.status).toBe(202);
    const body = (await res.json()) as { findings: string[]; risk: { outcome: string } };
    expect(body.findings).toContain('SIG_DPRK_IP');
    expect(body.risk.outcome).toBe('hold');
    const held = await waitForStatus(rt, a.id, 'compliance-hold');
    expect(held.status).toBe('compliance-hold');
    // The HRIS sees the approval suspended, in the GET and in the status event: the reviewers' decision stays on
    // record (approved), and the hold says it was held in `approved` (an integrator reading the decision alone
    // kept paying a held contractor).
    expect(held).toMatchObject({ decision: { outcome: 'approved' }, hold: { heldIn: 'approved' } });
    const outbox =
      (
        await DynamoDBDocumentClient.from(rt.dynamo.client).send(
          new QueryCommand({ TableName: rt.tableName, KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sk)', ExpressionAttributeValues: { ':pk': `CASE#${a.id}`, ':sk': 'OUTBOX#' } }),
        )
      ).Items ?? [];
    const events = outbox.map((i) => statusChangeEventSchema.parse(JSON.parse(String(i.body))));
    expect(events.find((e) => e.status === 'compliance-hold')).toMatchObject({ decision: { outcome: 'approved' }, hold: { heldIn: 'approved', since: held.hold.since } });
    expect(events.find((e) => e.status === 'approved')?.hold).toBeUndefined();
    // No reviewer sees the case after a clearance (it goes straight back to approved): the hold stands on
    // every finding of its risk, so the compliance team's decision covers all of them.
    const c = await new CaseRepository(DynamoDBDocumentClient.from(rt.dynamo.client), rt.tableName).mustGetCase(a.id);
    expect(c.hold?.previousStatus).toBe('approved');
    expect(c.hold?.sources[0]?.findings.sort()).toEqual([...(c.risk?.drivers ?? [])].sort());
    expect(c.risk?.drivers.length).toBeGreaterThan(1);
    // The review is an execution of its own, which mails the hold's owners about this case.
    const review = await waitFor(
      'the compliance review mail',
      async () => (await rt.mailbox.list()).filter((m) => m.at >= since && /^Compliance hold/.test(m.subject) && m.subject.includes(a.request.externalId)),
      (l) => l.length >= 1,
    );
    expect(review[0]!.text).toMatch(/\/links\/[A-Za-z0-9_-]{43}/);
    // The reviewers who approved are told their approval is suspended, once each, with nothing to click.
    const approvers = [...new Set([c.decision!.by, ...(c.decision!.approvals ?? []).map((x) => x.by)])];
    expect(approvers.length).toBeGreaterThan(0);
    const told = await waitFor(
      'the approvers told',
      async () => (await rt.mailbox.list()).filter((m) => m.at >= since && /^Your approval of .* is suspended/.test(m.subject) && m.subject.includes(a.request.externalId)),
      (l) => l.length >= approvers.length,
    );
    expect(told.flatMap((m) => m.to).sort()).toEqual([...approvers].sort());
    for (const m of told) {
      expect(m.text).toMatch(/approval is suspended/);
      expect(m.text).not.toMatch(/\/links\//);
    }
  });

  it('a payout account moved to a listed bank after approval holds the contractor', async () => {
    const a = await approve('after-approval-bank');
    const res = await postSignals(rt, a.id, {
      signals: [
        {
          type: 'payout-account-change',
          time: new Date().toISOString(),
          payment: { method: 'swift', accountHolder: 'Anna Maria Kowalska', accountNumber: '1234567890', bic: 'FTBDKPPY', bankCountry: 'KP' },
        },
      ],
    });
    expect(res.status).toBe(202);
    expect((await waitForStatus(rt, a.id, 'compliance-hold')).status).toBe('compliance-hold');
  });
});
