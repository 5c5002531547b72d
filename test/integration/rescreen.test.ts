import * as fs from 'node:fs';
import { loadPolicy } from '../../shared/adapters/files/load-policy';
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { GetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DynamoDbLocal } from '../../infra/local/dynamodb-local';
import { appendAuditEvent, type AuditEvent } from '../../shared/domain/audit/chain';
import type { CaseRecord } from '../../shared/domain/cases/case-model';
import { CaseRepository, type AuditEventBuilder } from '../../shared/adapters/dynamodb/case-repository';
import { holdCase, type HoldDeps } from '../../shared/app/cases/hold-case';
import type { LifecycleEvent } from '../../shared/domain/cases/lifecycle';
import { LinkRepository } from '../../shared/adapters/dynamodb/link-repository';
import { entryHash } from '../../shared/domain/monitoring/list-delta';
import { matcherKey } from '../../shared/app/monitoring/matcher-version';
import { monitorKey } from '../../shared/adapters/dynamodb/monitor-index';
import { MonitorRepository } from '../../shared/adapters/dynamodb/monitor-repository';
import { rescreenMonitored, rescreenRunId, type RescreenDeps } from '../../shared/app/monitoring/rescreen-cases';
import { CaseItems } from '../../shared/adapters/dynamodb/case-items';
import { eraseCase } from '../../shared/app/records/erase-case';
import type { OnboardingRequest } from '../../shared/domain/schemas/onboarding';
import { summarizeEntry } from '../../shared/domain/screening/entry-summary';
import { loadLists } from '../../shared/adapters/sanctions-lists/load-lists';
import { defaultScreeningThresholds } from '../../shared/domain/screening/query';
import { FIXTURE_DIR } from '../screening/fixture-dir';
import { payoutHoldersWith } from '../../shared/domain/bank/payout-accounts';
import { startCaseTable } from '../support/case-table';

const fixture = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, '..', 'fixtures', 'onboarding-request.json'), 'utf8')) as OnboardingRequest;

/** The fixture applicant (Anna Maria Kowalska, born 1990-04-12, Polish) under another name and birth date, paid to their own account. */
function applicant(givenNames: string, surname: string, birthDate: string): OnboardingRequest {
  const a = structuredClone(fixture);
  a.contractor.legalName = { givenNames, surname };
  a.contractor.birthDate = birthDate;
  a.document.givenNames = givenNames;
  a.document.surname = surname;
  // Their own account: another holder would be screened on their own (the payout account's other holders).
  a.payment = { ...a.payment, accountHolder: `${givenNames} ${surname}` } as OnboardingRequest['payment'];
  return a;
}

const KOWALSKA_ROW = '9001,"KOWALSKA, Anna Maria","individual","DPRK3",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 12 Apr 1990; nationality Poland; Gender Female."';

/** A new list version: the fixture lists plus `rows` in the OFAC file (before its final 0x1A, as in the official file). */
async function listVersion(rows: string[]): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'vetflow-rescreen-'));
  await cp(FIXTURE_DIR, dir, { recursive: true });
  const sdn = path.join(dir, 'ofac', 'sdn.csv');
  const body = (await readFile(sdn, 'latin1')).replace(/\x1a$/, '');
  await writeFile(sdn, `${body}${rows.map((r) => `${r}\r\n`).join('')}\x1a`, 'latin1');
  return dir;
}

/**
 * The re-screening on DynamoDB Local with the stack's table, the real repository, the real hold use case and
 * real lists (the fixture lists, one entry added or changed per version). Step Functions (ending a waiting
 * task, starting an approved case's review) and the HRIS delivery are the boundaries recorded here; the
 * HRIS outbox item is read from the table.
 */
