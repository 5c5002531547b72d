import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { SynthesizedApp } from './synthesized-app';
import { ConcurrencyGate, limitsFromEnv, type ConcurrencyLimits, type ConcurrencyStats } from './concurrency';
import { LAMBDA_TASK_ROOT } from '../constructs/lambda-task-root';
import { localAccount, localRegion, resolve } from './intrinsics';

type Handler = (event: unknown, context: Record<string, unknown>) => Promise<unknown>;

export interface LocalFunction {
  logicalId: string;
  arn: string;
  timeoutMs: number;
  memoryMb: number;
  environment: Record<string, string>;
  invoke(event: unknown): Promise<unknown>;
}

/**
 * An error as Step Functions sees a failed Lambda: `Error` is the errorType (the thrown error's name) and
 * `Cause` the JSON document Lambda reports, so Retry and Catch match exactly as they do on AWS.
 */
export class LambdaFunctionError extends Error {
  constructor(errorType: string, errorMessage: string) {
    super(JSON.stringify({ errorType, errorMessage, trace: [] }));
    this.name = errorType;
  }
}

/**
 * The logical id of the function whose invocation the current code runs in (undefined outside any): all
 * functions share this process, so a tool that watches outgoing requests (the bench's DynamoDB proxy) can
 * tell which function made each one.
 */
export const currentFunction = new AsyncLocalStorage<string>();

export interface InvocationRecord {
  functionName: string;
  /** From the handler's start (after any wait for a slot) to its end: what Lambda bills. */
  durationMs: number;
  memoryMb: number;
  /** Time spent waiting for a concurrency slot before the handler started. */
  queueWaitMs: number;
}

/** Concurrency settings (per function, account); omitted values come from the environment or the defaults. */
export type LambdaConcurrencyOptions = Partial<Pick<ConcurrencyLimits, 'limit' | 'accountLimit'>>;

/**
 * Hosts the synthesized Lambda functions in this process: each function's own esbuild bundle from the
 * cloud assembly, imported with that function's resolved environment so its cold-start configuration is
 * its own, and invoked with the function's timeout.
 */
export class LambdaHost {
  readonly functions = new Map<string, LocalFunction>();
  /** Per-function and account concurrency (see concurrency.ts); set by load. */
  private gate = new ConcurrencyGate({ ...limitsFromEnv(), perFunction: {} });
  /** Per-invocation figures, for the cost estimate of the bench. */
  onInvoke?: (rec: InvocationRecord) => void;
  /**
   * Fault injection for the fault tests, keyed by the function's logical id or its construct-id prefix
   * (e.g. "BankCheckFunction"): called before each invocation; an error it returns is what the invocation
   * fails with (as if the handler had thrown it), and nothing is run.
   */
  readonly faults = new Map<string, (invocation: number, event: unknown) => Error | undefined>();
  private readonly invocations = new Map<string, number>();

  /**
   * `baseEnv` is under each function's own environment; `overrides` over it (the local public base URL
   * replaces the API Gateway URL the template computes).
   */
  static async load(synth: SynthesizedApp, baseEnv: Record<string, string>, overrides: Record<string, string> = {}, concurrency: LambdaConcurrencyOptions = {}): Promise<LambdaHost> {
    const host = new LambdaHost();
    const limits: ConcurrencyLimits = { ...limitsFromEnv(), ...concurrency, perFunction: {} };
    for (const [id, res] of Object.entries(synth.template.Resources)) {
      if (res.Type !== 'AWS::Lambda::Function') continue;
      const props = resolve(res.Properties ?? {}, synth.template) as Record<string, unknown>;
      // A function's reserved concurrency in the template caps it here too.
      const reserved = Number(props.ReservedConcurrentExecutions);
      if (Number.isInteger(reserved) && reserved > 0 && reserved < limits.limit) limits.perFunction![id] = reserved;
      const dir = synth.assetDirOf(id);
      const entry = ['index.mjs', 'index.js'].map((f) => path.join(dir, f)).find((f) => fs.existsSync(f));
      if (!entry) throw new Error(`function ${id}: no index.mjs in ${dir}`);
      const env = ((props.Environment as { Variables?: Record<string, string> } | undefined)?.Variables ?? {}) as Record<string, string>;
      const handler = await importWithEnv(entry, String(props.Handler ?? 'index.handler'), inTaskRoot({ ...baseEnv, ...env, ...overrides, AWS_LAMBDA_FUNCTION_NAME: id }, dir));
      const timeoutMs = Number(props.Timeout ?? 3) * 1000;
      const memoryMb = Number(props.MemorySize ?? 128);
      host.functions.set(id, {
        logicalId: id,
        arn: `arn:aws:lambda:${localRegion}:${localAccount}:function:${id}`,
        timeoutMs,
        memoryMb,
        environment: env,
        invoke: (event) => host.run(id, handler, event, timeoutMs, memoryMb),
      });
    }
    host.gate = new ConcurrencyGate(limits);
    return host;
  }

