import type { InvocationRecord } from '../../infra/local/lambda-host';
import { benchRequest, executionsPerOnboarding, post, progress, round, startBenchRuntime, type AssemblyRef, type BenchRuntime, type Figures } from './common';
import { isRead, isWrite, startDynamoProxy, type DynamoCall } from './dynamo-proxy';
import { answerCallbacks, trackerFor } from './workflow';
import { idleMonthlyCost } from './idle-cost';

/** us-east-1 list prices, ../shared/docs/performance.md. */
const price = {
  transition: 0.025 / 1000,
  lambdaRequest: 0.2 / 1e6,
  lambdaGbSecondArm: 0.0000133334,
  writeUnit: 0.625 / 1e6,
  readUnit: 0.125 / 1e6,
  email: 0.1 / 1000,
  restApiRequest: 3.5 / 1e6,
};
const target = 0.0006;

const usd = (x: number): string => `$${x.toFixed(7)}`;

async function oneOnboarding(rt: BenchRuntime, tr: ReturnType<typeof trackerFor>, n: number, tag: string): Promise<{ id: string; apiRequests: number; name: string }> {
  const since = Date.now() - 1000;
  const request = benchRequest(n, tag);
  const res = await post(rt, request, `bench-${tag}-${n}-key`);
  const id = String(res.body.id);
  if (res.status !== 202) throw new Error(`POST answered ${res.status}`);
  tr.register(id, { n, postedAt: performance.now(), invocations: new Map() });
  const linkRequests = await answerCallbacks(rt, tr, id, request, since);
  await rt.engine.idle(30_000);
  return { id, apiRequests: 1 + linkRequests, name: `${request.contractor.legalName.givenNames} ${request.contractor.legalName.surname}` };
}

/**
 * The AWS bill of one onboarding, from a real local run of one whole onboarding (after a warm-up one):
 * state transitions counted in the engine's execution history, every Lambda invocation with its measured
 * duration and configured memory, every DynamoDB call through a counting proxy with the capacity
 * DynamoDB Local reports, the mails delivered, and the API requests the people and the HRIS made.
 */
