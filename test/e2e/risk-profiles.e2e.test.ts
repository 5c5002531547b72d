import * as fs from 'node:fs';
import * as path from 'node:path';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import countries from 'i18n-iso-countries';
import { composeIBAN, getCountrySpecifications } from 'ibantools';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { synthesize } from '../../infra/local/cloud-assembly';
import { startLocalRuntime, type LocalRuntime } from '../../infra/local/runtime';
import type { RiskSummary } from '../../shared/domain/cases/case-model';
import { defaultPolicy } from '../../shared/domain/policy/default-policy';
import { td3 } from '../fixtures/documents/mrz-builder';
import { jpeg } from '../fixtures/documents/specimen-files';
import { getOnboarding, loadRequest, postOnboarding } from '../support/local-runtime';
import { testDatabase } from '../support/test-database';

/**
 * Applicant profiles of our own (test/fixtures/risk-profiles.json) through the real local runtime under the
 * built-in policy: documents uploaded through presigned URLs, the synthesized workflow, the real stages and
 * the risk decision. Each profile must reach the decision a compliance officer expects, written beside it.
 *
 * The built-in policy with one change: the sanctions snapshot in shared/data is months old, older than any
 * policy allows (listMaxAgeDays caps at 365 days), so SCR_LISTS_STALE weighs 0 here; staleness has its own
 * tests. Without SANCTIONS_DATA_DIR the screening stage cannot run and the profiles are skipped plainly.
 */
interface Profile {
  name: string;
  expected: 'clear' | 'review' | 'hold';
  reason: string;
  mustInclude?: string[];
  fourEyes?: boolean;
  after?: string;
  phone?: string;
  iban?: string;
  ibanOf?: string;
  referenceEmail?: string;
  corruptMrz?: boolean;
  requiresSanctionsData?: boolean;
  patch: Record<string, unknown>;
}

const fixture = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, '..', 'fixtures', 'risk-profiles.json'), 'utf8')) as { profiles: Profile[] };
const sanctionsDataDir = process.env.SANCTIONS_DATA_DIR;

type Json = Record<string, any>;

function merge(base: Json, patch: Json): Json {
  const out: Json = { ...base };
  for (const [k, v] of Object.entries(patch))
    out[k] = v && typeof v === 'object' && !Array.isArray(v) && base[k] && typeof base[k] === 'object' && !Array.isArray(base[k]) ? merge(base[k] as Json, v as Json) : v;
  return out;
}

/** "PL:10901014{n}" -> a valid Polish IBAN whose account part ends with the profile's number. */
function iban(template: string, n: number): string {
  const [cc, bbanTemplate] = template.split(':') as [string, string];
  const length = getCountrySpecifications()[cc]!.chars! - 4;
  const fixed = bbanTemplate.replace('{n}', '');
  const bban = bbanTemplate.includes('{n}') ? fixed + String(n).padStart(length - fixed.length, '0') : fixed;
  const composed = composeIBAN({ countryCode: cc, bban });
  if (!composed) throw new Error(`cannot compose an IBAN from ${template}`);
  return composed;
}

const alpha3 = (cc: string) => countries.alpha2ToAlpha3(cc) ?? cc;
const yymmdd = (iso: string) => iso.slice(2).replace(/-/g, '');

