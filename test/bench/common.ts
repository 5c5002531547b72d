import * as fs from 'node:fs';
import * as path from 'node:path';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { loadSynthesized, type SynthesizedApp } from '../../infra/local/synthesized-app';
import { runtimeTableName } from '../../infra/local/execution-store';
import type { LocalMail } from '../../infra/local/mailbox';
import { startLocalRuntime, type LocalRuntime, type LocalRuntimeOptions } from '../../infra/local/runtime';
import { distinctApplicant } from '../support/applicants';

/** Progress goes to stderr: in --json mode stdout carries the one JSON document and nothing else. */
export const progress = (line: string): void => void process.stderr.write(`[bench] ${line}\n`);

export interface Figures {
  [key: string]: number | string | boolean | null | Figures | (number | string)[] | Figures[];
}

export const round = (x: number, digits = 1): number => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};

/** Nearest-rank percentile of an unsorted sample. */
export function percentile(xs: readonly number[], p: number): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))]!;
}

export const median = (xs: readonly number[]): number => percentile(xs, 0.5);

/** The synthesized assembly the parent wrote once for the whole run (see run.ts). */
export interface AssemblyRef {
  outdir: string;
  templateFile: string;
  stackName: string;
}

export function loadAssembly(ref: AssemblyRef): SynthesizedApp {
  return loadSynthesized(ref.outdir, ref.templateFile, ref.stackName);
}

/** Where a function invocation (keyed by the onboarding it served) finished, for latencies and duplicate counts. */
export interface InvokeEvent {
  fn: string;
  onboardingId: string;
  at: number;
  ok: boolean;
}

export interface BenchRuntime extends LocalRuntime {
  apiKey: string;
  /** Every mail delivered since start, in delivery order (the mailbox's own list is capped at 200); empty with keepMails: false. */
  mails: LocalMail[];
  /** Resolves with the first mail delivered (past or future) that matches. */
  mailFor(match: (m: LocalMail) => boolean, timeoutMs?: number): Promise<LocalMail>;
  /** Calls `listener` whenever a workflow function invocation finishes. */
  onStage(listener: (e: InvokeEvent) => void): void;
  /** Logical id of a function by its folder-ish name, e.g. 'Interview' -> InterviewFunction84ABA0F9. */
  fnId(prefix: string): string;
}

/**
 * Starts the local runtime on free ports, in memory, on the run's assembly, and instruments it from the
 * outside: deliveries are captured as they happen and each hosted function's invoke is wrapped to report
 * the onboarding it served. Nothing in the runtime itself changes.
 */
export async function startBenchRuntime(assembly: AssemblyRef, options: LocalRuntimeOptions & { keepMails?: boolean } = {}): Promise<BenchRuntime> {
  // The memory section measures the runtime, not this harness: it keeps no copy of the mails.
  const { keepMails = true, ...runtimeOptions } = options;
  const sanctionsDataDir = sanctionsDir();
  const rt = await startLocalRuntime({
    port: 0,
    synth: loadAssembly(assembly),
    ...(sanctionsDataDir ? { sanctionsDataDir } : {}),
    log: progress,
    // What `npm start` runs: a runtime that serves for hours (its DynamoDB Local compiles hot code fully).
    longLived: true,
    ...runtimeOptions,
  });
  const mails: LocalMail[] = [];
  const mailWaiters = new Set<{ match: (m: LocalMail) => boolean; resolve: (m: LocalMail) => void }>();
  const deliver = rt.mailbox.deliver.bind(rt.mailbox);
  rt.mailbox.deliver = async (mail) => {
    const stored = await deliver(mail);
    if (keepMails) mails.push(stored);
    for (const w of mailWaiters)
      if (w.match(stored)) {
        mailWaiters.delete(w);
        w.resolve(stored);
      }
    return stored;
  };
  const listeners: ((e: InvokeEvent) => void)[] = [];
  for (const fn of rt.lambdas.functions.values()) {
    const invoke = fn.invoke;
    fn.invoke = async (event: unknown) => {
      const onboardingId = (event as { onboardingId?: unknown } | null)?.onboardingId;
      try {
        const out = await invoke(event);
        if (typeof onboardingId === 'string') for (const l of listeners) l({ fn: fn.logicalId, onboardingId, at: performance.now(), ok: true });
        return out;
      } catch (err) {
        if (typeof onboardingId === 'string') for (const l of listeners) l({ fn: fn.logicalId, onboardingId, at: performance.now(), ok: false });
        throw err;
      }
    };
  }
  const ids = [...rt.lambdas.functions.keys()];
  return Object.assign(rt, {
    apiKey: Object.keys(rt.config.apiKeys)[0]!,
    mails,
    mailFor(match: (m: LocalMail) => boolean, timeoutMs = 60_000) {
      const found = mails.find(match);
      if (found) return Promise.resolve(found);
      return new Promise<LocalMail>((resolve, reject) => {
        const w = { match, resolve };
        mailWaiters.add(w);
        setTimeout(() => {
          if (mailWaiters.delete(w)) reject(new Error('timed out waiting for a mail'));
        }, timeoutMs).unref();
      });
    },
    onStage(listener: (e: InvokeEvent) => void) {
      listeners.push(listener);
    },
    fnId(prefix: string) {
      const id = ids.find((i) => i.startsWith(`${prefix}Function`));
      if (!id) throw new Error(`no function ${prefix} in ${ids.join(', ')}`);
      return id;
    },
  });
}

