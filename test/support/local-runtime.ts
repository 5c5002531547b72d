import { loadSynthesized } from '../../infra/local/synthesized-app';
import { startLocalRuntime, type LocalRuntime, type LocalRuntimeOptions } from '../../infra/local/runtime';
import type { LocalMail } from '../../infra/local/mailbox';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { batchGetItems } from '../../shared/adapters/dynamodb/batch';
import { inject } from 'vitest';
import { loadRequest } from './request';
import { testDatabase } from './test-database';

export { loadRequest };

/**
 * A local runtime on free ports, in memory, on the assembly the global setup synthesized, with a database of its
 * own on the run's DynamoDB Local; `ownDynamoDb`: a JVM of its own instead (a test that freezes or kills it).
 */
export async function startTestRuntime({ ownDynamoDb = false, ...options }: LocalRuntimeOptions & { ownDynamoDb?: boolean } = {}): Promise<LocalRuntime & { apiKey: string }> {
  const meta = inject('assembly');
  const runtime = await startLocalRuntime({
    ...(ownDynamoDb ? {} : { dynamoDb: testDatabase() }),
    port: 0,
    synth: loadSynthesized(meta.dir, meta.templateFile, meta.stackName),
    ...(process.env.SANCTIONS_DATA_DIR ? { sanctionsDataDir: process.env.SANCTIONS_DATA_DIR } : {}),
    // Scheduled rules run only when a test says so (runtime.schedules.runNow), never behind its back.
    schedules: { timers: false },
    ...options,
  });
  return Object.assign(runtime, { apiKey: Object.keys(runtime.config.apiKeys)[0]! });
}

export async function postOnboarding(rt: { apiUrl: string; apiKey: string }, body: unknown, key: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${rt.apiUrl}/onboardings`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': rt.apiKey, 'idempotency-key': key, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, any>, headers: res.headers };
}

/** POST /onboardings/{id}/signals with the client's API key (or `apiKey`): the answer as fetch gives it. */
export function postSignals(rt: { apiUrl: string; apiKey: string }, id: string, body: unknown, apiKey = rt.apiKey): Promise<Response> {
  return fetch(`${rt.apiUrl}/onboardings/${id}/signals`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': apiKey }, body: JSON.stringify(body) });
}

export async function getOnboarding(rt: { apiUrl: string; apiKey: string }, id: string) {
  const res = await fetch(`${rt.apiUrl}/onboardings/${id}`, { headers: { 'x-api-key': rt.apiKey } });
  return (await res.json()) as Record<string, any>;
}

/**
 * Polls until the condition holds (the workflow runs asynchronously); fails with the last value seen. The default
 * limit is generous: on a loaded machine the same work takes longer, and only a hang should fail.
 */
export async function waitFor<T>(what: string, probe: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T = await probe();
  while (!ok(last)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(last).slice(0, 800)}`);
    await new Promise((r) => setTimeout(r, 50));
    last = await probe();
  }
  return last;
}

/**
 * The case records of many onboardings, read straight from the table (the persistence's batchGetItems). For tests
 * that wait on dozens of onboardings: polling each through the API would take the very function slots (and
 * DynamoDB Local's CPU) the onboardings need to make progress.
 */
export async function caseRecords(
  rt: Pick<LocalRuntime, 'dynamo' | 'tableName'>,
  ids: string[],
): Promise<Array<{ id: string; status: string; failure?: unknown; stages?: Record<string, { state: string }> }>> {
  const items = await batchGetItems(
    DynamoDBDocumentClient.from(rt.dynamo.client),
    rt.tableName,
    ids.map((id) => ({ PK: `CASE#${id}`, SK: 'CASE' })),
  );
  return items.map((c) => ({ id: String(c.id), status: String(c.status), failure: c.failure, stages: c.stages as Record<string, { state: string }> | undefined }));
}

