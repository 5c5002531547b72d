import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime';
import { distinctApplicant } from '../support/applicants';
import { getOnboarding, postOnboarding, startTestRuntime, submitForm, waitFor, waitForMail, waitForStatus } from '../support/local-runtime';

/**
 * A reference answered from the contractor's own network (the 2022 advisory's fabricated references): the
 * answer's source address is compared with the contractor's (their own link visits, the platform's logins),
 * whichever comes first, and with other applicants'. Only keyed prints of the reference's address are kept.
 *
 * The local API believes X-Forwarded-For from 127.0.0.1 here (VETFLOW_TRUSTED_PROXIES), as it would from a
 * reverse proxy in front of it; 83.10.x.x is a Polish network in the bundled IP data (the applicants are Polish).
 */
describe('a reference who answers from the contractor’s network', () => {
  let rt: LocalRuntime & { apiKey: string };
  beforeAll(async () => {
    rt = await startTestRuntime({ trustedProxies: ['127.0.0.1'] });
  }, 180_000);
  afterAll(async () => {
    await rt?.stop();
  });

  const start = async (n: number) => {
    const request = distinctApplicant(n, 'refnet');
    request.engagement = { role: 'DevOps engineer' };
    const res = await postOnboarding(rt, request, `refnet-${n}-key`);
    expect(res.status).toBe(202);
    const id = res.body.id as string;
    await waitForStatus(rt, id, 'awaiting-interview');
    const pick = (await waitForMail(rt, request.contractor.email, /choose a time/i)).link;
    const reference = (await waitForMail(rt, request.employment[0].reference.email, /./)).link;
    return { id, pick, reference };
  };
  const from = (ip: string) => ({ 'accept-language': 'pl-PL', 'x-forwarded-for': ip });
  /** The contractor opens their slot-picking link (their footprint). */
  const visit = async (url: string, ip: string) => expect((await fetch(url, { headers: from(ip) })).status).toBe(200);
  /** The reference confirms everything, from `ip`. */
  const answer = async (url: string, ip: string) => {
    const page = await fetch(url, { headers: from(ip) });
    const csrf = /name="csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
    const res = await submitForm(url, { csrf, knowsPerson: 'yes', roleConfirmed: 'yes', datesConfirmed: 'yes', refereeJobTitle: 'Engineering manager' }, from(ip));
    expect(res.status).toBe(200);
  };
  /** The signals evidence of a case, as stored (findings with their messages). */
  const signalsEvidence = async (id: string) =>
    (
      await DynamoDBDocumentClient.from(rt.dynamo.client).send(
        new QueryCommand({ TableName: rt.tableName, KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sk)', ExpressionAttributeValues: { ':pk': `CASE#${id}`, ':sk': 'EVIDENCE#signals#' } }),
      )
    ).Items ?? [];
  const codes = async (id: string) => (await getOnboarding(rt, id)).findings.codes as string[];
  const referenceAnswered = (id: string) =>
    waitFor(
      'the reference answer',
      () => getOnboarding(rt, id),
      (o) => o.stages.references?.state !== undefined && o.stages.references.state !== 'pending' && o.stages.references.state !== 'running',
    );

  it('the contractor opened their link from the address the reference answers from: a finding, and the risk decision re-run', async () => {
    const { id, pick, reference } = await start(1);
    await visit(pick, '83.10.40.1');
    await answer(reference, '83.10.40.1');
    const o = await waitFor(
      'the finding',
      () => getOnboarding(rt, id),
      (x) => x.findings.codes.includes('SIG_REFERENCE_FROM_APPLICANT_NETWORK'),
    );
    expect(o.risk.outcome).not.toBe('approve');
    expect(await codes(id)).not.toContain('SIG_REFERENCE_FROM_OTHER_APPLICANT_NETWORK');
  });

  it('the reference answered first; the contractor comes from that address later: the same finding', async () => {
    const { id, pick, reference } = await start(2);
    await answer(reference, '83.10.41.1');
    await referenceAnswered(id);
    expect(await codes(id)).not.toContain('SIG_REFERENCE_FROM_APPLICANT_NETWORK');
    await visit(pick, '83.10.41.1');
    await waitFor(
      'the finding',
      () => codes(id),
      (c) => c.includes('SIG_REFERENCE_FROM_APPLICANT_NETWORK'),
    );
  });

  it('another applicant used the address the reference answers from: a finding naming that onboarding', async () => {
    const other = await start(3);
    await visit(other.pick, '83.10.43.1');
    const { id, reference } = await start(4);
    await answer(reference, '83.10.43.1');
    const o = await waitFor(
      'the finding',
      () => getOnboarding(rt, id),
      (x) => x.findings.codes.includes('SIG_REFERENCE_FROM_OTHER_APPLICANT_NETWORK'),
    );
    expect(o.findings.codes).not.toContain('SIG_REFERENCE_FROM_APPLICANT_NETWORK');
    const found = (await signalsEvidence(id)).flatMap((e) => e.findings as { code: string; message: string }[]).find((f) => f.code === 'SIG_REFERENCE_FROM_OTHER_APPLICANT_NETWORK');
    expect(found?.message).toContain(other.id);
  });

  it('a reference on another network: no finding; the address itself is not kept', async () => {
    const { id, pick, reference } = await start(5);
    await visit(pick, '83.10.42.1');
    await answer(reference, '83.10.42.9');
    await referenceAnswered(id);
    await visit(pick, '83.10.42.1');
    const o = await getOnboarding(rt, id);
    expect(o.findings.codes.filter((c: string) => c.startsWith('SIG_REFERENCE_'))).toEqual([]);
    expect(JSON.stringify(o)).not.toContain('83.10.42.9');
    const references = await DynamoDBDocumentClient.from(rt.dynamo.client).send(
      new QueryCommand({ TableName: rt.tableName, KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sk)', ExpressionAttributeValues: { ':pk': `CASE#${id}`, ':sk': 'EVIDENCE#references#' } }),
    );
    expect(references.Items?.length).toBeGreaterThan(0);
    expect(JSON.stringify(references.Items)).not.toContain('83.10.42.9');
    expect(references.Items?.[0]?.data?.answeredFrom).toHaveLength(1);
  });
});
