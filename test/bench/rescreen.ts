import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { loadPolicy } from '../../shared/adapters/files/load-policy';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { appendAuditEvent, type AuditEvent } from '../../shared/domain/audit/chain';
import type { CaseRecord } from '../../shared/domain/cases/case-model';
import { CaseRepository, type AuditEventBuilder } from '../../shared/adapters/dynamodb/case-repository';
import { holdCase } from '../../shared/app/cases/hold-case';
import { LinkRepository } from '../../shared/adapters/dynamodb/link-repository';
import { entryHashes } from '../../shared/domain/monitoring/list-delta';
import { MONITOR_PARTITIONS } from '../../shared/adapters/dynamodb/monitor-index';
import { MonitorRepository } from '../../shared/adapters/dynamodb/monitor-repository';
import { overPartitions, rescreenMonitored, type RescreenDeps } from '../../shared/app/monitoring/rescreen-cases';
import type { OnboardingRequest } from '../../shared/domain/schemas/onboarding';
import { loadLists } from '../../shared/adapters/sanctions-lists/load-lists';
import { defaultScreeningThresholds } from '../../shared/domain/screening/query';
import { createTablesFromTemplate, startDynamoDbLocal } from '../../infra/local/dynamodb-local';
import { loadAssembly, progress, round, sanctionsDir, type AssemblyRef } from './common';

const projectRoot = path.resolve(import.meta.dirname, '..', '..');

// Syllables for made-up names: 20,000+ distinct applicants whose names look like names to the matcher
// (several tokens, some shared with listed names), not like random strings it rejects at once.
const onsets = ['ka', 'mi', 'to', 'ra', 'su', 'le', 'no', 'vi', 'da', 'jo', 'pe', 'an', 'el', 'ma', 'ri', 'sa', 'ti', 'lo', 'be', 'ha'];
const codas = ['n', 'ra', 'ko', 'la', 'sz', 'wicz', 'ski', 'na', 'ev', 'ova', 'ton', 'dze', 'ri', 'ez', 'ic', 'sen'];
const cap = (s: string) => s[0]!.toUpperCase() + s.slice(1);
function madeUpName(n: number): { given: string; surname: string } {
  const a = onsets[n % onsets.length]!;
  const b = codas[Math.floor(n / onsets.length) % codas.length]!;
  const c = onsets[Math.floor(n / (onsets.length * codas.length)) % onsets.length]!;
  const d = codas[Math.floor(n / (onsets.length * codas.length * onsets.length)) % codas.length]!;
  return { given: cap(a + b), surname: cap(c + d + a) };
}

/**
 * The re-screening at scale (issue 12 item 4), on DynamoDB Local with the stack's table: `count` monitored
 * applicants in the monitor index, then
 *  - the full pass (every applicant against the whole lists, partition by partition, 8 at a time: what each
 *    page Lambda does on AWS, here in one process);
 *  - the delta after a list version that adds `added` entries, some naming monitored applicants (which are
 *    held through the hold use case).
 * Prints time and cases/s of each, and the parts (reading the index, diffing the versions).
 */