function requestFor(p: Profile, n: number, byName: Map<string, Json>): Json {
  const base = loadRequest();
  const r = merge(base, p.patch);
  // A payout is replaced whole: another method has other fields.
  if (p.patch.payment) r.payment = { ...(p.patch.payment as Json) };
  const c = r.contractor as Json;
  c.email = (p.patch.contractor as Json | undefined)?.email ?? `${p.name}@example.pl`;
  if (!(p.patch.contractor as Json | undefined)?.phone) c.phone = p.phone ?? `+4860${String(1_000_000 + n).padStart(7, '0')}`;
  r.externalId = `profile-${p.name}`;
  const pay = r.payment as Json;
  if (p.ibanOf) r.payment = { ...(byName.get(p.ibanOf)!.payment as Json), accountHolder: `${c.legalName.givenNames} ${c.legalName.surname}` };
  else if (p.iban) pay.iban = iban(p.iban, n);
  else if (pay.method === 'iban') pay.iban = iban(typeof (p.patch.payment as Json | undefined)?.iban === 'string' ? (p.patch.payment as Json).iban : 'PL:10901014{n}', n);
  for (const k of ['accountNumber', 'walletAddress']) if (typeof pay[k] === 'string') pay[k] = (pay[k] as string).replace('{n}', String(n).padStart(6, '0'));
  const job = (r.employment as Json[])[0]!;
  job.reference = { ...job.reference, email: p.referenceEmail ?? `ref.${p.name}@example-software.pl` };
  // The document is the person's: names, birth date and nationality as declared, a valid zone built from them.
  const d = r.document as Json;
  // A passport of the profile's own unless it sets one: one document behind two applicants links them.
  if (!(p.patch.document as Json | undefined)?.number) d.number = `E${String.fromCharCode(65 + (n % 26))}${String(1_000_000 + n).slice(-7)}`;
  d.surname = c.legalName.surname;
  d.givenNames = c.legalName.givenNames;
  d.birthDate = c.birthDate;
  d.nationality = (p.patch.document as Json | undefined)?.nationality ?? c.nationality;
  const zone = td3({
    issuing: alpha3(d.issuingCountry),
    surname: String(d.surname).toUpperCase().replace(/ /g, '<'),
    given: String(d.givenNames).toUpperCase().replace(/ /g, '<'),
    number: d.number,
    nationality: alpha3(d.nationality),
    birth: yymmdd(d.birthDate),
    sex: d.sex,
    expiry: yymmdd(d.expiryDate),
  });
  // A wrong check digit for the document number: the digit after the nine number characters.
  if (p.corruptMrz) zone[1] = zone[1].slice(0, 9) + String((Number(zone[1][9]) + 1) % 10) + zone[1].slice(10);
  d.mrz = zone;
  return r;
}

