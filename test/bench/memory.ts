import { benchRequest, post, progress, round, rssOfPid, startBenchRuntime, type AssemblyRef, type Figures } from './common';

const mb = (b: number): number => round(b / 2 ** 20, 1);

function collect(): void {
  // run.ts starts sections with --expose-gc: readings follow a full collection.
  (globalThis as { gc?: () => void }).gc?.();
}

/**
 * Memory of the runtime process over many onboardings through the automated stages, in a steady pipeline:
 * RSS and heap after a full GC every 500 (100 in short runs), and DynamoDB Local's JVM alongside. Every
 * onboarding then waits at "awaiting interview", as it would for days on AWS; the engine parks such
 * executions out of memory (workflow-engine.ts), so what grows per 1,000 is what a waiting onboarding
 * costs the runtime (a token's timer), plus whatever would leak.
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
    const warmCount = 100;
    const inFlight = 100;
    // Warm-up, then the baseline reading.
    for (let k = 0; k < warmCount; k += inFlight) await Promise.all(Array.from({ length: inFlight }, (_, j) => post(rt, benchRequest(k + j, 'memwarm'), `bench-memwarm-${k + j}-key`)));
    while (invited < warmCount) await new Promise((r) => setTimeout(r, 50));
    const reading = (label: string) => {
      collect();
      const m = process.memoryUsage();
      return {
        after: label,
        'rss MB': mb(m.rss),
        'heap used MB': mb(m.heapUsed),
        'external MB': mb(m.external),
        'running executions': rt.engine.runningCount(),
        'in memory': rt.engine.inMemoryCount(),
        'parked': rt.engine.parkedCount(),
        'DynamoDB Local RSS MB': round(rssOfPid(rt.dynamo.process?.pid) ?? NaN, 0),
      };
    };
    const readings = [reading(`warm-up (${warmCount})`)];
    const started = performance.now();
    const step = opts.count >= 5000 ? 500 : 100;

    // A steady pipeline, never drained: up to `window` onboardings between their POST and their invitation.
    // A reading is taken each time `step` more have been invited (the same ~window are then in flight).
    const window = 150;
    let next = 0;
    let pumping = true;
    const reached = () => invited - warmCount;
    const pump = (async () => {
      while (pumping && next < opts.count) {
        const room = Math.min(opts.count - next, window - (next - reached()));
        if (room <= 0) {
          await new Promise((r) => setTimeout(r, 20));
          continue;
        }
        const ids = Array.from({ length: room }, (_, k) => next + k);
        next += room;
        await Promise.all(ids.map((n) => post(rt, benchRequest(n, 'mem'), `bench-mem-${n}-key`)));
      }
    })();
    let stoppedAt: number | undefined;
    let lastReadingAt = started;
    let stalled: string | undefined;
    let lastProgress = { at: performance.now(), reached: 0 };
    for (let due = step; due <= opts.count;) {
      if (reached() >= due) {
        readings.push(reading(String(due)));
        lastReadingAt = performance.now();
        progress(`memory: ${due}/${opts.count} (${reached()} invited) rss ${readings.at(-1)!['rss MB']} MB heap ${readings.at(-1)!['heap used MB']} MB`);
        due += step;
        continue;
      }
      // The whole bench has 10 minutes: past its budget the section reports what it reached.
      if (performance.now() - started > opts.budgetMs) {
        stoppedAt = due - step;
        break;
      }
      if (reached() !== lastProgress.reached) lastProgress = { at: performance.now(), reached: reached() };
      else if (performance.now() - lastProgress.at > 120_000) {
        stalled = `no invitation for 120 s at ${reached()}`;
        break;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    pumping = false;
    await pump;
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
      ...(stalled ? { stalled } : {}),
      'onboardings per second': round(measured / ((lastReadingAt - started) / 1000), 1),
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
