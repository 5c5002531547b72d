import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime';
import { keys } from '../../shared/adapters/dynamodb/keys';
import { CaseRepository } from '../../shared/adapters/dynamodb/case-repository';
import { appendRecordsAudit, verifyStoredAudit } from '../../shared/app/records/audit-trail';
import { buildCaseFile, caseFileHash, type CaseFile } from '../../shared/app/records/case-file';
import { CaseItems } from '../../shared/adapters/dynamodb/case-items';
import { renderCaseReport } from '../../shared/app/records/case-report';
import { eraseCase, ErasureRefused, screeningRetention } from '../../shared/app/records/erase-case';
import { ERASED } from '../../shared/domain/records/personal-data';
import { interviewerIds } from '../support/interview-pool';
import { loadRequest, openLink, postOnboarding, startTestRuntime, startToApproval, submitForm, waitForStatus } from '../support/local-runtime';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '..', '..');

/**
 * Issue 6, "The audit record": a real onboarding driven to a decision on the local runtime, then the case
 * file export, the HTML report, audit-chain verification (also after tampering), the CLI, and erasure.
 * The tests in this file run in order and share the approved case.
 */
describe('case records', () => {
  let rt: LocalRuntime & { apiKey: string };
  let db: DynamoDBDocumentClient;
  let repo: CaseRepository;
  let items: CaseItems;
  let id: string;
  let request: Record<string, any>;
  let file: CaseFile;

  const cli = (args: string[]) =>
    run('npx', ['tsx', 'infra/tools/case-cli.ts', ...args], {
      cwd: root,
      env: {
        ...process.env,
        AWS_ENDPOINT_URL_DYNAMODB: rt.dynamo.endpoint,
        AWS_REGION: 'us-east-1',
        AWS_ACCESS_KEY_ID: rt.dynamo.accessKeyId,
        AWS_SECRET_ACCESS_KEY: 'local',
      },
    }).then(
      (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
      (e: { code?: number; stdout?: string; stderr?: string }) => ({ code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' }),
    );

  beforeAll(async () => {
    rt = await startTestRuntime({ sanctionsDataDir: path.join(root, 'test', 'fixtures', 'sanctions') });
    db = DynamoDBDocumentClient.from(rt.dynamo.client);
    repo = new CaseRepository(db, rt.tableName);
    items = new CaseItems(db, rt.tableName);
    const started = await startToApproval(rt, 'records-1');
    id = started.id;
    request = started.request;
    const page = await openLink(started.reviewerLinks[0]);
    const decided = await submitForm(started.reviewerLinks[0], { csrf: page.csrf, view: page.view, action: 'approve', reason: 'Identity, bank and interview consistent.' });
    expect(decided.status).toBe(200);
    await waitForStatus(rt, id, 'approved');
    // The workflow's last audit events (finalize) land after the status flips; wait for decision.recorded.
    const deadline = Date.now() + 10_000;
    while (!(await repo.listAudit(id)).some((a) => a.action === 'decision.recorded') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  }, 180_000);

  afterAll(async () => {
    await rt?.stop();
  });

  it('exports one JSON case file: application, evidence, screening list version, risk policy, interview, decision with its link, verified chain', async () => {
    const before = (await repo.listAudit(id)).length;
    file = await buildCaseFile(repo, id, { links: (c) => items.links(c), actor: 'operator:test' });

    expect(file).toMatchObject({ format: 'vetflow.case-file', formatVersion: 1, exportedBy: 'operator:test' });
    expect(Date.parse(file.exportedAt)).not.toBeNaN();
    expect(file.application.contractor.email).toBe(request.contractor.email);
    expect(file.application.payment).toEqual(request.payment);
    expect(file.evidence.map((e) => e.stage).sort()).toEqual(['bank', 'document', 'interview', 'screening']);
    expect(file.findings.map((f) => f.code)).toEqual(expect.arrayContaining(['DOC_MRZ_MISSING', 'INT_INTERVIEW_RECORDED']));
    expect(file.screening).toHaveLength(1);
    expect(file.screening[0]!.listVersion).toMatch(/^[0-9a-f]{8,}$/);
    expect(file.screening[0]!.listSources.length).toBeGreaterThan(0);
    expect(file.risk.current?.policyVersion).toMatch(/^test-2026\.1#/);
    expect(file.risk.history.length).toBeGreaterThan(0);
    // The interviewer is the one whose slot was booked: any of the pool (whose slot comes first depends on
    // the hour and the day the test runs).
    const booked = file.interview.events.find((e) => e.action === 'interview.scheduled');
    expect(interviewerIds).toContain(booked?.data.interviewerId);
    expect(file.interview.outcome).toMatchObject({ interviewerId: booked!.data.interviewerId, remarks: 'Clear video, consistent answers.' });
    expect(file.interview.outcome?.answers).toEqual(expect.arrayContaining([{ question: 'Did the contractor attend?', answer: 'yes' }]));

    const decision = file.decisions.find((d) => d.kind === 'decision');
    expect(decision).toMatchObject({
      outcome: 'approved',
      by: request.reviewers[0].email,
      reason: 'Identity, bank and interview consistent.',
      via: 'link:review',
      link: { purpose: 'review', task: 'approval', recipientRole: 'reviewer', usedAction: 'approve' },
    });
    expect(file.links.map((l) => l.purpose).sort()).toEqual(['interview-outcome', 'review', 'review', 'slot-picking']);

    expect(file.auditVerification).toMatchObject({ ok: true, count: before });
    // The file carries the head it was verified against, so an auditor can check the trail in the file.
    expect(file.case.auditHead).toEqual({ seq: before, hash: file.auditTrail.at(-1)!.hash });
    expect(file.auditTrail).toHaveLength(before);
    // The export is itself audited, with the file's hash, and the chain still verifies.
    const after = await repo.listAudit(id);
    expect(after).toHaveLength(before + 1);
    expect(after.at(-1)).toMatchObject({ action: 'case.exported', actor: 'operator:test', data: { formatVersion: 1, sha256: caseFileHash(file), chainOk: true } });
    expect((await verifyStoredAudit(repo, id)).ok).toBe(true);
  });

  it('renders a printable HTML report with the contractor, findings, list version and trail, and no script', () => {
    const report = renderCaseReport(file);
    const name = `${request.contractor.legalName.givenNames} ${request.contractor.legalName.surname}`;
    expect(report).toMatch(/^<!doctype html>/);
    expect(report).toContain(name);
    for (const code of ['DOC_MRZ_MISSING', 'DOC_FILE_MISSING', 'INT_INTERVIEW_RECORDED']) expect(report).toContain(code);
    expect(report).toContain(file.screening[0]!.listVersion!);
    expect(report).toContain(file.risk.current!.policyVersion);
    expect(report).toContain('Audit chain verified');
    expect(report).toContain('@media print');
    expect(report).toContain('decision.recorded');
    expect(report).not.toMatch(/<script/i);
    expect(report).not.toMatch(/\son[a-z]+\s*=/i);
    // Identifiers are masked on paper.
    expect(report).not.toContain(request.payment.iban);
    expect(report).not.toContain(request.document.number);

    const hostile = structuredClone(file);
    hostile.application.contractor.legalName.surname = '<script>alert(1)</script>';
    hostile.evidence[0]!.findings.push({ code: 'X_TEST', stage: 'document', severity: 'low', hardStop: false, evidence: [], message: '<img src=x onerror=alert(1)>' });
    const escaped = renderCaseReport(hostile);
    expect(escaped).not.toMatch(/<script/i);
    expect(escaped).not.toContain('<img');
    expect(escaped).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('verification reports the seq of an audit item altered in DynamoDB', async () => {
    const key = keys.audit(id, 5);
    const original = (await db.send(new GetCommand({ TableName: rt.tableName, Key: key }))).Item!;
    await db.send(new UpdateCommand({ TableName: rt.tableName, Key: key, UpdateExpression: 'SET actor = :a', ExpressionAttributeValues: { ':a': 'reviewer:someone-else@example.com' } }));
    expect(await verifyStoredAudit(repo, id)).toMatchObject({ ok: false, brokenAt: 5, reason: expect.stringMatching(/altered/) });
    const viaCli = await cli(['verify-audit', id, '--table', rt.tableName]);
    expect(viaCli.code).toBe(1);
    expect(viaCli.stdout).toMatch(new RegExp(`BROKEN ${id}: at seq 5: hash does not match`));
    await db.send(new PutCommand({ TableName: rt.tableName, Item: original }));
    expect((await verifyStoredAudit(repo, id)).ok).toBe(true);
  });

  it('verification reports a deleted audit item', async () => {
    const key = keys.audit(id, 3);
    const original = (await db.send(new GetCommand({ TableName: rt.tableName, Key: key }))).Item!;
    await db.send(new DeleteCommand({ TableName: rt.tableName, Key: key }));
    expect(await verifyStoredAudit(repo, id)).toMatchObject({ ok: false, brokenAt: 4, reason: expect.stringMatching(/expected seq 3, found 4: events are missing/) });
    await db.send(new PutCommand({ TableName: rt.tableName, Item: original }));
    expect((await verifyStoredAudit(repo, id)).ok).toBe(true);
  });

  it('verification reports events cut off the end of the chain, naming the missing seqs, against the head on the case', async () => {
    const trail = await repo.listAudit(id);
    const head = (await repo.getCase(id))!.auditHead!;
    expect(head).toEqual({ seq: trail.at(-1)!.seq, hash: trail.at(-1)!.hash });
    const newest = await Promise.all([head.seq - 1, head.seq].map(async (seq) => (await db.send(new GetCommand({ TableName: rt.tableName, Key: keys.audit(id, seq) }))).Item!));
    await db.send(new DeleteCommand({ TableName: rt.tableName, Key: keys.audit(id, head.seq) }));
    expect(await verifyStoredAudit(repo, id)).toEqual({
      caseId: id,
      ok: false,
      brokenAt: head.seq,
      reason: `newest events are missing: seq ${head.seq} (the chain ends at seq ${head.seq - 1}, the head recorded on the case is seq ${head.seq})`,
    });
    await db.send(new DeleteCommand({ TableName: rt.tableName, Key: keys.audit(id, head.seq - 1) }));
    const viaCli = await cli(['verify-audit', id, '--table', rt.tableName]);
    expect(viaCli.code).toBe(1);
    expect(viaCli.stdout).toContain(`BROKEN ${id}: at seq ${head.seq - 1}: newest events are missing: seq ${head.seq - 1} to ${head.seq}`);
    // The export says so too; nothing is appended on top of the gap (that would hide it), by the export or anyone.
    const broken = await buildCaseFile(repo, id, { actor: 'operator:test' });
    expect(broken.auditVerification).toMatchObject({ ok: false, brokenAt: head.seq - 1, reason: expect.stringMatching(/^newest events are missing/) });
    await expect(appendRecordsAudit(repo, id, 'operator:test', 'case.exported', {})).rejects.toThrow(
      new RegExp(`ends at seq ${head.seq - 2} but the case head is seq ${head.seq}: events were removed`),
    );
    expect(await repo.listAudit(id)).toHaveLength(trail.length - 2);
    for (const item of newest) await db.send(new PutCommand({ TableName: rt.tableName, Item: item }));
    expect((await verifyStoredAudit(repo, id)).ok).toBe(true);
  });

  it('the CLI verifies one case and all cases, exports JSON and HTML, and rejects bad arguments', async () => {
    const one = await cli(['verify-audit', id, '--table', rt.tableName]);
    expect(one).toMatchObject({ code: 0 });
    expect(one.stdout).toMatch(new RegExp(`^ok\\s+${id}: \\d+ events`));

    const all = await cli(['verify-audit', '--all', '--table', rt.tableName]);
    expect(all.code).toBe(0);
    expect(all.stdout).toMatch(/1 case\(s\) checked, 0 broken/);

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vetflow-case-'));
    const exported = await cli(['export', id, '--table', rt.tableName, '--json', path.join(dir, 'case.json'), '--html', path.join(dir, 'case.html'), '--actor', 'operator:cli-test']);
    expect(exported.code).toBe(0);
    const json = JSON.parse(fs.readFileSync(path.join(dir, 'case.json'), 'utf8')) as CaseFile;
    expect(json.case.id).toBe(id);
    expect(json.auditVerification.ok).toBe(true);
    expect(fs.readFileSync(path.join(dir, 'case.html'), 'utf8')).toContain(request.contractor.legalName.surname);
    expect((await repo.listAudit(id)).at(-1)).toMatchObject({ action: 'case.exported', actor: 'operator:cli-test' });

    const missing = await cli(['verify-audit', 'ob_doesnotexist', '--table', rt.tableName]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/not found/);
    const noTable = await cli(['verify-audit', id]);
    expect(noTable.code).toBe(2);
    expect(noTable.stderr).toMatch(/--table is required/);
    const noReason = await cli(['erase', id, '--table', rt.tableName]);
    expect(noReason.code).toBe(2);
    expect(noReason.stderr).toMatch(/--reason/);
  }, 120_000);

  it('audit events carry no contractor data', async () => {
    // Audit events are never rewritten (that would break the chain), so they must not hold personal data.
    const contractorValues = [
      request.contractor.email,
      request.contractor.phone,
      request.payment.iban,
      request.document.number,
      request.contractor.legalName.surname,
      request.contractor.birthDate,
      request.employment[0].reference.email,
    ];
    const leaks = (await repo.listAudit(id)).flatMap((e) =>
      contractorValues.filter((v) => JSON.stringify({ actor: e.actor, data: e.data }).includes(v)).map((v) => ({ seq: e.seq, action: e.action, value: v, inActor: String(e.actor).includes(v) })),
    );
    expect(leaks).toEqual([]);
  });

  it('erasure removes personal data from every item, keeps decision, risk, findings, screening versions and a verifying chain; twice is a no-op', async () => {
    // What other flows leave in the case's partition: a micro-deposit challenge with its payout instruction,
    // and a contractor's free-text answer to a reviewer's question.
    await db.send(new PutCommand({ TableName: rt.tableName, Item: { ...keys.microDeposit(id), type: 'micro-deposit', caseId: id, amounts: [12, 31], attempts: 0, status: 'pending' } }));
    await db.send(
      new PutCommand({ TableName: rt.tableName, Item: { ...keys.microDepositSend(id, 's1'), type: 'micro-deposit-send', caseId: id, accountRef: request.payment.iban, amounts: [12, 31] } }),
    );
    await repo.putEvidence({
      caseId: id,
      stage: 'information',
      runId: 'info-1',
      recordedAt: new Date().toISOString(),
      inputs: { requestedBy: 'Rev One', request: 'Where do you live?' },
      findings: [],
      data: { answer: 'At 12 Hidden Lane, my flat since 2019.' },
    });
    const before = await repo.getCase(id);
    const evidenceBefore = await repo.listEvidence(id);
    const result = await eraseCase(repo, items, id, { reason: `Erasure request from ${request.contractor.email} (ticket 77)`, actor: 'operator:dpo' });
    expect(result).toMatchObject({ changed: true, screeningRecordKept: true, retentionBasis: expect.stringMatching(/31 CFR 501\.601/) });
    expect(result.items.deleted).toBe(11); // the fingerprint items (email, phone, bank account and its IBAN in the key space of its national spelling, reference email in its own role and as an email, identity document by country and number and by number alone), the two micro-deposit items and the monitor item of the re-screening
    expect(result.items.links).toBe(4);
    expect(result.auditResidue).toEqual([]);

    // Scan the whole table: the identifiers occur nowhere.
    const needles = [
      request.contractor.email,
      request.contractor.phone,
      request.contractor.phone.replace(/\D/g, ''),
      request.payment.iban,
      request.payment.iban.replace(/(.{4})(?=.)/g, '$1 '),
      request.document.number,
      request.employment[0].reference.email,
      request.employment[0].reference.name,
    ].map((n: string) => n.toLowerCase());
    const all = (await db.send(new ScanCommand({ TableName: rt.tableName }))).Items ?? [];
    const hits = all.flatMap((item) => needles.filter((n) => JSON.stringify(item).toLowerCase().includes(n)).map((n) => `${String(item.SK)}:${n}`));
    expect(hits).toEqual([]);
    expect(all.filter((i) => String(i.SK).startsWith('FP#'))).toEqual([]);
    expect(all.filter((i) => String(i.SK).startsWith('MICRODEPOSIT'))).toEqual([]);
    expect(JSON.stringify(all)).not.toContain('Hidden Lane');
    for (const link of all.filter((i) => i.type === 'link' && i.caseId === id)) expect(link.recipient).toMatchObject({ email: ERASED, name: ERASED });

    const after = (await repo.getCase(id))!;
    expect(after.application.contractor).toMatchObject({ email: ERASED, phone: ERASED, birthDate: ERASED, nationality: 'PL', legalName: { surname: ERASED } });
    expect(after.application.document).toMatchObject({ number: ERASED, type: 'passport', issuingCountry: 'PL', expiryDate: request.document.expiryDate });
    expect(after.application.payment).toMatchObject({ method: 'iban', iban: ERASED, accountHolder: ERASED });
    expect(after.application.employment[0]).toMatchObject({ employer: ERASED, startDate: '2018-01-01', reference: { email: ERASED, name: ERASED } });
    expect(after.decision).toEqual(before!.decision);
    expect(after.risk).toEqual(before!.risk);
    expect(after.status).toBe('approved');
    expect((after as unknown as { erasure: Record<string, unknown> }).erasure).toMatchObject({
      by: 'operator:dpo',
      reason: 'Erasure request from [erased] (ticket 77)',
      screeningRecordKept: true,
      screenedSubject: { name: `${request.contractor.legalName.givenNames} ${request.contractor.legalName.surname}`, birthDate: request.contractor.birthDate },
    });

    // Finding codes, severities, dates and list versions survive; masked identifiers in inputs do not.
    const evidence = await repo.listEvidence(id);
    expect(evidence.map((e) => [e.stage, e.recordedAt, e.findings.map((f) => [f.code, f.severity])])).toEqual(
      evidenceBefore.map((e) => [e.stage, e.recordedAt, e.findings.map((f) => [f.code, f.severity])]),
    );
    const byStage = Object.fromEntries(evidence.map((e) => [e.stage, e]));
    expect(byStage.bank!.inputs).toMatchObject({ method: 'iban', account: ERASED, bankCountry: 'PL' });
    expect(byStage.document!.inputs).toMatchObject({ number: ERASED, type: 'passport' });
    expect(byStage.screening!.inputs.listVersion).toBe(file.screening[0]!.listVersion);
    expect(byStage.screening!.inputs.subjects).toEqual(['the applicant', 'the reference at [erased]']);

    const trail = await repo.listAudit(id);
    expect(trail.at(-1)).toMatchObject({ action: 'erasure.performed', actor: 'operator:dpo', data: { reason: 'Erasure request from [erased] (ticket 77)', screeningRecordKept: true, deleted: 11 } });
    expect((await verifyStoredAudit(repo, id)).ok).toBe(true);
    // Erasure rewrote the case item without rolling its audit head back: the head is the erasure event.
    expect((await repo.getCase(id))!.auditHead).toEqual({ seq: trail.at(-1)!.seq, hash: trail.at(-1)!.hash });

    // Exporting the erased case still works and shows the erasure.
    const erasedFile = await buildCaseFile(repo, id, { links: (c) => items.links(c) });
    expect(erasedFile.case.erasure).toBeDefined();
    expect(renderCaseReport(erasedFile)).toContain('Personal data of this case was erased');

    const again = await eraseCase(repo, items, id, { reason: 'repeat', actor: 'operator:dpo' });
    expect(again).toMatchObject({ changed: false, items: { rewritten: 0, deleted: 0, links: 0 } });
    expect(again.auditResidue).toEqual(result.auditResidue);
    expect(await repo.listAudit(id)).toHaveLength(trail.length + 1); // only the export above
    const viaCli = await cli(['erase', id, '--reason', 'repeat via CLI', '--table', rt.tableName]);
    expect(viaCli.code).toBe(0);
    expect(viaCli.stdout).toMatch(/already erased: nothing changed/);
    expect(viaCli.stderr).not.toMatch(/warning/);
  });

  it('a case on compliance hold keeps its sanctions-screening record through erasure; a running case is refused', async () => {
    const req = loadRequest((r) => {
      r.externalId = 'records-hold';
      r.contractor.email = 'records-hold@example.pl';
      r.contractor.legalName = { givenNames: 'Chol Su', surname: 'Pak' };
      r.contractor.birthDate = '1985-03-15';
      r.document.givenNames = 'Chol Su';
      r.document.surname = 'Pak';
      r.document.birthDate = '1985-03-15';
      r.payment.accountHolder = 'Chol Su Pak';
    });
    const started = await postOnboarding(rt, req, 'records-hold');
    expect(started.status).toBe(202);
    const holdId = started.body.id as string;
    await waitForStatus(rt, holdId, 'compliance-hold');

    const running = await postOnboarding(
      rt,
      loadRequest((r) => {
        r.externalId = 'records-running';
        r.contractor.email = 'records-running@example.pl';
        // A passport of their own: the held applicant's would link them, and hold this one too.
        r.document.number = 'EB7654321';
      }),
      'records-running',
    );
    await waitForStatus(rt, running.body.id as string, 'awaiting-interview');
    await expect(eraseCase(repo, items, running.body.id as string, { reason: 'too early', actor: 'operator:dpo' })).rejects.toBeInstanceOf(ErasureRefused);

    const result = await eraseCase(repo, items, holdId, { reason: 'Erasure request', actor: 'operator:dpo' });
    expect(result).toMatchObject({ changed: true, screeningRecordKept: true, retentionBasis: expect.stringMatching(/compliance hold/) });
    const screening = (await repo.listEvidence(holdId)).find((e) => e.stage === 'screening')!;
    const hit = (screening.data!.hits as Record<string, any>[])[0]!;
    expect(hit).toMatchObject({ entryId: '1002', list: 'OFAC SDN list', strength: 'strong', submitted: { name: 'Chol Su Pak', birthDate: '1985-03-15' } });
    expect(screening.findings.find((f) => f.code === 'SCR_STRONG_MATCH')?.evidence[0]?.detail).toMatchObject({ sourceId: '1002', listVersion: screening.inputs.listVersion });
    const c = (await repo.getCase(holdId))!;
    expect(c.status).toBe('compliance-hold');
    // The legal-hold record keeps the risk decision that held it (the screening hit itself is kept above).
    expect(c.risk?.drivers).toContain('SCR_STRONG_MATCH');
    expect(c.application.contractor.email).toBe(ERASED);
    const all = (await db.send(new ScanCommand({ TableName: rt.tableName }))).Items ?? [];
    expect(all.filter((i) => JSON.stringify(i).includes('records-hold@example.pl'))).toEqual([]);
    expect((await verifyStoredAudit(repo, holdId)).ok).toBe(true);
  });

  it('past the 10-year OFAC window and not on hold, the screening record is not kept', () => {
    const decided = { status: 'approved' as const, updatedAt: '2026-06-01T00:00:00Z', decision: { outcome: 'approved' as const, by: 'r', at: '2026-06-01T00:00:00Z', reason: '' } };
    expect(screeningRetention(decided, new Date('2036-05-31T00:00:00Z')).keep).toBe(true);
    expect(screeningRetention(decided, new Date('2036-06-02T00:00:00Z'))).toMatchObject({ keep: false, basis: expect.stringMatching(/has passed/) });
    expect(screeningRetention({ status: 'compliance-hold', updatedAt: '2000-01-01T00:00:00Z' }, new Date('2037-01-01T00:00:00Z')).keep).toBe(true);
  });
});