/** The sanctions lists the bench screens against: SANCTIONS_DATA_DIR, named explicitly (never looked for). */
export function sanctionsDir(): string | undefined {
  const env = process.env.SANCTIONS_DATA_DIR;
  return env ? path.resolve(env) : undefined;
}

/** The bench's applicants: distinct people (test/support/applicants.ts). */
export const benchRequest = distinctApplicant;

/**
 * POSTs an onboarding as an HRIS would: a 429 (the API's queue is full, the local stand-in for the stage
 * throttle) is waited out as its Retry-After says (at least that long: HTTP's meaning; up to half as long
 * again, jitter), and the same request sent again with the same Idempotency-Key. `throttled` counts those
 * 429s: throttling, never a failure.
 */
export async function post(rt: BenchRuntime, body: unknown, key: string): Promise<{ status: number; body: Record<string, any>; throttled: number }> {
  for (let throttled = 0; ; throttled++) {
    const res = await fetch(`${rt.apiUrl}/onboardings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': rt.apiKey, 'idempotency-key': key },
      body: JSON.stringify(body),
    });
    const json = (await res.json()) as Record<string, any>;
    if (res.status !== 429 || throttled >= 600) return { status: res.status, body: json, throttled };
    const after = Number(res.headers.get('retry-after')) || 1;
    await new Promise((r) => setTimeout(r, after * 1000 * (1 + Math.random() / 2)));
  }
}

export async function getStatus(rt: BenchRuntime, id: string): Promise<string> {
  const res = await fetch(`${rt.apiUrl}/onboardings/${id}`, { headers: { 'x-api-key': rt.apiKey } });
  const body = (await res.json()) as { status?: string };
  return res.ok ? String(body.status) : `http-${res.status}`;
}

/** Executions the engine journaled, grouped by the onboarding in their input. */
export async function executionsPerOnboarding(rt: LocalRuntime): Promise<Map<string, string[]>> {
  const db = DynamoDBDocumentClient.from(rt.dynamo.client);
  const out = new Map<string, string[]>();
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.send(new ScanCommand({ TableName: runtimeTableName, FilterExpression: 'kind = :k', ExpressionAttributeValues: { ':k': 'execution' }, ExclusiveStartKey: start }));
    for (const item of page.Items ?? []) {
      const id = String((JSON.parse(String(item.input)) as { onboardingId?: string }).onboardingId);
      out.set(id, [...(out.get(id) ?? []), String(item.name)]);
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return out;
}

/** Runs `fn` over `items` with at most `limit` in flight. */
export async function pool<T, R>(items: readonly T[], limit: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!, i);
      }
    }),
  );
  return out;
}

/** Resident set size of another process (DynamoDB Local's JVM), in MB; undefined off Linux. */
export function rssOfPid(pid: number | undefined): number | undefined {
  if (!pid) return undefined;
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}