  concurrencyLimits(): { limit: number; accountLimit: number } {
    return this.gate.limits();
  }

  /** Invocations throttled (queued for a slot), queue waits, and how many wait now. */
  concurrencyStats(): ConcurrencyStats {
    return this.gate.stats();
  }

  /** Invocations of the function waiting for a slot now (the local API refuses work past its queue). */
  waiting(nameOrArn: string): number {
    return this.gate.waiting(this.get(nameOrArn).logicalId);
  }

  /** Seconds a caller the function's full queue refused should wait: its turn (the API's Retry-After). */
  comeBackAfter(nameOrArn: string): number {
    return this.gate.comeBackAfter(this.get(nameOrArn).logicalId);
  }

  /** Finds a function by logical id, name or ARN (with or without a version qualifier). */
  get(nameOrArn: string): LocalFunction {
    const name = nameOrArn.startsWith('arn:') ? (nameOrArn.split(':')[6] ?? '') : nameOrArn;
    const fn = this.functions.get(name);
    if (!fn) throw new Error(`no local function ${nameOrArn}`);
    return fn;
  }

  private async run(id: string, handler: Handler, event: unknown, timeoutMs: number, memoryMb: number): Promise<unknown> {
    // Waits for a slot first: the timeout and the billed duration start when the handler does.
    const queueWaitMs = await this.gate.acquire(id);
    const started = performance.now();
    const deadline = Date.now() + timeoutMs;
    const context = {
      functionName: id,
      functionVersion: '$LATEST',
      invokedFunctionArn: `arn:aws:lambda:${localRegion}:${localAccount}:function:${id}`,
      memoryLimitInMB: String(memoryMb),
      awsRequestId: randomUUID(),
      logGroupName: `/aws/lambda/${id}`,
      logStreamName: 'local',
      getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
      callbackWaitsForEmptyEventLoop: false,
    };
    let timer: NodeJS.Timeout | undefined;
    const n = (this.invocations.get(id) ?? 0) + 1;
    this.invocations.set(id, n);
    try {
      const injected = [...this.faults].find(([k]) => id === k || id.startsWith(k))?.[1](n, event);
      if (injected) throw injected;
      // A copy, as Lambda deserializes its own: a handler can never mutate the caller's state.
      const payload = structuredClone(event);
      const result = await Promise.race([
        currentFunction.run(id, () => handler(payload, context)),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new LambdaFunctionError('Sandbox.Timedout', `Task timed out after ${timeoutMs / 1000} seconds`)), timeoutMs);
        }),
      ]);
      return result === undefined ? null : JSON.parse(JSON.stringify(result));
    } catch (err) {
      if (err instanceof LambdaFunctionError) throw err;
      const e = err instanceof Error ? err : new Error(String(err));
      throw new LambdaFunctionError(e.name || 'Error', e.message);
    } finally {
      clearTimeout(timer);
      this.gate.release(id);
      this.onInvoke?.({ functionName: id, durationMs: performance.now() - started, memoryMb, queueWaitMs });
    }
  }
}

let moduleInstances = 0;

/**
 * Lambda unpacks a bundle at /var/task, and settings point at files shipped in it there (IP_DATA_DIR); here
 * the bundle is the asset folder, so such paths are read from it: the data the function would get on AWS.
 */
function inTaskRoot(env: Record<string, string>, assetDir: string): Record<string, string> {
  const mapped = Object.fromEntries(
    Object.entries(env).map(([k, v]) => [k, v === LAMBDA_TASK_ROOT || v.startsWith(`${LAMBDA_TASK_ROOT}/`) ? path.join(assetDir, v.slice(LAMBDA_TASK_ROOT.length)) : v]),
  );
  return { ...mapped, LAMBDA_TASK_ROOT: assetDir };
}

/** Imports a bundle with the function's environment in place, so module-level configuration reads its own. */
async function importWithEnv(entry: string, handlerSpec: string, env: Record<string, string>): Promise<Handler> {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    // A fresh module instance per runtime: two runtimes in one process (tests) must not share the first
    // one's clients and cold-start configuration, as two Lambda environments would not.
    const mod = (await import(`${pathToFileURL(entry).href}?runtime=${++moduleInstances}`)) as Record<string, unknown>;
    const exportName = handlerSpec.split('.').pop() ?? 'handler';
    const fn = mod[exportName];
    if (typeof fn !== 'function') throw new Error(`${entry} exports no ${exportName}`);
    return fn as Handler;
  } finally {
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
  }
}