/** Waits until every one of the onboardings' case records satisfies `ok` (read from the table, once a second). */
export async function waitForCases(rt: Pick<LocalRuntime, 'dynamo' | 'tableName'>, ids: string[], what: string, ok: (c: { status: string; failure?: unknown }) => boolean, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const cases = await caseRecords(rt, ids);
    if (cases.length === ids.length && cases.every(ok)) return cases;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(cases.filter((c) => !ok(c)).slice(0, 10))}`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

export async function waitForStatus(rt: { apiUrl: string; apiKey: string }, id: string, status: string | string[], timeoutMs?: number) {
  const wanted = Array.isArray(status) ? status : [status];
  return waitFor(
    `onboarding ${id} to be ${wanted.join('|')}`,
    () => getOnboarding(rt, id),
    (o) => wanted.includes(o.status),
    timeoutMs,
  );
}

/** The newest mail to `to` whose subject matches, and the first vetflow link in it. */
export async function waitForMail(rt: LocalRuntime, to: string, subject: RegExp, after = 0): Promise<{ mail: LocalMail; link: string }> {
  const mail = await waitFor(
    `mail to ${to} matching ${subject}`,
    async () => (await rt.mailbox.list()).filter((m) => m.to.includes(to) && subject.test(m.subject) && Date.parse(m.at) >= after),
    (list) => list.length > 0,
  );
  const m = mail[0]!;
  const link = new RegExp(`${rt.apiUrl.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/links/[A-Za-z0-9_-]{43}`).exec(m.text)?.[0] ?? '';
  return { mail: m, link };
}

export interface Page {
  status: number;
  html: string;
  headers: Headers;
  csrf: string;
  /** How many of a hold's reasons the page showed (the compliance review's clear form), as a browser would send it. */
  reasonsSeen: string;
  /** What a reviewer's page showed, sealed (its approve form's hidden field), as a browser would send it. */
  view: string;
}

/** The `view` field of a reviewer's page (its approve form), as a browser would send it; '' when it has none. */
export function viewOf(html: string): string {
  return /name="view" value="([^"]+)"/.exec(html)?.[1] ?? '';
}

export async function openLink(url: string): Promise<Page> {
  const res = await fetch(url);
  const html = await res.text();
  return {
    status: res.status,
    html,
    headers: res.headers,
    csrf: /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? '',
    reasonsSeen: /name="reasonsSeen" value="(\d+)"/.exec(html)?.[1] ?? '',
    view: viewOf(html),
  };
}

/** Submits a link page's form as a browser would: same origin, urlencoded. */
export async function submitForm(url: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<{ status: number; html: string; headers: Headers }> {
  const origin = new URL(url).origin;
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin, 'sec-fetch-site': 'same-origin', ...headers },
    body: new URLSearchParams(fields).toString(),
  });
  return { status: res.status, html: await res.text(), headers: res.headers };
}

export const goodInterview = {
  attended: 'yes',
  cameraOnThroughout: 'yes',
  faceMatchesDocument: 'yes',
  locationConsistent: 'yes',
  livenessHandInFront: 'yes',
  livenessProfile: 'yes',
  phraseRead: 'yes',
  homeCityConvincing: 'yes',
  protocolRefused: 'no',
  livenessWindow: 'yes',
  spokeClaimedLanguages: 'yes',
  readingAnswers: 'no',
  remarks: 'Clear video, consistent answers.',
};

/** Drives an onboarding through slot picking and the interview outcome; returns when approval is awaited. */
export async function completeInterview(rt: LocalRuntime & { apiKey: string }, id: string, contractorEmail: string): Promise<void> {
  await waitForStatus(rt, id, 'awaiting-interview');
  const { link: pick } = await waitForMail(rt, contractorEmail, /choose a time/i);
  const page = await openLink(pick);
  const slot = /name="choice" value="([^"]+)"/.exec(page.html)?.[1];
  if (!slot) throw new Error('no slot offered on the picker page');
  // The booking completes the workflow's ScheduleInterview; AwaitInterviewOutcome then mails the interviewer.
  const since = new Date().toISOString();
  const picked = await submitForm(pick, { csrf: page.csrf, choice: slot });
  if (picked.status !== 200) throw new Error(`slot pick answered ${picked.status}`);
  const isOutcomeMail = (m: LocalMail) => /record|outcome/i.test(m.subject) && m.text.includes('/links/') && m.at >= since;
  const interviewerMail = (
    await waitFor(
      'outcome-form mail',
      () => rt.mailbox.list(),
      (l) => l.some(isOutcomeMail),
    )
  ).find(isOutcomeMail)!;
  const outcomeLink = /http:\/\/localhost:\d+\/links\/[A-Za-z0-9_-]{43}/.exec(interviewerMail.text)![0];
  const form = await openLink(outcomeLink);
  const sent = await submitForm(outcomeLink, { csrf: form.csrf, ...goodInterview });
  if (sent.status !== 200) throw new Error(`outcome form answered ${sent.status}: ${sent.html.slice(0, 300)}`);
}

/** Starts an onboarding and drives it to the reviewers' step; returns each reviewer's link. */
export async function startToApproval(rt: LocalRuntime & { apiKey: string }, key: string, mutate: (r: Record<string, any>) => void = () => undefined) {
  const request = loadRequest((r) => {
    r.externalId = key;
    r.contractor.email = `${key}@example.pl`;
    r.reviewers = [
      { name: 'Rita Reviewer', email: `rita+${key}@example.com` },
      { name: 'Omar Officer', email: `omar+${key}@example.com` },
    ];
    mutate(r);
  });
  const started = await postOnboarding(rt, request, key);
  if (started.status !== 202) throw new Error(`start answered ${started.status}: ${JSON.stringify(started.body)}`);
  const id = started.body.id as string;
  await waitForStatus(rt, id, 'awaiting-interview');
  const { link: pick } = await waitForMail(rt, request.contractor.email, /choose a time/i);
  const page = await openLink(pick);
  const slot = /name="choice" value="([^"]+)"/.exec(page.html)![1]!;
  const since = new Date().toISOString();
  await submitForm(pick, { csrf: page.csrf, choice: slot });
  const fullName = `${request.contractor.legalName.givenNames} ${request.contractor.legalName.surname}`;
  // Mailed by the workflow's AwaitInterviewOutcome once the booking completed ScheduleInterview: newer than the pick.
  const outcomeMail = await waitFor(
    'the interviewer outcome-form mail',
    async () => (await rt.mailbox.list()).find((m) => /record|outcome/i.test(m.subject) && m.text.includes(fullName) && m.text.includes('/links/') && m.at >= since),
    (m) => m !== undefined,
  );
  const outcomeLink = /http:\/\/localhost:\d+\/links\/[A-Za-z0-9_-]{43}/.exec(outcomeMail!.text)![0];
  const form = await openLink(outcomeLink);
  await submitForm(outcomeLink, { csrf: form.csrf, ...goodInterview });
  await waitForStatus(rt, id, 'awaiting-approval');
  const reviewerLinks = [] as unknown as [string, string];
  for (const r of request.reviewers as { email: string }[]) {
    const mails = await waitFor(
      `approval mails to ${r.email}`,
      async () => (await rt.mailbox.list()).filter((m) => m.to.includes(r.email) && /approval needed/i.test(m.subject)),
      (l) => l.length >= request.reviewers.filter((x: { email: string }) => x.email === r.email).length,
    );
    const link = /http:\/\/localhost:\d+\/links\/[A-Za-z0-9_-]{43}/.exec(mails[reviewerLinks.filter((_, i) => request.reviewers[i].email === r.email).length]!.text)![0];
    reviewerLinks.push(link);
  }
  return { id, request, reviewerLinks };
}
