import * as fs from 'node:fs';
import * as path from 'node:path';
import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DynamoDbLocal } from '../../infra/local/dynamodb-local';
import { run } from '../../infra/tools/case-cli';
import { casePrints, reprintCommand } from '../../infra/tools/reprint-command';
import { CaseItems } from '../../shared/adapters/dynamodb/case-items';
import { CaseRepository } from '../../shared/adapters/dynamodb/case-repository';
import { keys } from '../../shared/adapters/dynamodb/keys';
import { reprintCases, type ReprintDeps } from '../../shared/app/cases/reprint-cases';
import type { CaseRecord, CaseStatus } from '../../shared/domain/cases/case-model';
import { applicationFingerprints, documentNumberKey, fingerprint, type Fingerprint } from '../../shared/domain/cases/fingerprints';
import type { OnboardingRequest } from '../../shared/domain/schemas/onboarding';
import { normalizedAccountIdentifier } from '../../shared/domain/bank/account-identifier';
import { startCaseTable } from '../support/case-table';

const fixture = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, '..', 'fixtures', 'onboarding-request.json'), 'utf8')) as OnboardingRequest;
const key = Buffer.alloc(32, 7);

/**
 * Cases recorded before the linking rules changed carry only the prints of their day: the rejected applicant
 * whose phone was keyed as digits, whose passport only by country and number, meets nobody through the new
 * prints. `npm run case -- reprint --all` adds what the current rules make, on real DynamoDB Local, and reports
 * the links that appear between cases already recorded.
 */
