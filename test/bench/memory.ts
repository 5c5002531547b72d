import { benchRequest, post, progress, round, rssOfPid, startBenchRuntime, type AssemblyRef, type Figures } from './common';

const mb = (b: number): number => round(b / 2 ** 20, 1);

function collect(): void {
  // run.ts starts sections with --expose-gc: readings follow a full collection.
  (globalThis as { gc?: () => void }).gc?.();
}

/**
 * Memory of the runtime process over many onboardings through the automated stages, in batches: RSS and
 * heap after a full GC every 1,000 (and DynamoDB Local's JVM alongside). The onboardings stay parked at
 * "awaiting interview", as they would for days on AWS; the growth per 1,000 is what a parked onboarding
 * costs the local runtime, and what would leak if anything else grew.
 */
export async function benchMemory(assembly: AssemblyRef, opts: { count: number; budgetMs: number }): Promise<Figures> {
  const rt = await startBenchRuntime(assembly, { keepMails: false });
  try {
    const interviewFn = rt.fnId('Interview');
    let invited = 0;
    let failed = 0;
    rt.onStage((e) => {
      if (e.fn === interviewFn && e.ok) invited++;
      if (!e.ok) failed++;
    });
    const batch = 250;
    const inFlight = 100;
    const warmCount = 100;
    let next = 0;
    const runUpTo = async (target: number) => {
      while (next < target) {
        const end = Math.min(target, next + batch);
        const ids = Array.from({ length: end - next }, (_, k) => next + k);
        next = end;
        // At most `inFlight` POSTs at a time, then wait for the batch to reach the invitation.
        for (let k = 0; k < ids.length; k += inFlight) await Promise.all(ids.slice(k, k + inFlight).map((n) => post(rt, benchRequest(n, 'mem'), `bench-mem-${n}-key`)));
        const deadline = Date.now() + 120_000;
        while (invited < end + warmCount && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      }
    };
    // Warm-up, then the baseline reading.
    for (let k = 0; k < warmCount; k += inFlight) await Promise.all(Array.from({ length: inFlight }, (_, j) => post(rt, benchRequest(k + j, 'memwarm'), `bench-memwarm-${k + j}-key`)));
    while (invited < warmCount) await new Promise((r) => setTimeout(r, 50));
    const reading = (label: string) => {
      collect();
      const m = process.memoryUsage();
      return { after: label, 'rss MB': mb(m.rss), 'heap used MB': mb(m.heapUsed), 'external MB': mb(m.external), 'running executions': rt.engine.runningCount(), 'in memory': rt.engine.inMemoryCount(), 'parked': rt.engine.parkedCount(), 'DynamoDB Local RSS MB': round(rssOfPid(rt.dynamo.process.pid) ?? NaN, 0) };
    };
    const readings = [reading(`warm-up (${warmCount})`)];
    const started = performance.now();
    const step = opts.count >= 5000 ? 250 : 100;
    let stoppedAt: number | undefined;
    for (let done = step; done <= opts.count; done += step) {
      // The whole bench has 10 minutes: past its budget the section reports what it reached.
      if (performance.now() - started > opts.budgetMs) {
        stoppedAt = done - step;
        break;
      }
      await runUpTo(done);
      readings.push(reading(String(done)));
      progress(`memory: ${done}/${opts.count} (${invited - warmCount} invited) rss ${readings.at(-1)!['rss MB']} MB heap ${readings.at(-1)!['heap used MB']} MB`);
    }
    const first = readings[0]!;
    const last = readings.at(-1)!;
    const measured = Number(last.after) || 0;
    const per1000 = (k: 'rss MB' | 'heap used MB') => round(((last[k] - first[k]) / measured) * 1000, 1);
    // Slope over the second half too: start-up effects (JIT, pools) are over by then.
    const mid = readings[Math.floor(readings.length / 2)]!;
    const midCount = Number(mid.after) || 0;
    const heapSlope2 = midCount && measured > midCount ? round(((last['heap used MB'] - mid['heap used MB']) / (measured - midCount)) * 1000, 1) : NaN;
    return {
      'onboardings asked for': opts.count,
      'onboardings measured': measured,
      ...(stoppedAt !== undefined ? { 'stopped early': `time budget of ${Math.round(opts.budgetMs / 1000)} s reached after ${stoppedAt}` } : {}),
      'reached the invitation': invited - warmCount,
      'stage failures': failed,
      'wall s': round((performance.now() - started) / 1000, 1),
      'rss before / after MB': `${first['rss MB']} / ${last['rss MB']}`,
      'heap used before / after MB': `${first['heap used MB']} / ${last['heap used MB']}`,
      'rss growth per 1,000 MB': per1000('rss MB'),
      'heap growth per 1,000 MB': per1000('heap used MB'),
      'heap growth per 1,000, second half MB': heapSlope2,
      'DynamoDB Local RSS before / after MB': `${first['DynamoDB Local RSS MB']} / ${last['DynamoDB Local RSS MB']}`,
      'target': 'memory flat over 10,000 onboardings',
      readings,
    };
  } finally {
    await rt.stop();
  }
}