describe('re-screening: monitor index, delta, full pass', () => {
  let dynamo: DynamoDbLocal;
  let db: DynamoDBDocumentClient;
  let table: string;
  let repo: CaseRepository;
  let monitors: MonitorRepository;
  let deps: RescreenDeps;
  const reviews: string[] = [];
  const notified: string[] = [];
  let n = 0;

  const auditEvent = (caseId: string, actor: string, action: string, data: Record<string, unknown>): AuditEventBuilder => {
    const at = new Date().toISOString();
    return (prev) => appendAuditEvent(prev as AuditEvent | undefined, { at, actor, action, caseId, data });
  };

  beforeAll(async () => {
    ({ dynamo, db, table } = await startCaseTable());
    repo = new CaseRepository(db, table);
    monitors = new MonitorRepository(db, table);
    const holdDeps: HoldDeps = {
      repo,
      links: new LinkRepository(db, table),
      failTask: async () => undefined,
      startReview: async (c) => void reviews.push(c.id),
      notify: async (id) => void notified.push(id),
      auditEvent,
      now: () => new Date(),
    };
    deps = {
      monitors,
      repo,
      policy: loadPolicy(),
      hold: (input) => holdCase(holdDeps, input),
      audit: async (caseId, actor, action, data) => void (await repo.appendAudit(caseId, auditEvent(caseId, actor, action, data))),
      now: () => new Date(),
    };
  });
  afterAll(async () => {
    await dynamo?.stop();
  });

  async function newCase(app: OnboardingRequest, path: LifecycleEvent[]): Promise<CaseRecord> {
    const id = `ob_${(++n).toString(16).padStart(32, '0')}`;
    const now = new Date().toISOString();
    let c: CaseRecord = { id, clientId: 'hris', externalId: `x-${n}`, status: 'received', version: 1, createdAt: now, updatedAt: now, executionName: `ob-${n}`, application: app, stages: {} };
    await repo.createCase(c, { clientId: 'hris', key: `k-${n}`, requestHash: 'h', onboardingId: id, createdAt: now });
    for (const event of path) c = await repo.moveCase(c, event);
    return c;
  }
  const toApproved: LifecycleEvent[] = ['checks-started', 'risk-cleared', 'approval-waiting', 'reviewer-approved'];
  const item = async (id: string) => (await db.send(new GetCommand({ TableName: table, Key: monitorKey(id), ConsistentRead: true }))).Item;
  const partitionItems = async (id: string) =>
    (await db.send(new QueryCommand({ TableName: table, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': `CASE#${id}` }, ConsistentRead: true }))).Items ?? [];
  const run = async (dir: string, options: { full?: boolean } = {}) => rescreenMonitored(deps, (await loadLists(dir)).index, { thresholds: defaultScreeningThresholds, ...options });

  let kowalska: CaseRecord;
  let nowak: CaseRecord;
  let cleared: CaseRecord;

  it('the index follows the case: written when the checks start, removed when it fails or is erased, never for a received case', async () => {
    const received = await newCase(applicant('Ewa', 'Lis', '1992-02-02'), []);
    expect(await item(received.id)).toBeUndefined();

    kowalska = await newCase(fixture, ['checks-started']);
    const stored = await item(kowalska.id);
    expect(stored?.query).toMatchObject({ name: 'Anna Maria Kowalska', dob: '1990-04-12', nationality: 'PL' });
    // The document name equals the legal name: stored once.
    expect(stored?.query.otherNames).toEqual([]);

    const failing = await newCase(applicant('Jan', 'Kot', '1970-01-01'), ['checks-started']);
    expect(await item(failing.id)).toBeDefined();
    await repo.moveCase(failing, 'failed');
    expect(await item(failing.id)).toBeUndefined();

    const erased = await newCase(applicant('Olga', 'Mak', '1988-08-08'), toApproved);
    expect(await item(erased.id)).toBeDefined();
    const result = await eraseCase(repo, new CaseItems(db, table), erased.id, { reason: 'request of the data subject', actor: 'operator:test' });
    expect(result.items.deleted).toBeGreaterThanOrEqual(1);
    expect(await item(erased.id)).toBeUndefined();

    const rejected = await newCase(applicant('Piotr', 'Zych', '1975-05-05'), ['checks-started', 'risk-cleared', 'approval-waiting']);
    expect(await item(rejected.id)).toBeDefined();
    await repo.moveCase(rejected, 'reviewer-rejected');
    expect(await item(rejected.id)).toBeUndefined();

    nowak = await newCase(applicant('Jan', 'Nowak', '1980-01-01'), ['checks-started', 'risk-cleared']);
  });

  it('a first run screens everyone against the whole lists and records the baseline', async () => {
    const v1 = await listVersion([]);
    const s = await run(v1);
    expect(s.mode).toBe('full');
    expect(s.why).toBe('no full pass recorded yet');
    expect(s.report.screened).toBe(2);
    expect(s.report.held).toEqual([]);
    expect(await monitors.getState()).toMatchObject({ listVersion: s.listVersion, matcherKey: matcherKey(defaultScreeningThresholds) });
  });

  it('the delta finds a newly listed monitored applicant and holds it through holdCase; a match compliance cleared on that entry does not hold', async () => {
    const v2 = await listVersion([KOWALSKA_ROW]);
    const index = (await loadLists(v2)).index;
    // An approved contractor of the same name whose match on this very entry compliance cleared.
    const entry = index.entries.find((e) => e.sourceId === '9001')!;
    const approved = await newCase(fixture, toApproved);
    cleared = await repo.updateCase(approved, (c) => ({
      ...c,
      clearedMatches: [{ source: 'ofac-sdn', sourceId: '9001', entryHash: entryHash(summarizeEntry(entry)), clearedAt: new Date().toISOString(), clearedBy: ['rita@example.com', 'sam@example.com'] }],
    }));

    const s = await run(v2);
    expect(s.mode).toBe('delta');
    expect(s.changedEntries).toBe(1);
    expect(s.report.held.map((h) => [h.caseId, h.outcome])).toEqual([[kowalska.id, 'held']]);
    expect(s.report.clearedSkipped).toBe(1);

    const held = await repo.mustGetCase(kowalska.id);
    expect(held.status).toBe('compliance-hold');
    expect(held.hold?.sources.map((x) => x.source)).toEqual(['rescreen']);
    expect(held.hold?.previousStatus).toBe('checking');
    expect(held.hold?.hardStop).toBe(true);
    expect(held.hold?.sources[0]?.reason).toMatch(/OFAC SDN entry 9001/);
    // The risk shown with the hold is decided again with the new match, not the one from before it.
    expect(held.risk?.outcome).toBe('hold');
    expect(held.risk?.drivers).toContain('SCR_STRONG_MATCH');
    // The evidence for that list version, then the hold; the HRIS is told through the outbox.
    const items = await partitionItems(kowalska.id);
    const evidence = items.find((i) => i.SK === `EVIDENCE#screening#${rescreenRunId({ mode: 'delta', listVersion: s.listVersion, matcherKey: s.matcherKey })}`);
    expect(evidence?.findings.map((f: { code: string }) => f.code)).toContain('SCR_STRONG_MATCH');
    expect(evidence?.data.applicantHits[0]).toMatchObject({ source: 'ofac-sdn', sourceId: '9001', entryHash: entryHash(summarizeEntry(entry)) });
    expect(items.some((i) => String(i.SK).startsWith('OUTBOX#') && i.status === 'compliance-hold')).toBe(true);
    expect(notified).toContain(kowalska.id);

    expect((await repo.mustGetCase(cleared.id)).status).toBe('approved');
    expect((await repo.mustGetCase(nowak.id)).status).toBe('awaiting-interview');
    expect(await repo.listEvidence(nowak.id)).toEqual([]);
  });

  it('unchanged entries do nothing: the same version again, and a version that only adds an unrelated entry', async () => {
    const before = (await partitionItems(kowalska.id)).length;
    const again = await run(await listVersion([KOWALSKA_ROW]));
    expect(again.mode).toBe('none');

    const v3 = await run(await listVersion([KOWALSKA_ROW, '9002,"SMITH, John Quincy","individual","SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 01 Jan 1950."']));
    expect(v3.mode).toBe('delta');
    expect(v3.changedEntries).toBe(1);
    expect(v3.report.screened).toBe(3);
    expect(v3.report.matched).toBe(0);
    expect((await partitionItems(kowalska.id)).length).toBe(before);
    expect((await repo.mustGetCase(cleared.id)).status).toBe('approved');
  });

  it('a cleared match holds again once the listed entry changes; an approved contractor gets its own compliance review', async () => {
    const changed = KOWALSKA_ROW.replace('Gender Female.', "Gender Female; a.k.a. 'KOWALSKA, Anka'.");
    const s = await run(await listVersion([changed, '9002,"SMITH, John Quincy","individual","SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 01 Jan 1950."']));
    expect(s.mode).toBe('delta');
    expect(s.changedEntries).toBe(1);
    const c = await repo.mustGetCase(cleared.id);
    expect(c.status).toBe('compliance-hold');
    expect(c.hold?.previousStatus).toBe('approved');
    expect(reviews).toEqual([cleared.id]);
    // The applicant already on hold gets the new reason added, not a second hold.
    expect(s.report.held.find((h) => h.caseId === kowalska.id)?.outcome).toBe('already-held');
    // The operator's full pass on the same version adds its reason once; run again, nothing new.
    const lists = await listVersion([changed, '9002,"SMITH, John Quincy","individual","SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 01 Jan 1950."']);
    const full = await run(lists, { full: true });
    expect(full.mode).toBe('full');
    expect(full.report.held.map((h) => h.outcome)).toEqual(['already-held', 'already-held']);
    const again = await run(lists, { full: true });
    expect(again.report.held.map((h) => h.outcome)).toEqual(['already-held-for-this', 'already-held-for-this']);
    expect((await repo.mustGetCase(cleared.id)).hold?.sources.length).toBe(2);
  });

  it('a matcher change runs the full pass, which finds a match on an entry the deltas never looked at again', async () => {
    // Listed since the fixture's first version (OFAC 1002), applicant monitored only now.
    const pak = await newCase(applicant('Chol Su', 'Pak', '1985-03-15'), ['checks-started']);
    const lists = await listVersion([KOWALSKA_ROW]);
    const delta = await run(lists);
    expect(delta.mode).toBe('delta');
    expect((await repo.mustGetCase(pak.id)).status).toBe('checking');

    // The state says the applicants were last screened by another matcher.
    const state = await monitors.getState();
    await monitors.putState(state, { matcherKey: 'm0-q1-t0.8/0.92-000000000000' }, new Date());
    const full = await run(lists);
    expect(full.mode).toBe('full');
    expect(full.why).toMatch(/^the matcher changed/);
    expect(full.report.held.find((h) => h.caseId === pak.id)?.outcome).toBe('held');
    expect((await repo.mustGetCase(pak.id)).status).toBe('compliance-hold');
    expect((await monitors.getState())?.matcherKey).toBe(matcherKey(defaultScreeningThresholds));
    expect((await run(lists)).mode).toBe('none');
  });

  // Adversarial pass (December 2026): the other holders of a joint or "c/o" payout account were screened at intake
  // only; the monitor index kept the contractor's own names, so a co-holder listed after approval was never found.
  it('a co-holder of the payout account listed after approval is found by the delta, screened by name alone', async () => {
    const joint = applicant('Ewa', 'Wrona', '1985-05-05');
    joint.payment = { method: 'iban', accountHolder: 'Ewa Wrona & Ri Song Hun', iban: 'PL61109010140000071219812874', bic: 'WBKPPLPP' };
    const approved = await newCase(joint, toApproved);
    expect((await item(approved.id))?.holders).toEqual(['Ri Song Hun']);

    // Listed with a birth date of their own: the contractor's is not theirs, and does not clear them.
    const s = await run(await listVersion([KOWALSKA_ROW, '9003,"RI, Song Hun","individual","DPRK3",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 03 Mar 1961."']));
    expect(s.mode).toBe('delta');
    expect(s.report.potential.map((p) => [p.caseId, p.entries])).toEqual([[approved.id, ['ofac-sdn:9003']]]);
    const evidence = (await repo.listEvidence(approved.id)).find((e) => e.stage === 'screening')!;
    expect(evidence.findings.map((f) => [f.code, f.evidence[0]?.field])).toEqual([['SCR_POTENTIAL_MATCH', 'payment.accountHolder']]);
    expect((evidence.data as { hits: { submitted: { name: string } }[] }).hits[0]!.submitted.name).toBe('Ri Song Hun');
  });

  // Adversarial pass: a payout change to a joint account screened its co-holder at the change, but the monitor
  // item kept the intake account's holders only: a co-holder listed after the change was never found.
  it('a co-holder of an account given through a payout change after approval is found by the delta', async () => {
    const approved = await newCase(applicant('Olga', 'Sowa', '1987-07-07'), toApproved);
    expect((await item(approved.id))?.holders).toBeUndefined();
    // What the payout change writes (shared/config/payout-change.ts): the case's payoutHolders, with the new account's.
    const change = { method: 'iban', accountHolder: 'Olga Sowa c/o Pak Chol Su', iban: 'DE89370400440532013000' } as OnboardingRequest['payment'];
    const current = (await repo.getCase(approved.id))!;
    await repo.updateCase(current, (x) => ({ ...x, payoutHolders: payoutHoldersWith(x, [change]) }));
    expect((await item(approved.id))?.holders).toEqual(['Pak Chol Su']);

    const s = await run(
      await listVersion([
        KOWALSKA_ROW,
        '9003,"RI, Song Hun","individual","DPRK3",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 03 Mar 1961."',
        '9004,"PAK, Chol Su","individual","DPRK3",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 04 Apr 1962."',
      ]),
    );
    expect(s.mode).toBe('delta');
    expect(s.report.potential.map((p) => [p.caseId, p.entries])).toEqual([[approved.id, ['ofac-sdn:9004']]]);
    const evidence = (await repo.listEvidence(approved.id)).find((e) => e.stage === 'screening')!;
    expect(evidence.findings.map((f) => [f.code, f.evidence[0]?.field])).toEqual([['SCR_POTENTIAL_MATCH', 'payment.accountHolder']]);
  });
});