describe('reprint: the fingerprints of cases recorded before the rules changed', () => {
  let dynamo: DynamoDbLocal;
  let db: DynamoDBDocumentClient;
  let repo: CaseRepository;
  let items: CaseItems;
  let table: string;
  let n = 0;

  beforeAll(async () => {
    ({ dynamo, db, table } = await startCaseTable());
    repo = new CaseRepository(db, table);
    items = new CaseItems(db, table);
  });
  afterAll(async () => {
    await dynamo?.stop();
  });

  const deps = (): ReprintDeps => ({ repo, caseIds: () => items.caseIds(), printsOf: (c, evidence) => casePrints(key, c, evidence) });

  /** A case as an older version recorded it: only the prints `keep` lets through. */
  async function oldCase(status: CaseStatus, application: OnboardingRequest, keep: (p: Fingerprint) => boolean): Promise<CaseRecord> {
    const id = `ob_${(++n).toString(16).padStart(32, '0')}`;
    const now = new Date().toISOString();
    const record: CaseRecord = { id, clientId: 'hris', externalId: `x-${n}`, status, version: 1, createdAt: now, updatedAt: now, executionName: `ob-${n}`, application, stages: {} };
    await repo.createCase(record, { clientId: 'hris', key: `k-${n}`, requestHash: 'h', onboardingId: id, createdAt: now }, undefined, {
      fingerprints: applicationFingerprints(key, application).filter(keep),
    });
    return record;
  }

  const person = (email: string, phone: string, number: string, country: string, iban: string): OnboardingRequest => ({
    ...fixture,
    contractor: { ...fixture.contractor, email, phone },
    document: { ...fixture.document, number, issuingCountry: country },
    payment: { method: 'iban', accountHolder: 'Test Holder', iban },
    employment: [],
  });
  /** The print an older version did not make: the identity document by its number alone. */
  const numberAlone = (app: OnboardingRequest) => fingerprint(key, 'document', documentNumberKey(app.document)!);
  const withoutNumberAlone = (app: OnboardingRequest) => (p: Fingerprint) => p.hmac !== numberAlone(app).hmac;

  it('adds the prints a case lacks, reveals the link they make with a rejected applicant, and a second run adds nothing', async () => {
    // The rejected applicant, and later the same passport number under another issuing country.
    const first = person('first@example.org', '+48601000001', 'EN7736407', 'PL', 'DE89370400440532013000');
    const second = person('second@example.org', '+48601000002', 'EN7736407', 'UA', 'GB29NWBK60161331926819');
    const rejected = await oldCase('rejected', first, withoutNumberAlone(first));
    const approved = await oldCase('approved', second, withoutNumberAlone(second));
    const before = (await repo.fingerprintsOf(approved.id)).length;

    const run1 = await reprintCases(deps());
    expect(run1).toMatchObject({ cases: 2, reprinted: 2, printsAdded: 2, erased: 0, failed: [] });
    expect(run1.links).toEqual([expect.objectContaining({ kinds: ['document'], severe: true })]);
    const link = run1.links[0]!;
    expect(new Set([link.caseId, link.otherId])).toEqual(new Set([rejected.id, approved.id]));
    expect((await repo.fingerprintsOf(approved.id)).length).toBe(before + 1);
    // A new applicant with that number under a third country now meets both on the index.
    const [sharing] = await repo.findCasesByFingerprints([numberAlone(person('x@example.org', '+48601000009', 'EN7736407', 'DE', 'FR1420041010050500013M02606'))]);
    expect(new Set(sharing)).toEqual(new Set([rejected.id, approved.id]));

    expect(await reprintCases(deps())).toMatchObject({ cases: 2, reprinted: 0, printsAdded: 0, links: [] });
  });

  it('a dry run writes nothing; an erased case is skipped; the command says what it did and exits 5 for a link for compliance', async () => {
    const lone = person('lone@example.org', '+48601000077', 'AB1234567', 'PL', 'NL91ABNA0417164300');
    const loneCase = await oldCase('awaiting-approval', lone, (p) => p.kind !== 'phone');
    const gone = await oldCase('rejected', person('gone@example.org', '+48601000078', 'CD7654321', 'PL', 'IT60X0542811101000000123456'), () => false);
    await db.send(new UpdateCommand({ TableName: table, Key: keys.case(gone.id), UpdateExpression: 'SET erasure = :e', ExpressionAttributeValues: { ':e': { at: new Date().toISOString() } } }));

    expect(await reprintCases(deps(), { dryRun: true })).toMatchObject({ cases: 4, reprinted: 1, erased: 1 });
    expect((await repo.fingerprintsOf(loneCase.id)).some((p) => p.kind === 'phone')).toBe(false);

    const lines: string[] = [];
    expect(await reprintCommand(deps(), false, (l) => lines.push(l))).toBe(0);
    expect(lines).toEqual(['4 case(s) read, 1 erased (skipped); added 1 fingerprint(s) to 1 case(s)', '0 link(s) between recorded cases revealed, 0 involving a held, rejected or expired applicant']);
    expect((await repo.fingerprintsOf(loneCase.id)).some((p) => p.kind === 'phone')).toBe(true);

    // A later applicant recorded without its phone print, sharing the rejected applicant's phone in another spelling: exit 5.
    const again = person('again@example.org', '0048 601 000 001', 'XY9999999', 'PL', 'ES9121000418450200051332');
    await oldCase('awaiting-approval', again, (p) => p.kind !== 'phone');
    const out: string[] = [];
    expect(await reprintCommand(deps(), false, (l) => out.push(l))).toBe(5);
    expect(out.some((l) => l.startsWith('  FOR COMPLIANCE ') && l.endsWith('share: phone'))).toBe(true);
  });

  it("the signals on a case's record are printed too: a laptop shipped to a rejected applicant's home, recorded before shipping and home addresses shared one key space", async () => {
    const home = { line1: 'P.O. Box 4410', city: 'Dandong', postalCode: '118000', country: 'CN' };
    const farm = person('farm@example.org', '+48601000101', 'FA1111111', 'PL', 'BE68539007547034');
    const rejected = await oldCase('rejected', { ...farm, contractor: { ...farm.contractor, address: home } }, (p) => p.kind !== 'address');
    const later = person('later@example.org', '+48601000102', 'FA2222222', 'PL', 'HR1210010051863000160');
    const laterCase = await oldCase('awaiting-interview', later, () => true);
    // Its signals as the signals use case records them (no shipping print then: an older rule).
    await repo.putEvidence({
      caseId: laterCase.id,
      stage: 'signals',
      runId: 'signals-old',
      recordedAt: new Date().toISOString(),
      inputs: { received: 1, total: 1, types: ['shipping-address'] },
      findings: [],
      data: { batch: [{ type: 'shipping-address', time: '2026-11-20T10:00:00Z', address: { line1: 'POB 4410', city: 'DANDONG', postalCode: '118000', country: 'CN' } }] },
    });
    const run1 = await reprintCases(deps());
    const link = run1.links.find((l) => new Set([l.caseId, l.otherId]).has(laterCase.id));
    expect(link).toMatchObject({ severe: true });
    expect(new Set([link!.caseId, link!.otherId])).toEqual(new Set([rejected.id, laterCase.id]));
    expect((await repo.fingerprintsOf(laterCase.id)).some((p) => p.kind === 'shipping-address')).toBe(true);
  });

  // Twelfth session: an account is keyed by its other spelling too (an IBAN by the bank's BIC and number, a SWIFT
  // payment's national number by its IBAN). Cases keyed before made their reference only.
  it('an account given as an IBAN and, by another case, as SWIFT BIC and number meets once both are reprinted', async () => {
    const referenceOnly = (app: OnboardingRequest) => (p: Fingerprint) => p.kind !== 'bank-account' || p.hmac === fingerprint(key, 'bank-account', normalizedAccountIdentifier(app.payment)).hmac;
    const byIban = person('iban@example.org', '+48601000011', 'EN7736411', 'PL', 'DE44 5001 0517 5407 3249 31');
    const bySwift: OnboardingRequest = {
      ...person('swift@example.org', '+48601000012', 'EN7736412', 'PL', 'DE44500105175407324931'),
      payment: { method: 'swift', accountHolder: 'Test Holder', bic: 'INGDDEFF', accountNumber: '5407324931', bankCountry: 'DE' },
    };
    const held = await oldCase('rejected', byIban, referenceOnly(byIban));
    const later = await oldCase('checking', bySwift, referenceOnly(bySwift));
    const s = await reprintCases(deps());
    const pair = s.links.find((l) => new Set([l.caseId, l.otherId]).has(held.id) && new Set([l.caseId, l.otherId]).has(later.id));
    expect(pair).toMatchObject({ kinds: ['bank-account'], severe: true });
  });

  it('the command line names what is missing', async () => {
    const say = async (args: string[]) => {
      const errs: string[] = [];
      const code = await run(
        args,
        () => undefined,
        (l) => errs.push(l),
      );
      return { code, err: errs.join('\n') };
    };
    expect(await say(['reprint', '--table', 'vetflow-Cases', '--master-key', 'k'.repeat(40)])).toMatchObject({ code: 2, err: expect.stringContaining('give --all') });
    expect(await say(['reprint', '--all', '--table', 'vetflow-Cases'])).toMatchObject({ code: 2, err: expect.stringContaining('reprint needs --secret-arn (AWS) or --master-key (local)') });
    expect(await say(['reprint', '--all', '--table', 'vetflow-Cases', '--master-key', 'k'.repeat(40), '--reason', 'x'])).toMatchObject({
      code: 2,
      err: expect.stringContaining('reprint does not take --reason'),
    });
  });
});