export async function benchRescreen(assembly: AssemblyRef, options: { count: number }): Promise<Record<string, number | string>> {
  const synth = loadAssembly(assembly);
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  const port = (probe.address() as AddressInfo).port;
  await new Promise((r) => probe.close(r));
  const dynamo = await startDynamoDbLocal(port);
  const work = await mkdtemp(path.join(tmpdir(), 'vetflow-bench-rescreen-'));
  try {
    const [table] = (await createTablesFromTemplate(dynamo.client, synth.template)) as [string];
    const db = DynamoDBDocumentClient.from(dynamo.client, { marshallOptions: { removeUndefinedValues: true } });
    const repo = new CaseRepository(db, table);
    const monitors = new MonitorRepository(db, table);
    const fixture = JSON.parse(await readFile(path.join(projectRoot, 'test', 'fixtures', 'onboarding-request.json'), 'utf8')) as OnboardingRequest;
    const application = (given: string, surname: string, birthDate: string): OnboardingRequest => {
      const a = structuredClone(fixture);
      a.contractor.legalName = { givenNames: given, surname };
      a.contractor.birthDate = birthDate;
      a.document.givenNames = given;
      a.document.surname = surname;
      return a;
    };

    // The monitor index: `count` applicants written as the repository writes them (monitorItemOf).
    const planted = 5;
    let t0 = performance.now();
    const now = new Date();
    const batch: Pick<CaseRecord, 'id' | 'application'>[] = [];
    for (let n = 0; n < options.count - planted; n++) {
      const { given, surname } = madeUpName(n);
      const birth = `19${60 + (n % 40)}-${String(1 + (n % 12)).padStart(2, '0')}-${String(1 + (n % 28)).padStart(2, '0')}`;
      batch.push({ id: `ob_bench${String(n).padStart(24, '0')}`, application: application(given, surname, birth) });
      if (batch.length === 500) await monitors.putMany(batch.splice(0), now);
    }
    await monitors.putMany(batch.splice(0), now);
    // Applicants the next list version designates: real cases (the hold needs them), indexed by their move to checking.
    const listedNames: { given: string; surname: string; dob: string }[] = [];
    for (let i = 0; i < planted; i++) {
      const person = { given: `Benchara ${['Ilse', 'Oona', 'Pia', 'Rhea', 'Tove'][i]}`, surname: `Nordqvist${'abcde'[i]}`, dob: `1984-0${i + 1}-1${i}` };
      listedNames.push(person);
      const id = `ob_listed${String(i).padStart(23, '0')}`;
      const c: CaseRecord = {
        id,
        clientId: 'bench',
        externalId: `listed-${i}`,
        status: 'received',
        version: 1,
        createdAt: now.toISOString(),
        updatedAt: now.toISOString(),
        executionName: `listed-${i}`,
        application: application(person.given, person.surname, person.dob),
        stages: {},
      };
      await repo.createCase(c, { clientId: 'bench', key: `listed-${i}`, requestHash: 'h', onboardingId: id, createdAt: now.toISOString() });
      await repo.moveCase(c, 'checks-started');
    }
    const indexMs = performance.now() - t0;
    progress(`rescreen: ${options.count} monitored applicants indexed in ${(indexMs / 1000).toFixed(1)} s`);

    const auditEvent = (caseId: string, actor: string, action: string, data: Record<string, unknown>): AuditEventBuilder => {
      const at = new Date().toISOString();
      return (prev) => appendAuditEvent(prev as AuditEvent | undefined, { at, actor, action, caseId, data });
    };
    const deps: RescreenDeps = {
      monitors,
      repo,
      policy: loadPolicy(),
      // The real hold use case; Step Functions and the HRIS delivery are this machine's boundaries.
      hold: (input) =>
        holdCase(
          { repo, links: new LinkRepository(db, table), failTask: async () => undefined, startReview: async () => undefined, notify: async () => undefined, auditEvent, now: () => new Date() },
          input,
        ),
      audit: async (caseId, actor, action, data) => void (await repo.appendAudit(caseId, auditEvent(caseId, actor, action, data))),
      now: () => new Date(),
    };

    // Lists: the real snapshot when there is one, else the fixture lists.
    const v1 = path.join(work, 'v1');
    await cp(sanctionsDir() ?? path.join(projectRoot, 'test', 'fixtures', 'sanctions'), v1, { recursive: true });
    t0 = performance.now();
    const index1 = (await loadLists(v1)).index;
    const loadMs = performance.now() - t0;

    // Reading the whole index without screening: the floor of any pass.
    t0 = performance.now();
    let read = 0;
    await overPartitions(8, async (p) => {
      for await (const items of monitors.partition(p)) read += items.length;
      return { screened: 0, matched: 0, held: [], potential: [], clearedSkipped: 0, removed: 0, refreshed: 0 };
    });
    const readMs = performance.now() - t0;

    // The full pass (no state yet: the first run is one).
    t0 = performance.now();
    const full = await rescreenMonitored(deps, index1, { thresholds: defaultScreeningThresholds });
    const fullMs = performance.now() - t0;
    if (full.mode !== 'full') throw new Error(`expected a full pass, got ${full.mode}`);
    progress(`rescreen: full pass over ${full.report.screened} in ${(fullMs / 1000).toFixed(1)} s`);

    // The next version: `added` new entries, `planted` of them naming monitored applicants.
    const v2 = path.join(work, 'v2');
    await cp(v1, v2, { recursive: true });
    const sdn = path.join(v2, 'ofac', 'sdn.csv');
    const body = (await readFile(sdn, 'latin1')).replace(/\x1a$/, '');
    const rows: string[] = [];
    const added = 20;
    for (let i = 0; i < added; i++) {
      const p = listedNames[i];
      const name = p ? `${p.surname.toUpperCase()}, ${p.given}` : `BENCHLISTED${i}, Someone Else`;
      const dob = p ? new Date(`${p.dob}T00:00:00Z`).toLocaleDateString('en-GB', { day: '2-digit', month: 'short', year: 'numeric', timeZone: 'UTC' }) : '01 Jan 1950';
      rows.push(`${990000 + i},"${name}","individual","DPRK3",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB ${dob}; Gender Female."\r\n`);
    }
    await writeFile(sdn, `${body}${rows.join('')}\x1a`, 'latin1');
    const index2 = (await loadLists(v2)).index;
    t0 = performance.now();
    entryHashes(index2.entries);
    const hashMs = performance.now() - t0;

    t0 = performance.now();
    const delta = await rescreenMonitored(deps, index2, { thresholds: defaultScreeningThresholds });
    const deltaMs = performance.now() - t0;
    if (delta.mode !== 'delta') throw new Error(`expected a delta, got ${delta.mode}`);
    const held = delta.report.held.filter((h) => h.outcome === 'held').length;
    progress(`rescreen: delta (${delta.changedEntries} entries) over ${delta.report.screened} in ${(deltaMs / 1000).toFixed(1)} s, ${held} held`);
    if (held !== planted) throw new Error(`the delta held ${held} of the ${planted} newly listed applicants`);

    return {
      'monitored applicants': read,
      partitions: MONITOR_PARTITIONS,
      'list entries': index1.entries.length,
      'lists load, s': round(loadMs / 1000, 2),
      'index written (setup), s': round(indexMs / 1000, 1),
      'read whole index, s': round(readMs / 1000, 2),
      'read, cases/s': Math.round(read / (readMs / 1000)),
      'full pass, s': round(fullMs / 1000, 2),
      'full pass, cases/s': Math.round(full.report.screened / (fullMs / 1000)),
      'full pass holds': full.report.held.length,
      'entry hashes (both versions diffed), s': round(hashMs / 1000, 2),
      'delta entries': delta.changedEntries,
      'delta, s': round(deltaMs / 1000, 2),
      'delta, cases/s': Math.round(delta.report.screened / (deltaMs / 1000)),
      'delta holds': held,
    };
  } finally {
    await dynamo.stop();
    await rm(work, { recursive: true, force: true });
  }
}