describe.skipIf(!sanctionsDataDir)('applicant profiles reach the decision a compliance officer expects', () => {
  let rt: LocalRuntime & { apiKey: string };
  let db: DynamoDBDocumentClient;
  const dir = path.resolve(import.meta.dirname, '..', '..', '.vetflow', `profiles-cdk.out-${process.pid}`);
  const outcomes = new Map<string, { status: string; risk: RiskSummary; codes: string[] } | Error>();
  const requests = new Map<string, Json>();

  beforeAll(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    const policyFile = path.join(dir, 'profiles-policy.json');
    fs.writeFileSync(policyFile, JSON.stringify({ version: 'profiles-2026.1', weights: { ...defaultPolicy.weights, byCode: { ...defaultPolicy.weights.byCode, SCR_LISTS_STALE: 0 } } }));
    // The template is the run's (test/support/global-setup.ts validated it against CloudFormation's rules) with
    // another policy baked into the bundles: not validated again here (CDK's own CDK_VALIDATION switch).
    const validation = process.env.CDK_VALIDATION;
    process.env.CDK_VALIDATION = 'false';
    let synth: ReturnType<typeof synthesize>;
    try {
      synth = synthesize(path.join(dir, 'cdk.out'), { policy: policyFile });
    } finally {
      if (validation === undefined) delete process.env.CDK_VALIDATION;
      else process.env.CDK_VALIDATION = validation;
    }
    // The tables on the run's DynamoDB Local (a database of its own), not a JVM of its own.
    const runtime = await startLocalRuntime({ port: 0, synth, dynamoDb: testDatabase(), sanctionsDataDir: sanctionsDataDir!, schedules: { timers: false } });
    rt = Object.assign(runtime, { apiKey: Object.keys(runtime.config.apiKeys)[0]! });
    db = DynamoDBDocumentClient.from(rt.dynamo.client);

    const upload = async (kind: string, bytes: Uint8Array) => {
      const res = await fetch(`${rt.apiUrl}/uploads`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': rt.apiKey },
        body: JSON.stringify({ kind, contentType: 'image/jpeg', sizeBytes: bytes.length }),
      });
      const u = (await res.json()) as { key: string; uploadUrl: string; headers: Record<string, string> };
      const put = await fetch(u.uploadUrl, { method: 'PUT', headers: u.headers, body: bytes });
      if (put.status !== 200) throw new Error(`upload answered ${put.status}`);
      return u.key;
    };
    const run = (p: Profile, n: number) => attempt(p, n).catch((err: unknown) => void outcomes.set(p.name, err as Error));
    const attempt = async (p: Profile, n: number) => {
      const r = requestFor(p, n, requests);
      requests.set(p.name, r);
      r.document.files = [
        { kind: 'front', key: await upload('front', jpeg({ make: 'Canon', model: 'EOS 80D', dateTimeOriginal: '2026:01:10 10:00:00' }, 20_000 + n)) },
        { kind: 'selfie', key: await upload('selfie', jpeg({ make: 'Apple', model: 'iPhone 14', dateTimeOriginal: '2026:01:10 10:05:00' }, 30_000 + n)) },
      ];
      const started = await postOnboarding(rt, r, `profile-${p.name}`);
      if (started.status !== 202) throw new Error(`${p.name}: start answered ${started.status}: ${JSON.stringify(started.body)}`);
      const id = started.body.id as string;
      const o = await decided(id);
      const item = (await db.send(new GetCommand({ TableName: rt.tableName, Key: { PK: `CASE#${id}`, SK: 'CASE' } }))).Item as { risk: RiskSummary };
      outcomes.set(p.name, { status: o.status as string, risk: item.risk, codes: o.findings.codes as string[] });
    };
    // GET is idempotent: a connection reset while polling (a keep-alive socket closed under load) is retried.
    const decided = async (id: string) => {
      for (let i = 0; i < 1200; i++) {
        const o = await getOnboarding(rt, id).catch(() => undefined);
        if (o && ['awaiting-interview', 'compliance-hold', 'failed'].includes(o.status as string)) return o;
        await new Promise((r) => setTimeout(r, 200));
      }
      throw new Error(`onboarding ${id} reached no decision`);
    };
    // Independent profiles in one runtime, six at a time; the ones that link to another after it is decided.
    const index = new Map(fixture.profiles.map((p, i) => [p.name, i + 1]));
    const queue = fixture.profiles.filter((p) => !p.after);
    await Promise.all(
      Array.from({ length: 6 }, async () => {
        for (let p = queue.shift(); p; p = queue.shift()) await run(p, index.get(p.name)!);
      }),
    );
    for (const p of fixture.profiles.filter((x) => x.after)) await run(p, index.get(p.name)!);
  }, 600_000);

  afterAll(async () => {
    await rt?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('has at least twenty profiles, each with its expected decision and reason', () => {
    expect(fixture.profiles.length).toBeGreaterThanOrEqual(20);
    for (const p of fixture.profiles) expect(p.reason.length).toBeGreaterThan(20);
  });

  it.each(fixture.profiles.map((p) => [p.name, p] as const))('%s', (name, p) => {
    const o = outcomes.get(name)!;
    if (o instanceof Error) throw o;
    const explain = `${name}: ${p.reason}\n${(o.risk.explanation ?? []).join('\n')}`;
    expect(o.risk.outcome, explain).toBe(p.expected);
    expect(o.status, explain).toBe(p.expected === 'hold' ? 'compliance-hold' : 'awaiting-interview');
    for (const code of p.mustInclude ?? []) expect(o.codes, explain).toContain(code);
    if (p.fourEyes !== undefined) expect(o.risk.fourEyesRequired, explain).toBe(p.fourEyes);
    // The arithmetic is stored with every decision, whatever the outcome.
    expect(o.risk.explanation?.length, explain).toBeGreaterThan(2);
    expect(o.risk.facts!.reduce((s, f) => s + f.weight, 0)).toBe(o.risk.score);
    expect(o.risk.thresholds).toEqual({ review: 30, hold: 100 });
  });
});