export async function benchCost(assembly: AssemblyRef): Promise<Figures> {
  const rt = await startBenchRuntime(assembly);
  const proxy = await startDynamoProxy(rt.dynamo.endpoint);
  try {
    // The handlers' SDK clients read AWS_ENDPOINT_URL_DYNAMODB when first used, after this point; the
    // runtime's own journal and mailbox keep their direct client, so the proxy sees the application only.
    process.env.AWS_ENDPOINT_URL_DYNAMODB = proxy.url;
    const tr = trackerFor(rt);
    const invocations: InvocationRecord[] = [];
    rt.lambdas.onInvoke = (r) => invocations.push(r);

    await oneOnboarding(rt, tr, 0, 'costwarm');
    if (!proxy.calls.length) throw new Error('the counting proxy saw no DynamoDB call: the handlers do not use AWS_ENDPOINT_URL_DYNAMODB');
    progress('cost: warm-up onboarding done');
    proxy.calls.length = 0;
    invocations.length = 0;
    const mailsBefore = rt.mails.length;

    const { id, apiRequests, name } = await oneOnboarding(rt, tr, 1, 'cost');
    const calls: DynamoCall[] = [...proxy.calls];
    const mails = rt.mails.length - mailsBefore;
    // Subjects without the person's name (it follows the colon, when there is one).
    const subjects = rt.mails.slice(mailsBefore).map((m) => m.subject.replace(name, '<name>'));
    const names = (await executionsPerOnboarding(rt)).get(id) ?? [];
    if (names.length !== 1) throw new Error(`onboarding ${id} has ${names.length} executions`);
    const arn = rt.engine.executionArn(names[0]!);
    const execution = await rt.engine.describeExecution(arn);
    const history = await rt.engine.history(arn);
    const entered = history.filter((e) => e.type.endsWith('StateEntered'));
    const transitions = entered.length;
    const statesByType = new Map<string, number>();
    for (const e of entered) statesByType.set(e.type.replace('StateEntered', ''), (statesByType.get(e.type.replace('StateEntered', '')) ?? 0) + 1);

    const byFn = new Map<string, { n: number; ms: number; gbs: number; mem: number }>();
    for (const r of invocations) {
      // Lambda bills duration rounded up to the millisecond.
      const gbs = (Math.ceil(r.durationMs) / 1000) * (r.memoryMb / 1024);
      const f = byFn.get(r.functionName) ?? { n: 0, ms: 0, gbs: 0, mem: r.memoryMb };
      f.n++;
      f.ms += r.durationMs;
      f.gbs += gbs;
      byFn.set(r.functionName, f);
    }
    const lambdaRequests = invocations.length;
    const gbSeconds = [...byFn.values()].reduce((a, f) => a + f.gbs, 0);

    const writes = calls.filter((c) => isWrite(c.op));
    const reads = calls.filter((c) => isRead(c.op));
    const writeUnits = writes.reduce((a, c) => a + c.units, 0);
    const readUnits = reads.reduce((a, c) => a + c.units, 0);
    const byOp = new Map<string, { calls: number; units: number; indexUnits: number }>();
    for (const c of calls) {
      const o = byOp.get(c.op) ?? { calls: 0, units: 0, indexUnits: 0 };
      o.calls++;
      o.units += c.units;
      o.indexUnits += c.indexUnits;
      byOp.set(c.op, o);
    }

    // Where the calls come from: per calling function, op and key prefixes (the same for every onboarding).
    const byShape = new Map<string, { fn: string; op: string; keys: string; calls: number; units: number; indexUnits: number; failed: number }>();
    for (const c of calls) {
      const fn = (c.caller ?? '(none)').replace(/Function[0-9A-F]{8}$/, '');
      const k = `${fn}\u0000${c.op}\u0000${c.keys}`;
      const o = byShape.get(k) ?? { fn, op: c.op, keys: c.keys, calls: 0, units: 0, indexUnits: 0, failed: 0 };
      o.calls++;
      o.units += c.units;
      o.indexUnits += c.indexUnits;
      if (c.status >= 400) o.failed++;
      byShape.set(k, o);
    }
    const firstCall = new Map<string, number>();
    calls.forEach((c, i) => firstCall.set((c.caller ?? '(none)').replace(/Function[0-9A-F]{8}$/, ''), Math.min(i, firstCall.get((c.caller ?? '(none)').replace(/Function[0-9A-F]{8}$/, '')) ?? i)));
    const shapes = [...byShape.values()].sort((a, b) => (firstCall.get(a.fn) ?? 0) - (firstCall.get(b.fn) ?? 0) || b.calls - a.calls);

    const components = [
      { component: 'Step Functions Standard', quantity: `${transitions} state transitions`, usd: transitions * price.transition },
      { component: 'Lambda requests', quantity: `${lambdaRequests} invocations`, usd: lambdaRequests * price.lambdaRequest },
      { component: 'Lambda duration (arm64)', quantity: `${round(gbSeconds, 3)} GB-s`, usd: gbSeconds * price.lambdaGbSecondArm },
      { component: 'DynamoDB writes', quantity: `${round(writeUnits, 1)} WRU in ${writes.length} calls`, usd: writeUnits * price.writeUnit },
      { component: 'DynamoDB reads', quantity: `${round(readUnits, 1)} RRU in ${reads.length} calls`, usd: readUnits * price.readUnit },
      { component: 'SES', quantity: `${mails} emails`, usd: mails * price.email },
      { component: 'API Gateway REST', quantity: `${apiRequests} requests`, usd: apiRequests * price.restApiRequest },
    ];
    const total = components.reduce((a, c) => a + c.usd, 0);
    const idle = idleMonthlyCost(rt.synth.template);
    return {
      'fixed monthly USD (idle deployment)': `$${idle.total.toFixed(2)}`,
      'fixed monthly target USD': '$5.00',
      'fixed monthly breakdown': idle.lines.map((l) => ({ component: l.component, quantity: l.quantity, 'USD/month': `$${l.usd.toFixed(3)}` })),
      'fixed monthly notes': idle.notes,
      'onboarding measured': `${id} (execution ${execution.status}, after a warm-up onboarding)`,
      'path': 'POST (case, fingerprints, links), 3 checks, risk, interview (slot pick + outcome by link), reassessment, approval by link(s), finalize',
      'breakdown': components.map((c) => ({ component: c.component, quantity: c.quantity, 'USD': usd(c.usd), share: `${Math.round((c.usd / total) * 100)}%` })),
      'total per onboarding USD': usd(total),
      'target USD': usd(target),
      'within target': total <= target ? 'yes' : `NO (${round(total / target, 2)}x the target)`,
      'emails sent': subjects,
      'states entered by type': Object.fromEntries(statesByType),
      'Lambda per function': [...byFn].map(([fn, f]) => ({
        function: fn.replace(/Function[0-9A-F]{8}$/, ''),
        invocations: f.n,
        'ms total': round(f.ms, 0),
        'memory MB': f.mem,
        'GB-s': round(f.gbs, 4),
      })),
      'DynamoDB per operation': [...byOp].map(([op, o]) => ({ op, calls: o.calls, 'units (table+indexes)': round(o.units, 1), 'of which indexes': round(o.indexUnits, 1) })),
      'DynamoDB calls by function and keys (PK/SK prefixes)': shapes.map((o) => ({
        function: o.fn,
        op: o.op,
        keys: o.keys,
        calls: o.calls,
        units: round(o.units, 1),
        'of which indexes': round(o.indexUnits, 1),
        failed: o.failed,
      })),
      'DynamoDB errors (conditional checks etc.)':
        calls
          .filter((c) => c.status >= 400)
          .map((c) => `${c.op}:${c.errorType}`)
          .join(', ') || 'none',
      'not counted':
        'KMS requests (customer-managed key on table, logs, state machine), Secrets Manager reads (cached per container), CloudWatch Logs/X-Ray, S3 (no document upload in this path); Lambda durations are local x86 in one shared process, not arm64 Lambda',
    };
  } finally {
    await proxy.close();
    await rt.stop();
  }
}
