import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime';
import { distinctApplicant } from '../support/applicants';
import { getOnboarding, postOnboarding, postSignals, startTestRuntime, waitFor, waitForStatus } from '../support/local-runtime';

/**
 * One flat in Vladivostok given in Cyrillic by one applicant and in Latin letters by another was two places: the
 * laptop farm linked nothing. On the real runtime, through the fingerprint index: the Latin form at intake, and
 * the Cyrillic one in the order Russian addresses are written (postal code and city first) as a contact change,
 * both link to the applicant who gave it first; another flat of the house does not.
 */
describe('one address in Cyrillic and in Latin letters', () => {
  let rt: LocalRuntime & { apiKey: string };
  beforeAll(async () => {
    rt = await startTestRuntime({ trustedProxies: ['127.0.0.1'] });
  }, 180_000);
  afterAll(async () => {
    await rt?.stop();
  });

  const linkFindings = async (id: string) => {
    const out = await rt.dynamo.client.send(
      new QueryCommand({ TableName: rt.tableName, KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sk)', ExpressionAttributeValues: { ':pk': `CASE#${id}`, ':sk': 'EVIDENCE#' } }),
    );
    return (out.Items ?? []).flatMap((e) => (e.findings as { code: string }[]).filter((f) => f.code === 'LINK_SHARED_CONTACT'));
  };
  const apply = async (n: number, address?: Record<string, string>) => {
    const applicant = distinctApplicant(n, 'cyraddr');
    if (address) applicant.contractor.address = address;
    const res = await postOnboarding(rt, applicant, `cyraddr-${n}-key`);
    expect(res.status).toBe(202);
    const id = res.body.id as string;
    await waitForStatus(rt, id, ['awaiting-interview', 'compliance-hold']);
    return id;
  };

  it('links the Latin form at intake and the Cyrillic free text after it, not another flat', async () => {
    const first = await apply(1, { line1: 'ул. Ленина, д. 7', line2: 'кв. 12', city: 'Владивосток', postalCode: '690091', country: 'RU' });
    expect(await linkFindings(first)).toEqual([]);

    const latin = await apply(2, { line1: 'ul. Lenina 7-12', city: 'Vladivostok', country: 'RU' });
    const linked = await linkFindings(latin);
    expect(linked).toHaveLength(1);
    expect(JSON.stringify(linked)).toContain(first);

    const otherFlat = await apply(3, { line1: 'ul. Lenina 7-21', city: 'Vladivostok', postalCode: '690091', country: 'RU' });
    expect(await linkFindings(otherFlat)).toEqual([]);

    const mover = await apply(4);
    expect(await linkFindings(mover)).toEqual([]);
    const res = await postSignals(rt, mover, {
      signals: [{ type: 'contact-change', time: '2026-11-25T10:00:00Z', field: 'address', old: 'Piękna 1, 00-002 Warszawa', new: '690091, г. Владивосток, ул. Ленина, д. 7, кв. 12' }],
    });
    expect(res.status).toBe(202);
    await waitFor(
      'the shared address',
      () => getOnboarding(rt, mover),
      (o) => o.findings.codes.includes('LINK_SHARED_CONTACT'),
    );
    expect(JSON.stringify(await linkFindings(mover))).toContain(first);
  });
});
